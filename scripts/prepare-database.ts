/**
 * Prepares an empty, migrated embedded database (PGlite + PostGIS) in .data-template, which a first start copies
 * instead of creating its database and running every migration: `npm install` runs it (the `prepare` script), so a
 * first `npm start` answers within seconds. Does nothing when the template already holds the current migrations.
 */
import fs from 'node:fs'
import path from 'node:path'
import { openDatabase } from '../server/src/db/database.ts'
import { TEMPLATE_DIR, isTemplateCurrent, markTemplate } from '../server/src/db/embedded-template.ts'
import { migrate } from '../server/src/db/migrate.ts'
import { paths } from '../server/src/config.ts'

if (isTemplateCurrent()) {
  console.log('空数据库模板已是最新')
  process.exit(0)
}
const started = performance.now()
console.log('正在准备空数据库模板（内嵌 PostGIS，约需 20–60 秒）……')
const work = `${TEMPLATE_DIR}.tmp-${process.pid}`
fs.rmSync(work, { recursive: true, force: true })
const db = await openDatabase({ dataDir: work })
await migrate(db, paths.migrations)
await db.close()
// the socket folder belongs to one running engine
fs.rmSync(path.join(work, '.socket'), { recursive: true, force: true })
markTemplate(work)
fs.rmSync(TEMPLATE_DIR, { recursive: true, force: true })
fs.renameSync(work, TEMPLATE_DIR)
console.log(`空数据库模板已准备好，用时 ${((performance.now() - started) / 1000).toFixed(1)} 秒`)
