import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import JSZip from 'jszip'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../server/src/db/database.ts'
import { parseFieldMapSetting } from '../../server/src/domain/platform-package-field-map.ts'
import { PlatformPackageCounties, PlatformPackageManifest } from '../../contracts/platform-package.ts'
import { connectTestDatabase, createTestApp } from '../support/connect.ts'
import { isGdalCliMissing } from '../support/gdal-cli.ts'
import type { Session } from '../support/session.ts'
import { signInNewUser } from '../support/users.ts'

/**
 * 上报数据包: a county of its own (439961) with a published class list, a newer draft list, published and draft
 * plots and monitoring results at points in service, retired and planned. Each package is unzipped and every
 * GeoPackage and Shapefile is read back with GDAL's command-line tools; what is not published carries MARKER.
 */
const COUNTY = '439961'
const EMPTY_COUNTY = '439962'
const LIST_ONLY_COUNTY = '439964'
const CENTRE: [number, number] = [111.55, 27.45]
const RULE_SET = `platform-package-test-${process.pid}`
const MARKER = '未发布标记甲乙'
const TOWNSHIP = `${COUNTY}001`
const run = promisify(execFile)
const OGR2OGR = path.join(path.dirname(process.env.OGRINFO_PATH ?? '/usr/bin/ogrinfo'), 'ogr2ogr')
const OGRINFO = process.env.OGRINFO_PATH ?? '/usr/bin/ogrinfo'

let db: Database
let app: ReturnType<typeof createTestApp>
let officer: Session
let otherCounty: Session
let tmp: string
let publishedListId: number

const square = (i: number, size = 0.001) => {
  const x = CENTRE[0] - 0.02 + i * 0.002
  const y = CENTRE[1]
  return `ST_Multi(ST_MakeEnvelope(${x}, ${y}, ${x + size}, ${y + size}, 4490))`
}

async function one(sql: string, params: unknown[] = []): Promise<any> {
  const { rows } = await db.query(sql, params)
  return rows[0]
}

async function addCounty(adcode: string, name: string, dx: number) {
  await db.query(
    `INSERT INTO county (adcode, name, city_code, city, province, geom, source)
     VALUES ($1, $2, '439900', '测试市', '湖南省',
       ST_Multi(ST_MakeEnvelope($3::float8 - 0.03, $4::float8 - 0.03, $3::float8 + 0.03, $4::float8 + 0.03, 4490)), 'test')`,
    [adcode, name, CENTRE[0] + dx, CENTRE[1]],
  )
}

async function addList(title: string, status: string, publishedAt: string | null, publishedVersion: number) {
  const r = await one(
    `INSERT INTO class_list (adcode, title, rule_set_version, review_status, is_complete, parcel_count, created_by,
       published_version, published_at)
     VALUES ($1, $2, $3, $4, true, 0, 'test', $5, $6::timestamptz) RETURNING id`,
    [COUNTY, title, RULE_SET, status, publishedVersion, publishedAt],
  )
  return Number(r.id)
}

async function addEntry(listId: number, parcelId: number, cls: string, summary: string) {
  await db.query(
    `INSERT INTO class_list_entry (adcode, list_id, parcel_id, class, method, soil_grade, main_pollutants, sample_count, basis)
     VALUES ($1, $2, $3, $4, 'samples', 'B', '{Cd}', 2, jsonb_build_object('summary', $5::text))`,
    [COUNTY, listId, parcelId, cls, summary],
  )
}

async function addPlot(i: number, code: string, name: string, status: string, published?: { name: string }) {
  const plot = await one(
    `INSERT INTO contaminated_plot (adcode, code, name, status, risk_level, former_industry, address, geom)
     VALUES ($1, $2, $3, $4, 'high', 'chemical', '测试镇化工路 1 号', ${square(i)}) RETURNING id`,
    [COUNTY, code, name, status],
  )
  if (published)
    await db.query(
      `INSERT INTO published_plot (adcode, id, version, code, name, status, risk_level, former_industry, address,
         negative_uses, geom)
       VALUES ($1, $2, 1, $3, $4, $5, 'high', 'chemical', '测试镇化工路 1 号', $6::jsonb, ${square(i)})`,
      [
        COUNTY,
        plot.id,
        code,
        published.name,
        status,
        JSON.stringify(status === 'listed' ? [{ useCode: 'R', basis: '土壤污染防治法第五十九条' }] : []),
      ],
    )
}

