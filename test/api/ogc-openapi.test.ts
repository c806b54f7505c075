import { execFile } from 'node:child_process'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { promisify } from 'node:util'
import { Validator } from '@seriousme/openapi-schema-validator'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../server/src/db/database.ts'
import { connectTestDatabase, createTestApp } from '../support/connect.ts'
import { isGdalCliMissing, OGRINFO_PATH } from '../support/gdal-cli.ts'
import { issueOgcKey } from '../support/ogc-keys.ts'
import { signInAs } from '../support/session.ts'

/**
 * The OpenAPI 3.0 document of /ogc (OGC 17-069r4 conformance class OpenAPI 3.0): it validates against the OpenAPI
 * schema, names only the collections its reader may read, and every path it documents answers.
 */
let db: Database
let app: ReturnType<typeof createTestApp>
let key: string
/** The public collections, as /ogc/collections lists them to anyone. */
let publicIds: string[]
const MEDIA_TYPE = 'application/vnd.oai.openapi+json;version=3.0'

/** Validates a document; `errors` when it does not. */
async function validate(document: unknown) {
  return new Validator().validate(structuredClone(document) as Record<string, unknown>)
}

/** The collection ids of a document's paths. */
const documentedCollections = (document: any) =>
  [
    ...new Set(
      Object.keys(document.paths)
        .map((p) => /^\/collections\/([^/]+)/.exec(p)?.[1])
        .filter(Boolean),
    ),
  ].sort()

beforeAll(async () => {
  db = connectTestDatabase()
  app = createTestApp(db)
  const admin = await signInAs(app, 'admin')
  const issued = await issueOgcKey(admin, {
    collections: ['farmland-parcels'],
    adcodes: ['430903'],
    holder: `接口文档测试${Date.now().toString(36)}`,
    holderKind: 'system',
    expiresInDays: 3,
  })
  key = issued.key
  publicIds = (await request(app).get('/ogc/collections').expect(200)).body.collections.map((c: any) => c.id)
  expect(publicIds).toEqual(expect.arrayContaining(['plots', 'control-zones', 'counties']))
})

afterAll(async () => {
  await db.close()
})

describe.skipIf(isGdalCliMissing())('the OpenAPI document as GDAL reads it', () => {
  let server: Server
  beforeAll(async () => {
    server = app.listen(0, '127.0.0.1')
    await new Promise((resolve) => server.once('listening', resolve))
  })
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve))
  })

  it('when ogrinfo is given a -where on queryables, then GDAL sends it to the server as a filter and counts the same', async () => {
    const { port } = server.address() as AddressInfo
    const where = "list = 'suspected'"
    const expected = await request(app)
      .get('/ogc/collections/plots/items')
      .query({ filter: where, limit: 1000 })
      .expect(200)
    expect(expected.body.features.length).toBeGreaterThan(0)
    const all = await request(app).get('/ogc/collections/plots/items?limit=1000').expect(200)
    expect(expected.body.features.length).toBeLessThan(all.body.features.length)
    const run = promisify(execFile)
    const out = await run(
      OGRINFO_PATH,
      ['-ro', '-al', '-geom=NO', '--debug', 'on', '-where', where, `OAPIF:http://127.0.0.1:${port}/ogc`, 'plots'],
      { timeout: 60_000 },
    )
    expect(out.stderr).toMatch(/\/ogc\/collections\/plots\/items\?[^\s]*filter=list[^\s]*filter-lang=cql-text/)
    const ids = [...out.stdout.matchAll(/^\s+id \(Integer\) = (\d+)$/gm)].map((m) => Number(m[1]))
    expect(ids.sort()).toEqual(expected.body.features.map((f: any) => f.id).sort())
  })
})

