import { parseArgs } from 'node:util'
import { loadConfig, paths } from '../server/src/config.ts'
import { openDatabase } from '../server/src/db/database.ts'
import { migrate } from '../server/src/db/migrate.ts'
import {
  clearData,
  loadSampleData,
  seedSampleDataOnStart,
  type SampleScale,
} from '../server/src/services/sample-data.service.ts'

/**
 * `npm run seed -- --scale sample|county|city`: replaces all data with generated sample data on the configured
 * database (DATABASE_URL, or the embedded one in DATA_DIR). county = 100k parcels, city = 1M (docs/perf-targets.md).
 */
const { values } = parseArgs({ options: { scale: { type: 'string', default: 'sample' }, parcels: { type: 'string' } } })
const scale = values.scale as SampleScale
if (!['sample', 'county', 'city'].includes(scale)) {
  console.error(`未知的数据规模 “${values.scale}”，可选：sample（默认）、county（10 万图斑）、city（100 万图斑）`)
  process.exit(2)
}
const config = loadConfig()
const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, log: console.log })
const started = Date.now()
await migrate(db, paths.migrations)
await clearData(db)
const parcelsPerCounty = values.parcels ? Number(values.parcels) : config.sampleParcelsPerCounty
// the default sample is recorded as a start-up load would be, so a start after an interrupted seed finishes it
const result =
  scale === 'sample'
    ? (await seedSampleDataOnStart(db, { parcelsPerCounty, log: console.log }))!
    : await loadSampleData(db, { scale, parcelsPerCounty, log: console.log })
await db.query('ANALYZE')
console.log(
  `完成：${result.counties} 个区县，${result.parcels} 个耕地图斑，用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒`,
)
await db.close()