async function addPoint(code: string, name: string, status: string, results: string[]) {
  const point = await one(
    `INSERT INTO monitoring_point (adcode, code, name, level, point_type, township_code, land_use, geom, status)
     VALUES ($1, $2, $3, 'national', 'basic', $4, '0101', ST_SetSRID(ST_MakePoint($5, $6), 4490), $7) RETURNING id`,
    [COUNTY, code, name, TOWNSHIP, CENTRE[0] + 0.01, CENTRE[1] + 0.01, status],
  )
  for (const day of results)
    await db.query(
      `INSERT INTO monitoring_result (adcode, point_id, sampled_on, medium, ph, values_mg_kg)
       VALUES ($1, $2, $3, 'soil', 6.1, '{"cd": 0.52, "pb": 41}')`,
      [COUNTY, point.id, day],
    )
}

beforeAll(async () => {
  db = connectTestDatabase()
  app = createTestApp(db)
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'platform-package-'))
  await addCounty(COUNTY, '上报测试县', 0)
  await addCounty(EMPTY_COUNTY, '无清单测试县', 0.07)
  await db.query(
    `INSERT INTO township (adcode, code, name, geom) SELECT adcode, $2, '上报测试镇', geom FROM county WHERE adcode = $1`,
    [COUNTY, TOWNSHIP],
  )
  await db.query(
    `INSERT INTO class_rule_set (version, name, rules) SELECT $1, '上报测试规则', rules FROM class_rule_set WHERE is_default`,
    [RULE_SET],
  )
  const parcels: number[] = []
  for (let i = 0; i < 5; i++) {
    const r = await one(
      `INSERT INTO farmland_parcel (adcode, code, dlbm, township_code, geom) VALUES ($1, $2, '0101', $3, ${square(i)}) RETURNING id`,
      [COUNTY, `SB-${i + 1}`, TOWNSHIP],
    )
    parcels.push(Number(r.id))
  }
  const older = await addList(`旧清单${MARKER}`, 'published', '2025-01-01T00:00:00Z', 1)
  for (const id of parcels) await addEntry(older, id, 'priority', `旧依据${MARKER}`)
  publishedListId = await addList('上报测试清单', 'published', '2026-06-01T00:00:00Z', 2)
  for (const id of parcels.slice(0, 4)) await addEntry(publishedListId, id, 'safe_use', '镉 0.52 mg/kg 超过筛选值')
  const draft = await addList(`草稿清单${MARKER}`, 'draft', null, 0)
  for (const id of parcels) await addEntry(draft, id, 'strict', `草稿依据${MARKER}`)

  await addPlot(10, 'DK-1', '原化工厂甲地块', 'suspected', { name: '原化工厂甲地块' })
  await addPlot(12, 'DK-2', '原冶炼厂乙地块', 'listed', { name: '原冶炼厂乙地块' })
  await addPlot(14, 'DK-3', '原电镀厂丙地块', 'removed', { name: '原电镀厂丙地块' })
  await addPlot(16, 'DK-4', `草稿地块${MARKER}`, 'suspected')
  await addPlot(18, 'DK-5', `改名未发布${MARKER}`, 'contaminated', { name: '原焦化厂丁地块' })

  await addPoint('JC-1', '测试镇国控点一', 'active', ['2025-05-10', '2026-05-12'])
  await addPoint('JC-2', '测试镇国控点二', 'retired', ['2024-06-01'])
  await addPoint('JC-3', `规划点${MARKER}`, 'planned', ['2026-07-01'])

  officer = await signInNewUser(app, db, { role: 'farmland', scopes: [COUNTY, EMPTY_COUNTY] })
  otherCounty = await signInNewUser(app, db, { role: 'farmland', scopes: ['430903'] })
})

