import { Router, type Request, type Response } from 'express'
import { AppError } from '../domain/errors.ts'
import { apiKeyOf } from '../http/api-key.ts'
import { CONFORMANCE, CRS84, parseItemsQuery } from '../domain/ogc.ts'
import type { OgcReader } from '../domain/ogc-access.ts'
import type { OgcKeysService } from '../services/ogc-keys.service.ts'
import { COLLECTION_CRS, type OgcService } from '../services/ogc.service.ts'

const BASE = '/ogc'

/** The absolute address of a path of this service, as the client reached it. */
const urlOf = (req: Request, path: string) => `${req.protocol}://${req.get('host')}${BASE}${path}`

function sendJson(res: Response, body: unknown, type = 'application/json') {
  res.type(type).send(JSON.stringify(body))
}

/**
 * OGC API - Features under /ogc, for QGIS, ArcGIS, GDAL and other systems: the landing page, conformance, the
 * collections and their items. The public collections need no login; the internal ones are listed and served to a
 * data sharing key issued for them (every use logged) or a signed-in staff member, within their counties. Features
 * are served as GeoJSON, their geometry written by PostGIS.
 */
export function ogcRoutes(service: OgcService, keys: OgcKeysService): Router {
  const router = Router()
  router.use(BASE, async (req, res, next) => {
    res.set('Cache-Control', 'no-cache')
    res.set('Access-Control-Allow-Origin', '*')
    const key = apiKeyOf(req)
    let reader: OgcReader = { kind: 'public' }
    if (key !== null) reader = await keys.readerOfKey(key)
    else if (req.auth && !req.auth.user.mustChangePassword)
      reader = { kind: 'session', adcodes: req.auth.user.counties.map((c) => c.adcode) }
    res.locals.ogcReader = reader
    next()
  })
  const readerOf = (res: Response): OgcReader => res.locals.ogcReader as OgcReader
  const logUse = (req: Request, res: Response, collection: string | null, features: number) =>
    keys.logUse(readerOf(res), collection, features, req.ip ?? '')

  router.get([BASE, `${BASE}/`], async (req, res) => {
    await logUse(req, res, null, 0)
    sendJson(res, {
      title: '土壤环境一张图 · 数据共享服务（OGC API - Features）',
      description: '按 OGC API - Features 标准提供的公开图层，可在 QGIS、ArcGIS 中以“WFS / OGC API - Features”方式添加',
      links: [
        { href: urlOf(req, ''), rel: 'self', type: 'application/json', title: '本页' },
        { href: urlOf(req, '/conformance'), rel: 'conformance', type: 'application/json', title: '遵循的标准' },
        { href: urlOf(req, '/collections'), rel: 'data', type: 'application/json', title: '数据集' },
      ],
    })
  })

  router.get(`${BASE}/conformance`, async (req, res) => {
    await logUse(req, res, null, 0)
    sendJson(res, { conformsTo: CONFORMANCE })
  })

  const describe = (req: Request, c: { id: string; title: string; description: string }, bbox: number[] | null) => ({
    id: c.id,
    title: c.title,
    description: c.description,
    itemType: 'feature',
    ...(bbox ? { extent: { spatial: { bbox: [bbox], crs: CRS84 } } } : {}),
    crs: COLLECTION_CRS.crs,
    storageCrs: COLLECTION_CRS.storageCrs,
    links: [
      { href: urlOf(req, `/collections/${c.id}`), rel: 'self', type: 'application/json', title: c.title },
      { href: urlOf(req, `/collections/${c.id}/items`), rel: 'items', type: 'application/geo+json', title: '要素' },
    ],
  })

  router.get(`${BASE}/collections`, async (req, res) => {
    const bbox = await service.extent()
    await logUse(req, res, null, 0)
    sendJson(res, {
      links: [{ href: urlOf(req, '/collections'), rel: 'self', type: 'application/json', title: '数据集' }],
      collections: service.visibleCollections(readerOf(res)).map((c) => describe(req, c, bbox)),
    })
  })

  router.get(`${BASE}/collections/:id`, async (req, res) => {
    const collection = service.collection(req.params.id, readerOf(res))
    const bbox = await service.extent()
    await logUse(req, res, collection.id, 0)
    sendJson(res, describe(req, collection, bbox))
  })

  router.get(`${BASE}/collections/:id/items`, async (req, res) => {
    const collection = service.collection(req.params.id, readerOf(res))
    const query = parseItemsQuery(req.query as Record<string, unknown>)
    const page = await collection.page(query, null, readerOf(res))
    await logUse(req, res, collection.id, page.features.length)
    const self = new URL(urlOf(req, `/collections/${collection.id}/items`))
    for (const [k, v] of Object.entries(req.query)) if (typeof v === 'string') self.searchParams.set(k, v)
    const links = [
      { href: self.toString(), rel: 'self', type: 'application/geo+json', title: '本页' },
      { href: urlOf(req, `/collections/${collection.id}`), rel: 'collection', type: 'application/json' },
    ]
    if (page.next) {
      const next = new URL(self)
      next.searchParams.set('cursor', page.next)
      links.push({ href: next.toString(), rel: 'next', type: 'application/geo+json', title: '下一页' })
    }
    res.set('Content-Crs', `<${query.crs}>`)
    res
      .type('application/geo+json')
      .send(
        `{"type":"FeatureCollection","timeStamp":${JSON.stringify(new Date().toISOString())},` +
          `"numberReturned":${page.features.length},"links":${JSON.stringify(links)},` +
          `"features":[${page.features.join(',')}]}`,
      )
  })

  router.get(`${BASE}/collections/:id/items/:featureId`, async (req, res) => {
    const collection = service.collection(req.params.id, readerOf(res))
    const { crs } = parseItemsQuery(req.query as Record<string, unknown>)
    const page = await collection.page({ limit: 1, bbox: null, crs, cursor: null }, req.params.featureId, readerOf(res))
    const feature = page.features[0]
    await logUse(req, res, collection.id, page.features.length)
    if (!feature) throw new AppError('NOT_FOUND', `数据集“${collection.id}”中没有编号为“${req.params.featureId}”的要素`)
    res.set('Content-Crs', `<${crs}>`)
    res.type('application/geo+json').send(feature)
  })

  return router
}
