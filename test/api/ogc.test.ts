import { execFile } from 'node:child_process'
import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import { promisify } from 'node:util'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../server/src/db/database.ts'
import { connectTestDatabase, createTestApp } from '../support/connect.ts'
import { signInAs } from '../support/session.ts'
import { isGdalCliMissing, OGRINFO_PATH } from '../support/gdal-cli.ts'

/**
 * The OGC API - Features protocol of /ogc (OGC 17-069r4, 18-058r1): what a client such as QGIS or GDAL relies on.
 * What the public collections may hold is tested with the planted markers in public.test.ts.
 */
let db: Database
let app: ReturnType<typeof createTestApp>
let server: Server
/** The published plots as the public page lists them. */
let publicPlots: { id: number; bbox: [number, number, number, number] }[]

const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84'
const EPSG4490 = 'http://www.opengis.net/def/crs/EPSG/0/4490'

beforeAll(async () => {
  db = connectTestDatabase()
  app = createTestApp(db)
  publicPlots = (await request(app).get('/api/public/plots')).body.plots
  server = app.listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
})

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve))
  await db.close()
})

const firstCoordinate = (geometry: any): [number, number] => geometry.coordinates[0][0][0]

describe('OGC API - Features: landing page, conformance and collections', () => {
  it('when the landing page is read, then it links the conformance and the collections with absolute addresses', async () => {
    const res = await request(app).get('/ogc').expect(200)
    expect(res.headers['content-type']).toContain('application/json')
    const rels = Object.fromEntries(res.body.links.map((l: any) => [l.rel, l.href]))
    expect(rels.conformance).toMatch(/^http:\/\/.+\/ogc\/conformance$/)
    expect(rels.data).toMatch(/^http:\/\/.+\/ogc\/collections$/)
    const conformance = await request(app).get('/ogc/conformance').expect(200)
    expect(conformance.body.conformsTo).toEqual(
      expect.arrayContaining([
        'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
        'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
        'http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs',
      ]),
    )
  })

  it('when the collections are listed, then each has its items link, extent and CRSs; an unknown one is 404 in words', async () => {
    const res = await request(app).get('/ogc/collections').expect(200)
    expect(res.body.collections.map((c: any) => c.id)).toEqual(['plots', 'control-zones', 'counties', 'townships'])
    for (const c of res.body.collections) {
      expect(c.links.find((l: any) => l.rel === 'items').href).toMatch(new RegExp(`/ogc/collections/${c.id}/items$`))
      expect(c.crs.slice(0, 2)).toEqual([CRS84, EPSG4490])
      expect(c.storageCrs).toBe(EPSG4490)
      expect(c.extent.spatial.bbox[0]).toHaveLength(4)
    }
    const one = await request(app).get('/ogc/collections/plots').expect(200)
    expect(one.body.title).toContain('污染地块')
    const unknown = await request(app).get('/ogc/collections/farmland-parcels').expect(404)
    expect(unknown.body.error.message).toContain('没有名为“farmland-parcels”的数据集')
    await request(app).get('/ogc/no-such-thing').expect(404)
  })
})

describe('OGC API - Features: caching', () => {
  it('when a staff session reads the service, then the answer is private to him; a public reader’s may be shared', async () => {
    const staff = await signInAs(app, 'farmland')
    const own = await staff.agent.get('/ogc/collections').expect(200)
    expect(own.headers['cache-control']).toBe('private, no-cache')
    expect(own.headers.vary).toMatch(/Cookie/)
    expect(own.headers.vary).toMatch(/X-API-Key/)
    const open = await request(app).get('/ogc/collections').expect(200)
    expect(open.headers['cache-control']).toBe('no-cache')
    expect(open.headers.vary).toMatch(/X-API-Key/)
  })
})

