import { pino } from 'pino'
import { loadConfig, paths, type AppConfig } from './config.ts'
import { openDatabase, type Database } from './db/database.ts'
import { LOG_REDACT } from './http/request-log.ts'
import { migrate } from './db/migrate.ts'
import { ensureDefaultRuleSet, failJobsOfStoppedServer } from './services/classification.service.ts'
import { seedSampleDataOnStart } from './services/sample-data.service.ts'
import { seedSampleUsers } from './services/users.service.ts'

/** Opens the database (embedded or server), applies migrations, and loads the sample data on first start. */
export async function prepareDatabase(config: AppConfig, log: (msg: string) => void): Promise<Database> {
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, log })
  const applied = await migrate(db, paths.migrations)
  if (applied.length) log(`已执行数据库迁移：${applied.join('、')}`)
  if (await ensureDefaultRuleSet(db)) log('已添加默认耕地分类规则集')
  const abandoned = await failJobsOfStoppedServer(db)
  if (abandoned) log(`上次停止时有 ${abandoned} 个分类任务未完成，已标记为失败`)
  if (config.seedOnStart) {
    const seeded = await seedSampleDataOnStart(db, {
      parcelsPerCounty: config.sampleParcelsPerCounty,
      log,
      priorityAreas: config.priorityAreas,
    })
    if (seeded)
      log(
        `示例数据加载完成：${seeded.counties} 个区县${seeded.isResumed ? '（续加载）' : ''}，${seeded.parcels} 个耕地图斑`,
      )
  }
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

export function createLogger(config: AppConfig) {
  return pino({ level: config.logLevel, redact: LOG_REDACT })
}

export { loadConfig }
