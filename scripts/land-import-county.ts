/**
 * Times a 三调 DLTB import of a generated county on the embedded engine (or on DATABASE_URL): a zipped GBK Shapefile
 * of FEATURES squares (default 100,000) in EPSG:4525, the dry run (read, stage, checks) and the apply of the valid
 * features. A measurement, not a test: `npx tsx scripts/land-import-county.ts [features]`.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { loadConfig, paths } from '../server/src/config.ts'
import { openDatabase } from '../server/src/db/database.ts'
import { migrate } from '../server/src/db/migrate.ts'
import type { AuthContext } from '../server/src/services/auth.service.ts'
import { LandImportRunner } from '../server/src/services/land-import-runner.ts'
import { LandImportService } from '../server/src/services/land-import.service.ts'
import { writeDltbShapefileZip, squareRing, type DltbFeature } from '../test/support/dltb-fixture.ts'

const FEATURES = Number(process.argv[2] ?? 100_000)
const ADCODE = '429999'
const SIDE = Math.ceil(Math.sqrt(FEATURES))
const STEP_M = 60
const X0 = 37_480_000
const Y0 = 3_310_000
const CODES = ['0101', '0102', '0103', '0201K', '0301', '1104A', '1006', '0702']

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'land-import-bench-'))
const db = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir })
await migrate(db, paths.migrations)
const env = `ST_Segmentize(ST_MakeEnvelope($2::float8, $3::float8, $4::float8, $5::float8, 4525), 500)`
const extent = [X0 - 100, Y0 - 100, X0 + SIDE * STEP_M + 100, Y0 + SIDE * STEP_M + 100]
await db.query(`DELETE FROM county WHERE adcode = $1`, [ADCODE]).catch(() => {})
await db.query(
  `INSERT INTO county (adcode, name, city_code, city, province, geom, source)
   VALUES ($1::char(6), '测时县', '429900', '测时市', '测时省', ST_Multi(ST_Transform(${env}, 4490)), 'bench')`,
  [ADCODE, ...extent],
)
const features: DltbFeature[] = []
for (let i = 0; i < FEATURES; i++) {
  const x = X0 + (i % SIDE) * STEP_M
  const y = Y0 + Math.floor(i / SIDE) * STEP_M
  features.push({
    properties: {
      BSM: `${ADCODE}${String(i).padStart(12, '0')}`,
      DLBM: CODES[i % CODES.length],
      ZLDWDM: `${ADCODE}0010000000000`,
      ZLDWMC: '测时镇测时村',
      TBMJ: 2500,
      KCXS: 0.05,
    },
    rings: [squareRing(x, y, 50)],
  })
}
let started = Date.now()
const bytes = await writeDltbShapefileZip(features, { epsg: 4525 })
features.length = 0
console.log(
  `${FEATURES} features written as a zipped Shapefile (${(bytes.length / 1e6).toFixed(1)} MB) in ${(Date.now() - started) / 1000} s`,
)

const config = loadConfig({ port: 0 })
const runner = new LandImportRunner(db, { batchSize: config.landImport.batchSize, log: console.error })
const service = new LandImportService({ db, settings: config.landImport, runner, onChanged: () => {} })
const ctx = {
  user: { username: 'bench', role: 'farmland', counties: [{ adcode: ADCODE, name: '测时县' }] },
} as unknown as AuthContext
started = Date.now()
const report = await service.createImport(ctx, { fileName: 'DLTB.zip', bytes }, { adcode: ADCODE, kind: 'dltb' })
const dryRunS = (Date.now() - started) / 1000
console.log(`dry run (read, stage, checks, report): ${dryRunS} s`, report.totals)
started = Date.now()
await service.apply(ctx, report.import.id, 'valid')
await runner.idle()
const applyS = (Date.now() - started) / 1000
console.log(`apply: ${applyS} s`, await service.status(ctx, report.import.id))
console.log(`total ${(dryRunS + applyS).toFixed(1)} s on the ${db.mode} engine`)
await db.close()
fs.rmSync(dataDir, { recursive: true, force: true })
