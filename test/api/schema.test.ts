import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../server/src/db/database.ts'
import { migrate } from '../../server/src/db/migrate.ts'
import { paths } from '../../server/src/config.ts'
import { TEST_PARCELS_PER_COUNTY } from '../support/test-database.ts'
import { connectTestDatabase } from '../support/connect.ts'
import { SAMPLE_PASSWORD } from '../../server/src/services/users.service.ts'

let db: Database

beforeAll(() => {
  db = connectTestDatabase()
})
afterAll(() => db.close())

describe('migrations', () => {
  it('when run again, then nothing is applied twice', async () => {
    expect(await migrate(db, paths.migrations)).toEqual([])
  })

  it('when an applied migration was edited, then start-up stops and names the file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'soil-mig-'))
    for (const f of fs.readdirSync(paths.migrations)) fs.copyFileSync(path.join(paths.migrations, f), path.join(dir, f))
    fs.appendFileSync(path.join(dir, '002_admin_units.sql'), '\n-- edited\n')
    await expect(migrate(db, dir)).rejects.toThrow(/002_admin_units\.sql 内容被修改/)
    fs.rmSync(dir, { recursive: true })
  })

  it('when the history is updated or deleted, then the database refuses: it is append-only', async () => {
    await expect(db.query(`UPDATE change_history SET reason = 'x'`)).rejects.toThrow(/只能追加/)
    await expect(db.query(`DELETE FROM change_history`)).rejects.toThrow(/只能追加/)
  })
})

describe('sample data as loaded', () => {
  it('when loaded, then every parcel is valid, inside its county, in a township, marked generated, and none overlap', async () => {
    const {
      rows: [r],
    } = await db.query(`
      SELECT count(*)::int AS parcels,
             count(*) FILTER (WHERE NOT ST_IsValid(p.geom))::int AS invalid,
             count(*) FILTER (WHERE NOT ST_Within(p.geom, c.geom))::int AS outside,
             count(*) FILTER (WHERE p.township_code IS NULL)::int AS no_township,
             count(*) FILTER (WHERE NOT p.is_generated)::int AS unmarked,
             min(ST_NPoints(p.geom))::int AS min_points, max(ST_NPoints(p.geom))::int AS max_points
      FROM farmland_parcel p JOIN county c USING (adcode)`)
    expect(r).toMatchObject({ invalid: 0, outside: 0, no_township: 0, unmarked: 0 })
    expect(r.parcels).toBeGreaterThan(TEST_PARCELS_PER_COUNTY * 2 * 0.95)
    expect(r.min_points).toBeGreaterThanOrEqual(10)
    expect(r.max_points).toBeLessThanOrEqual(31)
    const {
      rows: [o],
    } = await db.query(`
      SELECT count(*)::int AS n FROM farmland_parcel a JOIN farmland_parcel b
        ON a.adcode = b.adcode AND a.id < b.id AND a.geom && b.geom AND ST_Intersects(a.geom, b.geom)`)
    expect(o.n).toBe(0)
  })

  it('when loaded, then the geodetic area and the 3857 copy are kept by the database', async () => {
    const {
      rows: [r],
    } = await db.query(`
      SELECT count(*) FILTER (WHERE abs(area_m2 - ST_Area(geom::geography)) > 0.01)::int AS wrong_area,
             count(*) FILTER (WHERE ST_SRID(geom_3857) <> 3857)::int AS wrong_srid,
             avg(area_m2) AS mean_area_m2
      FROM farmland_parcel`)
    expect(r.wrong_area).toBe(0)
    expect(r.wrong_srid).toBe(0)
    expect(r.mean_area_m2).toBeGreaterThan(2500)
    expect(r.mean_area_m2).toBeLessThan(4500)
  })

  it('when loaded, then townships partition each county (generated outlines, real codes and names)', async () => {
    const { rows } = await db.query(`
      SELECT c.adcode, ST_Area(c.geom::geography) AS county_m2, sum(ST_Area(t.geom::geography)) AS townships_m2,
             bool_and(t.is_generated) AS generated, count(*)::int AS n
      FROM county c JOIN township t USING (adcode) GROUP BY c.adcode, c.geom`)
    expect(rows).toHaveLength(2)
    for (const r of rows) {
      expect(r.generated).toBe(true)
      expect(Math.abs(r.townships_m2 - r.county_m2) / r.county_m2).toBeLessThan(0.001)
    }
  })

  it('when loaded, then the load itself is in the history with who and why', async () => {
    const { rows } = await db.query(
      `SELECT adcode, actor, reason, after FROM change_history WHERE action = 'import' ORDER BY adcode`,
    )
    expect(rows.map((r) => r.adcode)).toEqual(['220322', '430903'])
    expect(rows[0].actor).toBe('sample-data')
    expect(rows[0].after.isGenerated).toBe(true)
  })

  it('when loaded, then listed plots carry the negative list of 第六十一条', async () => {
    const { rows } = await db.query(`
      SELECT p.status, array_agg(n.use_code ORDER BY n.use_code) AS uses FROM contaminated_plot p
      JOIN plot_negative_use n ON n.adcode = p.adcode AND n.plot_id = p.id
      WHERE p.is_generated AND n.created_by = 'sample-data' GROUP BY p.adcode, p.id, p.status`)
    expect(rows.length).toBeGreaterThan(0)
    for (const r of rows) {
      expect([
        'listed',
        'risk_control',
        'remediation',
        'effect_evaluation',
        'removal_applied',
        'control_zone',
      ]).toContain(r.status)
      expect(r.uses).toEqual(['A', 'R'])
    }
  })
})

describe('accounts as seeded', () => {
  it('when seeded, then one sample account per role exists, scoped as documented, with a scrypt hash and no plain password', async () => {
    const { rows } = await db.query(
      `
      SELECT u.username, u.role, u.password_hash, u.is_generated,
             ARRAY(SELECT code::text FROM app_user_scope s WHERE s.user_id = u.id ORDER BY code) AS scopes
      FROM app_user u WHERE u.username = ANY($1) ORDER BY u.username`,
      [['admin', 'gengdi', 'huanjing', 'shending', 'ziyuan']],
    )
    expect(rows.map((r) => [r.username, r.role, r.scopes])).toEqual([
      ['admin', 'admin', ['430000']],
      ['gengdi', 'farmland', ['430903']],
      ['huanjing', 'environment', ['430903']],
      ['shending', 'approver', ['430903']],
      ['ziyuan', 'land', ['430903']],
    ])
    for (const r of rows) {
      expect(r.is_generated).toBe(true)
      expect(r.password_hash).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/)
      expect(r.password_hash).not.toContain(SAMPLE_PASSWORD)
    }
  })

  it('when the session table is read, then it keeps a token hash and no column for the token itself', async () => {
    const { rows } = await db.query(
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'user_session' ORDER BY ordinal_position`,
    )
    expect(rows.map((r) => r.column_name)).toEqual([
      'token_hash',
      'user_id',
      'csrf_token',
      'created_at',
      'last_seen_at',
      'expires_at',
    ])
  })

  it('when the published tables are read, then they have no column for internal fields', async () => {
    const { rows } = await db.query(`SELECT table_name, column_name FROM information_schema.columns
      WHERE table_name IN ('published_plot', 'published_control_zone')`)
    const columns = rows.map((r) => r.column_name)
    expect(columns.length).toBeGreaterThan(20)
    for (const internal of ['contact', 'land_user', 'review_reason', 'review_status'])
      expect(columns).not.toContain(internal)
  })
})
