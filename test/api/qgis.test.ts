import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../server/src/db/database.ts'
import { connectTestDatabase, createTestApp } from '../support/connect.ts'
import { issueOgcKey } from '../support/ogc-keys.ts'
import { isQgisMissing, readWithQgis } from '../support/qgis-cli.ts'
import { signIn, type Session } from '../support/session.ts'
import { tileAt } from '../support/tiles.ts'
import { BOTH_TEST_COUNTIES, createTestUser } from '../support/users.ts'

/**
 * The real QGIS (3.22, Debian's python3-qgis, headless) reads the data sharing service as an officer's desktop does:
 * a public collection with no key, an internal one with a data sharing key sent as a header, and the parcel vector
 * tiles through the TileJSON asked for with the same key (QGIS 3.22's vector tile layer sends no custom header).
 */
let db: Database
let app: ReturnType<typeof createTestApp>
let server: Server
let base: string
let admin: Session

interface OapifRead {
  collection: string
  withKey: boolean
  valid: boolean
  crs?: string
  count?: number
  invalidGeometries?: number
  fields?: string[]
}
interface TilesRead {
  layer: string
  withKey: boolean
  tilejsonStatus: number
  tilejsonValid: boolean
  valid: boolean
  tileStatus: number
  tileBytes: number
  tileIsMvt: boolean
}

beforeAll(async () => {
  db = connectTestDatabase()
  app = createTestApp(db)
  const user = await createTestUser(db, { role: 'admin', scopes: BOTH_TEST_COUNTIES })
  admin = await signIn(app, user.username, user.password)
  server = app.listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve))
  await db.close()
})

describe.skipIf(isQgisMissing())('the data sharing service read by QGIS', () => {
  it('when QGIS adds a public and an internal collection and the parcel tiles, then it reads every feature the database holds, and nothing internal without the key', async () => {
    const { key } = await issueOgcKey(admin, {
      collections: ['farmland-parcels'],
      adcodes: ['430903'],
      holder: '县自然资源局（QGIS 测试）',
    })
    const { rows: parcel } = await db.query<{ lon: number; lat: number }>(
      `SELECT ST_X(ST_PointOnSurface(geom)) AS lon, ST_Y(ST_PointOnSurface(geom)) AS lat
         FROM farmland_parcel WHERE adcode = '430903' ORDER BY id LIMIT 1`,
    )
    const t = tileAt(parcel[0].lon, parcel[0].lat, 14)
    const read = await readWithQgis<{ oapif: OapifRead[]; tiles: TilesRead[] }>({
      base,
      key,
      oapif: [
        { collection: 'plots', withKey: false },
        { collection: 'farmland-parcels', withKey: true },
        { collection: 'farmland-parcels', withKey: false },
      ],
      tiles: [
        { layer: 'parcel', withKey: true, tile: [t.z, t.x, t.y] },
        { layer: 'parcel', withKey: false, tile: [t.z, t.x, t.y] },
      ],
    })
    const [plots, parcels, parcelsWithoutKey] = read.oapif
    const published = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM published_plot')
    expect(plots).toMatchObject({ valid: true, count: published.rows[0].n, invalidGeometries: 0 })
    expect(published.rows[0].n).toBeGreaterThan(0)
    expect(plots.fields).toEqual(expect.arrayContaining(['code', 'name', 'status', 'negativeUses']))
    const own = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM farmland_parcel WHERE adcode = '430903'`)
    expect(parcels, JSON.stringify(parcels)).toMatchObject({ valid: true, count: own.rows[0].n, invalidGeometries: 0 })
    expect(parcels.crs).toMatch(/^(OGC:CRS84|EPSG:4326|EPSG:4490)$/)
    expect(parcels.fields).toEqual(expect.arrayContaining(['code', 'class', 'class_label', 'basis_summary']))
    // QGIS may keep the collection's description from the keyed request; without the key it reads no parcel
    expect(parcelsWithoutKey.count ?? 0, JSON.stringify(parcelsWithoutKey)).toBe(0)

    const [tiles, tilesWithoutKey] = read.tiles
    expect(tiles).toMatchObject({ tilejsonStatus: 200, tilejsonValid: true, valid: true, tileStatus: 200 })
    expect(tiles.tileBytes).toBeGreaterThan(0)
    expect(tiles.tileIsMvt).toBe(true)
    expect(tilesWithoutKey).toMatchObject({ tilejsonStatus: 401, tileStatus: 401 })
  }, 300_000)
})
