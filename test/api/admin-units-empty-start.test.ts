import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { createApp } from '../../server/src/app.ts'
import { loadConfig } from '../../server/src/config.ts'
import type { Database } from '../../server/src/db/database.ts'
import { prepareDatabase } from '../../server/src/start.ts'
import { signIn } from '../support/session.ts'
import { squareRing, writeDltbShapefileZip } from '../support/dltb-fixture.ts'

/** Starting a fresh database on the embedded engine and migrating it took about a minute on the loaded machine. */
const START_TIMEOUT_MS = 300_000

/**
 * A deployment that starts empty (`SEED_ON_START=false`) on a database of its own: migrations and the administrator
 * only, then the county set up from a generated file (a fictitious 10 km square county 430922 in EPSG:4525).
 */
describe('SEED_ON_START=false: a deployment starts empty and sets up from files', () => {
  const mode = inject('databaseMode')
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'soil-empty-'))
  const dbName = `soil_empty_${process.pid}`
  let serverUrl: string | undefined
  let db: Database | undefined

  beforeAll(async () => {
    if (mode !== 'server') return
    const admin = new pg.Client({ connectionString: inject('databaseUrl') })
    await admin.connect()
    await admin.query(`DROP DATABASE IF EXISTS ${dbName}`)
    await admin.query(`CREATE DATABASE ${dbName}`)
    await admin.end()
    const url = new URL(inject('databaseUrl'))
    url.pathname = `/${dbName}`
    serverUrl = url.toString()
  })

  afterAll(async () => {
    await db?.close()
    fs.rmSync(dataDir, { recursive: true, force: true })
    if (!serverUrl) return
    const admin = new pg.Client({ connectionString: inject('databaseUrl') })
    await admin.connect()
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`)
    await admin.end()
  })

  it(
    'when the server starts with SEED_ON_START=false, then the database holds no county and only the administrator, who loads a county from a file',
    async () => {
      const base = loadConfig({ port: 0 })
      const config = {
        ...base,
        auth: { ...base.auth, isDemo: true },
        databaseUrl: serverUrl,
        dataDir,
        seedOnStart: false,
        adminScope: '430000',
      }
      db = await prepareDatabase(config, () => {})
      const {
        rows: [r],
      } = await db.query(`SELECT (SELECT count(*)::int FROM county) AS counties,
        (SELECT count(*)::int FROM farmland_parcel) AS parcels,
        (SELECT array_agg(username ORDER BY username) FROM app_user) AS users,
        (SELECT array_agg(code::text) FROM app_user_scope) AS scopes`)
      expect(r).toEqual({ counties: 0, parcels: 0, users: ['admin'], scopes: ['430000'] })

      const app = createApp({ db, config })
      const admin = await signIn(app, 'admin')
      expect((await admin.agent.get('/api/counties').expect(200)).body.counties).toEqual([])
      const file = await writeDltbShapefileZip(
        [
          { properties: { XZQDM: '430922', XZQMC: '桃江县' }, rings: [squareRing(37_600_000, 3_150_000, 10_000)] },
          {
            properties: { XZQDM: '430922100', XZQMC: '桃花江镇' },
            rings: [squareRing(37_600_000, 3_150_000, 10_000)],
          },
        ],
        { epsg: 4525, layerName: 'XZQ' },
      )
      const preview = await admin.agent
        .post('/api/admin/units/preview')
        .set('X-CSRF-Token', admin.csrfToken)
        .attach('file', Buffer.from(file), { filename: '桃江县.zip' })
      expect(preview.status, JSON.stringify(preview.body)).toBe(200)
      expect(preview.body.county).toMatchObject({ adcode: '430922', isNew: true, city: null, cityCode: '430900' })
      const applied = await admin.agent
        .post('/api/admin/units/apply')
        .set('X-CSRF-Token', admin.csrfToken)
        .send({ previewId: preview.body.previewId, cityCode: '430900', city: '益阳市' })
      expect(applied.status, JSON.stringify(applied.body)).toBe(200)
      const counties = (await admin.agent.get('/api/counties').expect(200)).body.counties
      expect(counties).toEqual([
        expect.objectContaining({ adcode: '430922', name: '桃江县', city: '益阳市', province: '湖南省' }),
      ])
      const scopes = (await admin.agent.get('/api/admin/scopes').expect(200)).body.scopes
      expect(scopes.map((s: { code: string }) => s.code)).toEqual(['430000', '430900', '430922'])
    },
    START_TIMEOUT_MS,
  )
})