afterAll(async () => {
  const { rows } = await db.query(`SELECT table_name FROM information_schema.columns c
    JOIN information_schema.tables t USING (table_schema, table_name)
    WHERE c.table_schema = 'public' AND c.column_name = 'adcode' AND t.table_type = 'BASE TABLE'
      AND c.table_name NOT IN ('county', 'county_sub')`)
  let left = rows.map((r) => r.table_name as string)
  for (let pass = 0; pass < 6 && left.length; pass++) {
    const failed: string[] = []
    for (const table of left)
      await db
        .query(`DELETE FROM ${table} WHERE adcode = ANY ($1::bpchar[])`, [[COUNTY, EMPTY_COUNTY, LIST_ONLY_COUNTY]])
        .catch(() => failed.push(table))
    left = failed
  }
  await db.query(`DELETE FROM county WHERE adcode = ANY ($1::bpchar[])`, [[COUNTY, EMPTY_COUNTY, LIST_ONLY_COUNTY]])
  await db.query(`DELETE FROM class_rule_set WHERE version = $1`, [RULE_SET])
  await db.close()
  fs.rmSync(tmp, { recursive: true, force: true })
})

/** Supertest's parser for a binary body. */
function binary(res: any, callback: (err: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = []
  res.on('data', (c: Buffer) => chunks.push(c))
  res.on('end', () => callback(null, Buffer.concat(chunks)))
}

async function download(session: Session, query: Record<string, string>) {
  return session.agent.get('/api/exports/platform-package').query(query).buffer(true).parse(binary)
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

/** The package's files written to a folder of their own (Shapefiles unzipped beside), and its manifest. */
async function unpack(body: Buffer, folder: string) {
  const dir = path.join(tmp, folder)
  fs.mkdirSync(dir)
  const zip = await JSZip.loadAsync(body)
  const files = new Map<string, Uint8Array>()
  for (const name of Object.keys(zip.files)) {
    const bytes = await zip.files[name].async('uint8array')
    files.set(name, bytes)
    fs.writeFileSync(path.join(dir, name), bytes)
    if (name.endsWith('.shp.zip')) {
      const inner = await JSZip.loadAsync(bytes)
      for (const member of Object.keys(inner.files)) {
        const memberBytes = await inner.files[member].async('uint8array')
        files.set(member, memberBytes)
        fs.writeFileSync(path.join(dir, member), memberBytes)
      }
    }
  }
  const manifest = PlatformPackageManifest.parse(JSON.parse(new TextDecoder().decode(files.get('manifest.json'))))
  return { dir, files, manifest }
}

/** The features of a vector file as GDAL's ogr2ogr reads them (a Shapefile decoded by its .cpg). */
async function readFeatures(file: string): Promise<{ properties: Record<string, any>; geometry: any }[]> {
  const { stdout } = await run(OGR2OGR, ['-f', 'GeoJSON', '/vsistdout/', file], {
    timeout: 60_000,
    maxBuffer: 64 * 1024 * 1024,
  })
  return JSON.parse(stdout).features
}

describe('上报数据包: refusals', () => {
  it('when the county has no published class list, then the package is refused with 409 in words', async () => {
    const res = await officer.agent
      .get('/api/exports/platform-package')
      .query({ adcode: EMPTY_COUNTY, target: 'national' })
    expect(res.status, JSON.stringify(res.body)).toBe(409)
    expect(res.body.error.message).toContain('无清单测试县（439962）还没有已发布的分类清单')
    expect(res.body.error.details.problems[0].code).toBe('NO_PUBLISHED_CLASS_LIST')
  })

  it('when the county lies outside the scope, then 403 names the county; an unknown county is 404', async () => {
    const res = await otherCounty.agent
      .get('/api/exports/platform-package')
      .query({ adcode: COUNTY, target: 'national' })
    expect(res.status).toBe(403)
    expect(res.body.error.message).toContain('上报测试县（439961）')
    const unknown = await officer.agent
      .get('/api/exports/platform-package')
      .query({ adcode: '439969', target: 'national' })
    expect(unknown.status).toBe(404)
  })

  it('when the platform or the county code is wrong or missing, then 400 says what is expected; signed out is 401', async () => {
    const target = await officer.agent.get('/api/exports/platform-package').query({ adcode: COUNTY, target: 'city' })
    expect(target.status).toBe(400)
    expect(target.body.error.message).toContain('上报平台应为 national')
    const adcode = await officer.agent.get('/api/exports/platform-package').query({ target: 'national' })
    expect(adcode.status).toBe(400)
    const anonymous = await request(app)
      .get('/api/exports/platform-package')
      .query({ adcode: COUNTY, target: 'national' })
    expect(anonymous.status).toBe(401)
  })
})

describe.skipIf(isGdalCliMissing())('上报数据包: contents read back with GDAL', () => {
  it('when the national package is made, then every layer has the database counts in GeoPackage and GBK Shapefile, with checksums', async () => {
    const res = await download(officer, { adcode: COUNTY, target: 'national' })
    expect(res.status, res.body.toString()).toBe(200)
    expect(res.headers['content-type']).toBe('application/zip')
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('上报数据包_全国平台_上报测试县'))
    const { dir, files, manifest } = await unpack(res.body, 'national')

    expect([...files.keys()].filter((n) => !n.includes('.shp.zip') && /\.(gpkg|zip|json|txt)$/.test(n)).sort()).toEqual(
      ['DKML_439961.gpkg', 'FLQD_439961.gpkg', 'JCJG_439961.gpkg', 'manifest.json', '清单.txt'],
    )
    expect(manifest).toMatchObject({
      target: 'national',
      targetName: '全国土壤环境信息化管理平台',
      county: { adcode: COUNTY, name: '上报测试县' },
      classList: { id: publishedListId, title: '上报测试清单', publishedVersion: 2, parcelCount: 4 },
      crs: { code: 'EPSG:4490' },
      fieldMapNote: '字段对照：本地设置，非国家标准，可由管理员调整',
      fieldMapSource: '本系统默认',
    })
    expect(manifest.version).toMatch(new RegExp(`^${COUNTY}-L${publishedListId}P2-\\d{14}$`))

    const expected = {
      class_list: Number(
        (
          await one(`SELECT count(*) FROM class_list_entry WHERE adcode = $1 AND list_id = $2`, [
            COUNTY,
            publishedListId,
          ])
        ).count,
      ),
      plots: Number((await one(`SELECT count(*) FROM published_plot WHERE adcode = $1`, [COUNTY])).count),
      monitoring: Number(
        (
          await one(
            `SELECT count(*) FROM monitoring_result r JOIN monitoring_point m ON m.adcode = r.adcode AND m.id = r.point_id
             WHERE r.adcode = $1 AND m.status <> 'planned'`,
            [COUNTY],
          )
        ).count,
      ),
    }
    expect(expected).toEqual({ class_list: 4, plots: 4, monitoring: 3 })
    expect(manifest.files).toHaveLength(6)

    for (const entry of manifest.files) {
      const bytes = files.get(entry.file)!
      expect(sha256(bytes), entry.file).toBe(entry.sha256)
      expect(bytes.length).toBe(entry.bytes)
      expect(entry.featureCount).toBe(expected[entry.dataset as keyof typeof expected])
      expect(entry.crs).toBe('EPSG:4490')
      const names = entry.fields.map((f) => f.name)
      if (entry.format === 'GPKG') {
        expect(entry.encoding).toBe('UTF-8')
        const features = await readFeatures(path.join(dir, entry.file))
        expect(features, entry.file).toHaveLength(entry.featureCount)
        expect(Object.keys(features[0].properties)).toEqual(names)
        const { stdout } = await run(OGRINFO, ['-ro', '-so', '-al', path.join(dir, entry.file)], { timeout: 60_000 })
        expect(stdout).toContain(`Feature Count: ${entry.featureCount}`)
        expect(stdout).toMatch(/ID\["EPSG",4490\]/)
      } else {
        expect(entry.encoding).toBe('GBK')
        for (const m of entry.members!) expect(sha256(files.get(m.file)!), m.file).toBe(m.sha256)
        const base = entry.layer
        expect(new TextDecoder().decode(files.get(`${base}.cpg`))).toBe('GBK')
        const prj = new TextDecoder().decode(files.get(`${base}.prj`))
        expect(prj).toContain('China_Geodetic_Coordinate_System_2000')
        expect(prj).toContain('CGCS2000')
        expect(prj).toMatch(/^GEOGCS\[/)
        const features = await readFeatures(path.join(dir, `${base}.shp`))
        expect(features, entry.file).toHaveLength(entry.featureCount)
        expect(Object.keys(features[0].properties)).toEqual(names)
        expect(names.every((n) => n.length <= 10)).toBe(true)
      }
    }

    const plots = await readFeatures(path.join(dir, 'DKML_439961.shp'))
    expect(plots.map((p) => p.properties.DKMC).sort()).toEqual(
      ['原化工厂甲地块', '原冶炼厂乙地块', '原电镀厂丙地块', '原焦化厂丁地块'].sort(),
    )
    expect(Object.fromEntries(plots.map((p) => [p.properties.DKBM, p.properties.MLMC]))).toEqual({
      'DK-1': '疑似污染地块名单',
      'DK-2': '建设用地土壤污染风险管控和修复名录',
      'DK-3': '已移出名录',
      'DK-5': '污染地块名录',
    })
    const dbf = files.get('DKML_439961.dbf')!
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(dbf)).toThrow()
    expect(new TextDecoder('gbk').decode(dbf)).toContain('原冶炼厂乙地块')
    expect(new TextDecoder('gbk').decode(dbf)).toContain('建设用地土壤污染风险管控和修复名录')

    const classes = await readFeatures(path.join(dir, 'FLQD_439961.gpkg'))
    expect(new Set(classes.map((f) => f.properties.LBMC))).toEqual(new Set(['安全利用类']))
    expect(new Set(classes.map((f) => f.properties.QDBH))).toEqual(new Set([publishedListId]))
    const results = await readFeatures(path.join(dir, 'JCJG_439961.shp'))
    expect(results.map((f) => `${f.properties.DWBM} ${f.properties.CYRQ}`).sort()).toEqual([
      'JC-1 2025-05-10',
      'JC-1 2026-05-12',
      'JC-2 2024-06-01',
    ])
    expect(results[0].properties).toMatchObject({
      DWMC: expect.stringContaining('测试镇国控点'),
      CD_MGKG: 0.52,
      PB_MGKG: 41,
    })
    expect(results[0].geometry.type).toBe('Point')

    const listing = new TextDecoder().decode(files.get('清单.txt'))
    expect(listing).toContain('上报测试县（439961）')
    for (const entry of manifest.files) expect(listing).toContain(entry.sha256)
    expect(listing).toContain('字段对照：本地设置，非国家标准，可由管理员调整')
  })

  it('when drafts, older lists, unpublished plot edits and planned points carry a marker, then no file of the package holds it', async () => {
    const res = await download(officer, { adcode: COUNTY, target: 'provincial' })
    expect(res.status).toBe(200)
    const { files, manifest } = await unpack(res.body, 'leak')
    expect(manifest.targetName).toBe('省级土壤环境信息化管理子平台')
    expect(files.size).toBeGreaterThan(10)
    for (const [name, bytes] of files) {
      const text = name.endsWith('.dbf') ? new TextDecoder('gbk').decode(bytes) : Buffer.from(bytes).toString('utf8')
      expect(text, name).not.toContain(MARKER)
      expect(text, name).not.toContain('草稿地块')
    }
    const gpkg = Buffer.from(files.get('DKML_439961.gpkg')!)
    expect(gpkg.includes(Buffer.from('原焦化厂丁地块'))).toBe(true)
  })

  it('when a county has a published class list but no published plots and no results, then those layers are empty with every field', async () => {
    await addCounty(LIST_ONLY_COUNTY, '只有清单测试县', 0.14)
    const parcel = await one(
      `INSERT INTO farmland_parcel (adcode, code, dlbm, geom) VALUES ($1, 'QD-1', '0103', ${square(70)}) RETURNING id`,
      [LIST_ONLY_COUNTY],
    )
    const list = await one(
      `INSERT INTO class_list (adcode, title, rule_set_version, review_status, is_complete, parcel_count, created_by,
         published_version, published_at)
       VALUES ($1, '只有清单', $2, 'published', true, 1, 'test', 1, now()) RETURNING id`,
      [LIST_ONLY_COUNTY, RULE_SET],
    )
    await db.query(
      `INSERT INTO class_list_entry (adcode, list_id, parcel_id, class, method, basis)
       VALUES ($1, $2, $3, 'priority', 'samples', '{"summary": "未超过筛选值"}')`,
      [LIST_ONLY_COUNTY, list.id, parcel.id],
    )
    const session = await signInNewUser(app, db, { role: 'environment', scopes: [LIST_ONLY_COUNTY] })
    const res = await download(session, { adcode: LIST_ONLY_COUNTY, target: 'national' })
    expect(res.status, res.body.toString()).toBe(200)
    const { dir, manifest } = await unpack(res.body, 'list-only')
    expect(Object.fromEntries(manifest.files.map((f) => [f.file, f.featureCount]))).toEqual({
      'FLQD_439964.gpkg': 1,
      'FLQD_439964.shp.zip': 1,
      'DKML_439964.gpkg': 0,
      'DKML_439964.shp.zip': 0,
      'JCJG_439964.gpkg': 0,
      'JCJG_439964.shp.zip': 0,
    })
    for (const file of ['DKML_439964.gpkg', 'DKML_439964.shp', 'JCJG_439964.gpkg', 'JCJG_439964.shp']) {
      const { stdout } = await run(OGRINFO, ['-ro', '-so', '-al', path.join(dir, file)], { timeout: 60_000 })
      expect(stdout, file).toContain('Feature Count: 0')
      const layer = file.startsWith('DKML') ? 'plots' : 'monitoring'
      const names = manifest.files.find((f) => f.dataset === layer)!.fields.map((f) => f.name)
      for (const name of names) expect(stdout, `${file} ${name}`).toMatch(new RegExp(`^${name}: `, 'm'))
      expect(stdout).toMatch(file.startsWith('DKML') ? /Geometry: (Multi )?Polygon/ : /Geometry: Point/)
    }
  })

  it('when the administrator renames fields for one platform, then that platform’s files carry the names and the other keeps the defaults', async () => {
    const renamed = createTestApp(db, {
      platformPackage: {
        fieldMap: parseFieldMapSetting({ national: { plots: { DKMC: 'DKMC_GJ', DKBM: 'DKBH' } } }),
        fieldMapFile: 'platform-field-map.json',
      },
    })
    const session = await signInNewUser(renamed, db, { role: 'approver', scopes: [COUNTY] })
    const national = await unpack((await download(session, { adcode: COUNTY, target: 'national' })).body, 'renamed')
    const plots = await readFeatures(path.join(national.dir, 'DKML_439961.shp'))
    expect(Object.keys(plots[0].properties)).toEqual(expect.arrayContaining(['DKBH', 'DKMC_GJ']))
    expect(Object.keys(plots[0].properties)).not.toContain('DKMC')
    const field = national.manifest.files
      .find((f) => f.file === 'DKML_439961.gpkg')!
      .fields.find((f) => f.source === 'DKMC')
    expect(field).toMatchObject({ name: 'DKMC_GJ', title: '地块名称' })
    expect(national.manifest.fieldMapSource).toBe('管理员设置（platform-field-map.json）')
    const counties = PlatformPackageCounties.parse(
      (await session.agent.get('/api/exports/platform-package/counties')).body,
    )
    const dkmc = counties.layers.find((l) => l.dataset === 'plots')!.fields.find((f) => f.source === 'DKMC')
    expect(dkmc).toEqual({ source: 'DKMC', title: '地块名称', national: 'DKMC_GJ', provincial: 'DKMC' })
  })
})

describe('上报数据包: the counties of the page', () => {
  it('when the officer opens the page, then each county says what its package would hold or why none can be made', async () => {
    const res = await officer.agent.get('/api/exports/platform-package/counties')
    expect(res.status).toBe(200)
    const body = PlatformPackageCounties.parse(res.body)
    const byCode = Object.fromEntries(body.counties.map((c) => [c.adcode, c]))
    expect(byCode[COUNTY]).toMatchObject({ classList: { id: publishedListId }, plots: 4, results: 3, refusal: null })
    expect(byCode[EMPTY_COUNTY]).toMatchObject({ classList: null, plots: 0, results: 0 })
    expect(byCode[EMPTY_COUNTY].refusal).toContain('还没有已发布的分类清单')
    expect(body.fieldMapNote).toBe('字段对照：本地设置，非国家标准，可由管理员调整')
  })
})