describe('OGC API - Features: the OpenAPI 3.0 document', () => {
  it('when the landing page is read, then service-desc points to /ogc/api as OpenAPI 3.0 and service-doc to its page', async () => {
    const landing = await request(app).get('/ogc').expect(200)
    const desc = landing.body.links.find((l: any) => l.rel === 'service-desc')
    expect(desc).toMatchObject({ type: MEDIA_TYPE, href: expect.stringMatching(/^http:\/\/.+\/ogc\/api$/) })
    const doc = landing.body.links.find((l: any) => l.rel === 'service-doc')
    expect(doc).toMatchObject({ type: 'text/html', href: expect.stringMatching(/\/ogc\/api\?f=html$/) })
    const conformance = await request(app).get('/ogc/conformance').expect(200)
    expect(conformance.body.conformsTo).toEqual(
      expect.arrayContaining([
        'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30',
        'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html',
      ]),
    )
  })

  it('when the public reads the document, then it validates as OpenAPI 3.0 and lists the public collections only', async () => {
    const res = await request(app).get('/ogc/api').expect(200)
    expect(res.headers['content-type']).toMatch(/^application\/vnd\.oai\.openapi\+json; ?version=3\.0/)
    const document = JSON.parse(res.text)
    const result = await validate(document)
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined()
    expect(result.valid).toBe(true)
    expect(document.openapi).toMatch(/^3\.0\./)
    expect(document.servers[0].url).toMatch(/^http:\/\/.+\/ogc$/)
    expect(documentedCollections(document)).toEqual([...publicIds].sort())
    expect(res.text).not.toContain('farmland-parcels')
    const items = document.paths['/collections/plots/items'].get
    const parameters = items.parameters.map((p: any) =>
      p.$ref ? document.components.parameters[p.$ref.split('/').pop()].name : p.name,
    )
    expect(parameters).toEqual(
      expect.arrayContaining(['limit', 'bbox', 'bbox-crs', 'crs', 'cursor', 'datetime', 'filter', 'filter-lang']),
    )
    expect(parameters).toEqual(expect.arrayContaining(['filter-crs', 'key', 'f']))
    expect(Object.keys(items.responses['200'].content)).toEqual(
      expect.arrayContaining(['application/geo+json', 'text/html']),
    )
    expect(document.components.securitySchemes).toMatchObject({
      apiKeyHeader: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
      apiKeyQuery: { type: 'apiKey', in: 'query', name: 'key' },
    })
    expect(document.info.title).toMatch(/[\u4e00-\u9fa5]/)
    const validator = new Validator()
    await validator.validate(document)
    expect(() => validator.resolveRefs()).not.toThrow()
  })

  it('when a key for an internal collection reads the document, then that collection is listed, needing the key', async () => {
    const res = await request(app).get('/ogc/api').set('X-API-Key', key).expect(200)
    const document = JSON.parse(res.text)
    expect((await validate(document)).valid).toBe(true)
    expect(documentedCollections(document)).toEqual([...publicIds, 'farmland-parcels'].sort())
    expect(document.paths['/collections/farmland-parcels/items'].get.security).toEqual([
      { apiKeyHeader: [] },
      { apiKeyQuery: [] },
    ])
    expect(document.paths['/collections/plots/items'].get.security).toBeUndefined()
  })

  it.each([
    ['without info', (d: any) => delete d.info],
    ['with an operation without responses', (d: any) => delete d.paths['/collections/plots/items'].get.responses],
    ['with a parameter of an unknown place', (d: any) => (d.components.parameters.limit.in = 'body')],
    ['with a path not starting with /', (d: any) => (d.paths['collections'] = d.paths['/collections'])],
  ])('when a copy of the document is broken (%s), then the validator refuses it', async (_what, breakIt) => {
    const document = JSON.parse((await request(app).get('/ogc/api').expect(200)).text)
    breakIt(document)
    const result = await validate(document)
    expect(result.valid).toBe(false)
    expect(result.errors).toBeDefined()
  })

  it('when every documented path is asked for, then each answers 200 in JSON and as a page', async () => {
    const document = JSON.parse((await request(app).get('/ogc/api').set('X-API-Key', key).expect(200)).text)
    const server = new URL(document.servers[0].url).pathname
    const readable = [...publicIds, 'farmland-parcels']
    const firstIds: Record<string, string> = {}
    for (const id of readable) {
      const page = await request(app).get(`/ogc/collections/${id}/items?limit=1`).set('X-API-Key', key).expect(200)
      if (page.body.features.length) firstIds[id] = String(page.body.features[0].id)
    }
    expect(Object.keys(firstIds)).toEqual(expect.arrayContaining(['plots', 'counties', 'farmland-parcels']))
    const paths = Object.keys(document.paths)
    expect(paths.length).toBe(4 + 4 * readable.length)
    for (const path of paths) {
      const collection = /^\/collections\/([^/]+)/.exec(path)?.[1] ?? ''
      if (path.includes('{featureId}') && !firstIds[collection]) continue
      const url = server + path.replace('{featureId}', encodeURIComponent(firstIds[collection] ?? ''))
      const json = await request(app).get(url).set('X-API-Key', key)
      expect(json.status, `${url} ${json.text.slice(0, 200)}`).toBe(200)
      expect(json.headers['content-type'], url).toMatch(/json/)
      const html = await request(app).get(`${url}?f=html`).set('X-API-Key', key)
      expect(html.status, `${url}?f=html`).toBe(200)
      expect(html.headers['content-type'], `${url}?f=html`).toContain('text/html')
    }
  })

  it('when a collection has queryables, then its items path lists each as a parameter and filter-lang takes cql-text', async () => {
    const document = JSON.parse((await request(app).get('/ogc/api').set('X-API-Key', key).expect(200)).text)
    const parameters = document.paths['/collections/farmland-parcels/items'].get.parameters
    const inline = parameters.filter((p: any) => !p.$ref)
    expect(inline.map((p: any) => p.name)).toEqual(
      expect.arrayContaining(['class', 'dlbm', 'township_code', 'area_mu']),
    )
    expect(inline.find((p: any) => p.name === 'class')).toMatchObject({
      in: 'query',
      schema: { type: 'string', enum: expect.arrayContaining(['priority', 'strict']) },
      description: expect.stringMatching(/[\u4e00-\u9fa5]/),
    })
    expect(inline.find((p: any) => p.name === 'area_mu').schema.type).toBe('number')
    expect(document.components.parameters.filterLang.schema.enum).toEqual(['cql2-text', 'cql-text'])
    const counties = await request(app).get('/ogc/collections').expect(200)
    const offered = counties.body.collections[0].crs
    expect(document.components.parameters.crs.schema.enum).toEqual(offered)
  })

  it('when the document is asked as a page, then each path is listed with its parameters in words', async () => {
    const res = await request(app).get('/ogc/api?f=html').expect(200)
    expect(res.headers['content-type']).toContain('text/html')
    expect(res.text).toContain('/ogc/collections/plots/items')
    expect(res.text).toContain('每页要素数')
    expect(res.text).not.toContain('farmland-parcels')
  })
})