describe('OGC API - Features: items', () => {
  it('when items are paged with limit, then the pages follow the next links without repeating and end with no next', async () => {
    expect(publicPlots.length).toBeGreaterThan(3)
    const seen: number[] = []
    let url: string | null = '/ogc/collections/plots/items?limit=2'
    while (url) {
      const res: request.Response = await request(app).get(url).expect(200)
      expect(res.headers['content-type']).toContain('application/geo+json')
      expect(res.headers['content-crs']).toBe(`<${CRS84}>`)
      expect(res.body).toMatchObject({ type: 'FeatureCollection', numberReturned: res.body.features.length })
      expect(res.body.features.length).toBeLessThanOrEqual(2)
      seen.push(...res.body.features.map((f: any) => f.id))
      const next: { href: string } | undefined = res.body.links.find((l: any) => l.rel === 'next')
      url = next ? next.href.replace(/^http:\/\/[^/]+/, '') : null
    }
    expect(seen).toHaveLength(new Set(seen).size)
    expect(seen.sort()).toEqual(publicPlots.map((p) => p.id).sort())
  })

  it('when a bbox is given, in CRS84 or in EPSG:4490 order, then only the features it touches come back', async () => {
    const target = publicPlots[0]
    const [minX, minY, maxX, maxY] = target.bbox
    const box = `${minX},${minY},${maxX},${maxY}`
    const lonLat = await request(app).get(`/ogc/collections/plots/items?bbox=${box}&limit=1000`).expect(200)
    const ids = lonLat.body.features.map((f: any) => f.id)
    expect(ids).toContain(target.id)
    expect(ids.length).toBeLessThan(publicPlots.length)
    const latLon = await request(app)
      .get(`/ogc/collections/plots/items?limit=1000`)
      .query({ bbox: `${minY},${minX},${maxY},${maxX}`, 'bbox-crs': EPSG4490 })
      .expect(200)
    expect(latLon.body.features.map((f: any) => f.id).sort()).toEqual([...ids].sort())
    const far = await request(app).get('/ogc/collections/plots/items?bbox=100,20,100.01,20.01').expect(200)
    expect(far.body.features).toEqual([])
  })

  it('when EPSG:4490 is asked for, then coordinates come latitude first and Content-Crs says so', async () => {
    const id = publicPlots[0].id
    const lonLat = await request(app).get(`/ogc/collections/plots/items/${id}`).expect(200)
    const latLon = await request(app).get(`/ogc/collections/plots/items/${id}`).query({ crs: EPSG4490 }).expect(200)
    expect(latLon.headers['content-crs']).toBe(`<${EPSG4490}>`)
    const [lon, lat] = firstCoordinate(lonLat.body.geometry)
    expect(lon).toBeGreaterThan(73)
    expect(firstCoordinate(latLon.body.geometry)).toEqual([lat, lon])
  })

  it('when a county is asked by its code, then its outline and public coverage come back', async () => {
    const res = await request(app).get('/ogc/collections/counties/items/430903').expect(200)
    expect(res.body).toMatchObject({ id: '430903', properties: { name: '赫山区', coverage: expect.any(Object) } })
    expect(res.body.properties.bbox).toBeUndefined()
    await request(app).get('/ogc/collections/counties/items/999999').expect(404)
  })

  it.each([
    ['limit=0', 'limit'],
    ['limit=abc', 'limit'],
    ['bbox=1,2,3', 'bbox'],
    ['bbox=200,20,201,21', 'bbox'],
    ['bbox=113,29,112,30', 'bbox'],
    ['crs=EPSG:4326', 'crs'],
    ['cursor=%27%3B%20DROP', 'cursor'],
    ['cursor=999', 'cursor'],
    ['colour=red', 'colour'],
  ])('when the items are asked with %s, then 400 names the parameter in words', async (query, field) => {
    const res = await request(app).get(`/ogc/collections/plots/items?${query}`).expect(400)
    expect(res.body.error.details.problems[0].field).toBe(field)
    expect(res.body.error.message).toMatch(/[\u4e00-\u9fa5]/)
  })
})

describe.skipIf(isGdalCliMissing())('OGC API - Features read by GDAL (the OAPIF driver QGIS also uses)', () => {
  it('when ogrinfo opens the service, then it lists the collections and reads every published plot', async () => {
    const { port } = server.address() as AddressInfo
    const base = `OAPIF:http://127.0.0.1:${port}/ogc`
    const run = promisify(execFile)
    const listing = await run(OGRINFO_PATH, ['-ro', '-q', base], { timeout: 60_000 })
    for (const id of ['plots', 'control-zones', 'counties', 'townships']) expect(listing.stdout).toContain(id)
    const plots = await run(OGRINFO_PATH, ['-ro', '-so', base, 'plots'], { timeout: 60_000 })
    expect(plots.stdout).toContain('Geometry: Multi Polygon')
    // pages of 3, so that GDAL follows the next links
    const all = await run(OGRINFO_PATH, ['-ro', '-al', '-geom=NO', '-oo', 'PAGE_SIZE=3', base, 'plots'], {
      timeout: 60_000,
    })
    const ids = [...all.stdout.matchAll(/^\s+id \(Integer\) = (\d+)$/gm)].map((m) => Number(m[1]))
    expect(ids.sort()).toEqual(publicPlots.map((p) => p.id).sort())
    expect(all.stdout).toContain('listName (String) =')
  })
})
