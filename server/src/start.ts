import { pino } from 'pino'
import { loadConfig, paths, type AppConfig } from './config.ts'
import { openDatabase, type Database } from './db/database.ts'
import { textLogStream } from './http/log-lines.ts'
import { LOG_REDACT } from './http/request-log.ts'
import { migrate } from './db/migrate.ts'
import { ensureDefaultRuleSet, failJobsOfStoppedServer } from './services/classification.service.ts'
import { seedSampleDataOnStart, type SampleLoadProgress } from './services/sample-data.service.ts'
import { seedSampleUsers } from './services/users.service.ts'

/**
 * Opens the database (embedded or server), applies migrations and creates the accounts: what the server needs before
 * it answers. The sample data of a first start is loaded afterwards ({@link seedSampleData}).
 */
export async function openAppDatabase(config: AppConfig, log: (msg: string) => void): Promise<Database> {
  const db = await openDatabase({
    databaseUrl: config.databaseUrl,
    readUrl: config.databaseReadUrl,
    dataDir: config.dataDir,
    log,
  })
  const applied = await migrate(db, paths.migrations)
  if (applied.length)
    log(
      applied.length > 3
        ? `已执行数据库迁移 ${applied.length} 个（${applied[0]} … ${applied[applied.length - 1]}）`
        : `已执行数据库迁移：${applied.join('、')}`,
    )
  if (await ensureDefaultRuleSet(db)) log('已添加默认耕地分类规则集')
  const abandoned = await failJobsOfStoppedServer(db)
  if (abandoned) log(`上次停止时有 ${abandoned} 个分类任务未完成，已标记为失败`)
  const users = await seedSampleUsers(db, {
    mustChangePassword: !config.auth.isDemo,
    adminOnly: config.seedOnStart ? undefined : { scope: config.adminScope },
  })
  if (users)
    log(
      `已创建 ${users} 个${config.seedOnStart ? '示例' : '系统管理员'}账户（见 README“示例账户”）${config.auth.isDemo ? '；演示模式，无须修改初始密码' : '；首次登录须修改密码'}`,
    )
  return db
}

/** Loads the sample data of a first start (or the rest of an interrupted one), when the settings ask for it. */
export async function seedSampleData(
  db: Database,
  config: AppConfig,
  log: (msg: string) => void,
  watch: { progress?: SampleLoadProgress; onCountyLoaded?: (county: { adcode: string; name: string }) => void } = {},
): Promise<void> {
  if (!config.seedOnStart) return
  const seeded = await seedSampleDataOnStart(db, {
    parcelsPerCounty: config.sampleParcelsPerCounty,
    log,
    priorityAreas: config.priorityAreas,
    ...watch,
  })
  if (seeded)
    log(
      `示例数据加载完成：${seeded.counties} 个区县${seeded.isResumed ? '（续加载）' : ''}，${seeded.parcels} 个耕地图斑`,
    )
}

/** Opens the database and loads the sample data before answering (scripts and tests). */
export async function prepareDatabase(config: AppConfig, log: (msg: string) => void): Promise<Database> {
  const db = await openAppDatabase(config, log)
  await seedSampleData(db, config, log)
  return db
}

export function createLogger(config: AppConfig) {
  const options = { level: config.logLevel, redact: LOG_REDACT }
  return config.logFormat === 'text' ? pino(options, textLogStream(process.stdout)) : pino(options)
}

export { loadConfig }
