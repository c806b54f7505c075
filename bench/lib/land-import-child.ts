/**
 * One DLTB import, run by the land-import workload in its own process so that its peak RSS is the import's:
 * migrates the database (DATABASE_URL, or the embedded engine in LI_DATA_DIR), adds the county LI_ADCODE with the
 * outline LI_EXTENT (EPSG:4525), then times the dry run (read, stage, checks, report) and the apply of the valid
 * features through LandImportService, as the API calls it. Prints one line `RESULT {json}`.
 */
import fs from 'node:fs'
import path from 'node:path'
import { Writable } from 'node:stream'
import pg from 'pg'
import { loadConfig, paths } from '../../server/src/config.ts'
import { openDatabase } from '../../server/src/db/database.ts'
import { migrate } from '../../server/src/db/migrate.ts'
import type { AuthContext } from '../../server/src/services/auth.service.ts'
import { LandImportRunner } from '../../server/src/services/land-import-runner.ts'
import { LandImportService } from '../../server/src/services/land-import.service.ts'

/** Time spent per statement of sql/queries/land-import (by file name) and elsewhere, from the client's side. */
const phases: Record<string, { calls: number; seconds: number }> = {}
const statementNames = new Map<string, string>()
const queryDir = path.join(paths.queries, 'land-import')
for (const f of fs.readdirSync(queryDir))
  statementNames.set(fs.readFileSync(path.join(queryDir, f), 'utf8'), f.replace(/\.sql$/, ''))
let isTiming = false

function timeStatements() {
  const query = pg.Client.prototype.query as (...args: unknown[]) => unknown
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    if (!isTiming) return query.apply(this, args)
    const config = args[0] as string | { text?: string }
    const text = typeof config === 'string' ? config : (config?.text ?? '')
    const name = statementNames.get(text) ?? (text.length < 40 ? text : 'other')
    const t0 = performance.now()
    const record = () => {
      const p = (phases[name] ??= { calls: 0, seconds: 0 })
      p.calls++
      p.seconds += (performance.now() - t0) / 1000
    }
    const last = args.length - 1
    const callback = args[last]
    if (typeof callback === 'function')
      args[last] = (...r: unknown[]) => {
        record()
        return (callback as (...a: unknown[]) => unknown)(...r)
      }
    const result = query.apply(this, args)
    if (result instanceof Promise) result.then(record, record)
    else if (result instanceof Writable) result.once('finish', record).once('error', record)
    return result
  } as typeof pg.Client.prototype.query
}
timeStatements()

const zipPath = process.env.LI_ZIP!
const adcode = process.env.LI_ADCODE!
const extent = JSON.parse(process.env.LI_EXTENT!) as number[]
const db = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: process.env.LI_DATA_DIR! })
await migrate(db, paths.migrations)
const env = `ST_Segmentize(ST_MakeEnvelope($2::float8, $3::float8, $4::float8, $5::float8, 4525), 500)`
await db.query(
  `INSERT INTO county (adcode, name, city_code, city, province, geom, source)
   VALUES ($1::char(6), '测时县', '429900', '测时市', '测时省', ST_Multi(ST_Transform(${env}, 4490)), 'bench')
   ON CONFLICT (adcode) DO NOTHING`,
  [adcode, ...extent],
)
// its one township (测时镇, ZLDWDM's first 9 digits), covering the county
await db.query(
  `INSERT INTO township (adcode, code, name, geom)
   SELECT adcode, adcode || '001', '测时镇', geom FROM county WHERE adcode = $1 ON CONFLICT DO NOTHING`,
  [adcode],
)
const config = loadConfig({ port: 0 })
const runner = new LandImportRunner(db, { batchSize: config.landImport.batchSize })
const service = new LandImportService({ db, settings: config.landImport, runner, onChanged: () => {} })
const ctx = {
  user: { username: 'bench', role: 'farmland', counties: [{ adcode, name: '测时县' }] },
} as unknown as AuthContext

isTiming = true
const t0 = performance.now()
// the upload as the route receives it: the whole file in one buffer
const bytes = new Uint8Array(fs.readFileSync(zipPath))
const report = await service.createImport(ctx, { fileName: 'DLTB.zip', bytes }, { adcode, kind: 'dltb' })
const t1 = performance.now()
await service.apply(ctx, report.import.id, 'valid')
await runner.idle()
const t2 = performance.now()
const status = await service.status(ctx, report.import.id)
const { rows } = await db.query<{ farmland: number; context: number }>(
  `SELECT (SELECT count(*)::int FROM farmland_parcel WHERE adcode = $1) AS farmland,
          (SELECT count(*)::int FROM land_context WHERE adcode = $1) AS context`,
  [adcode],
)
await db.close()
console.log(
  `RESULT ${JSON.stringify({
    engine: db.mode,
    dryRunSeconds: (t1 - t0) / 1000,
    applySeconds: (t2 - t1) / 1000,
    totals: report.totals,
    status: status.status,
    loaded: rows[0],
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
    phases,
  })}`,
)
process.exit(0)
