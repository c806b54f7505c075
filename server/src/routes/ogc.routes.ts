import { Router, type ErrorRequestHandler, type Request, type Response } from 'express'
import { AppError } from '../domain/errors.ts'
import { apiKeyOf } from '../http/api-key.ts'
import { CONFORMANCE, CRS84, parseItemsQuery, type ItemsQuery } from '../domain/ogc.ts'
import { QUERYABLES_REL, queryablesOf, queryablesSchema } from '../domain/ogc-queryables.ts'
import type { OgcReader } from '../domain/ogc-access.ts'
import type { OgcKeysService } from '../services/ogc-keys.service.ts'
import { COLLECTION_CRS, type OgcService } from '../services/ogc.service.ts'
import { ERROR_STATUS } from '../http/errors.ts'
import {
  renderApiPage,
  renderCollectionPage,
  renderCollectionsPage,
  renderConformancePage,
  renderLandingPage,
  renderQueryablesPage,
} from '../http/ogc-html.ts'
import { renderErrorPage, type HtmlView } from '../http/ogc-html-frame.ts'
import { renderItemPage, renderItemsPage, type HtmlItemsCollection } from '../http/ogc-html-items.ts'
import { buildOgcOpenApi, OPENAPI_MEDIA_TYPE } from '../services/ogc-openapi.ts'

const BASE = '/ogc'

/** The absolute address of a path of this service, as the client reached it. */
const urlOf = (req: Request, path: string) => `${req.protocol}://${req.get('host')}${BASE}${path}`

function sendJson(res: Response, body: unknown, type = 'application/json') {
  res.type(type).send(JSON.stringify(body))
}

/** `head`, the `parts` separated by commas and `tail` as one body: each part's bytes copied once, none decoded. */
function joinedBody(head: string, parts: readonly Buffer[], tail: string): Buffer {
  let length = Buffer.byteLength(head) + Buffer.byteLength(tail) + Math.max(0, parts.length - 1)
  for (const part of parts) length += part.length
  const body = Buffer.allocUnsafe(length)
  let at = body.write(head)
  parts.forEach((part, i) => {
    if (i > 0) body[at++] = 0x2c
    at += part.copy(body, at)
  })
  body.write(tail, at)
  return body
}

type OgcFormat = 'json' | 'html'

function refuseFormat(message: string): never {
  throw new AppError('VALIDATION', message, { problems: [{ code: 'INVALID_PARAMETER', message, field: 'f' }] })
}

/**
 * The format a request asks for: parameter `f` (json or geojson, html), else its Accept header, so that a browser
 * gets the HTML page and QGIS, GDAL and curl get JSON (OGC 17-069r4 §7.8, requirement /req/html/content).
 */
function formatOf(req: Request): OgcFormat {
  const f = req.query.f
  if (f === undefined)
    return req.accepts(['application/json', 'application/geo+json', 'text/html']) === 'text/html' ? 'html' : 'json'
  if (typeof f !== 'string') refuseFormat('参数 f 只能给一次')
  if (f === 'json' || f === 'geojson') return 'json'
  if (f === 'html') return 'html'
  return refuseFormat(`参数 f 的格式“${f}”不支持，可用：json、geojson、html（网页）`)
}

/** `href` with `f` set, and the caller's key when it came as a parameter (so that a browser keeps reading). */
function withFormat(req: Request, href: string, f: OgcFormat): string {
  const url = new URL(href)
  url.searchParams.set('f', f)
  if (typeof req.query.key === 'string' && !url.searchParams.has('key')) url.searchParams.set('key', req.query.key)
  return url.toString()
}

/** What an HTML page of the resource at `jsonHref` links to. */
const htmlViewOf = (req: Request, jsonHref: string): HtmlView => ({
  jsonHref: withFormat(req, jsonHref, 'json'),
  toHtml: (href) => withFormat(req, href, 'html'),
  homeHref: withFormat(req, urlOf(req, ''), 'html'),
})

/** The link to the HTML page of a JSON resource (requirement /req/core/fc-links, `alternate`). */
const htmlAlternate = (href: string) => {
  const url = new URL(href)
  url.searchParams.set('f', 'html')
  return { href: url.toString(), rel: 'alternate', type: 'text/html', title: '网页' }
}

const sendHtml = (res: Response, page: string) => res.type('html').send(page)

/** The collection an items or feature page belongs to, with the Chinese titles of its properties. */
const htmlCollectionOf = (req: Request, c: { id: string; title: string }): HtmlItemsCollection => ({
  id: c.id,
  title: c.title,
  href: urlOf(req, `/collections/${c.id}`),
  collectionsHref: urlOf(req, '/collections'),
  titles: Object.fromEntries((queryablesOf(c.id)?.properties ?? []).map((p) => [p.name, p.title])),
})

/**
 * OGC API - Features under /ogc, for QGIS, ArcGIS, GDAL and other systems: the landing page, conformance, the
 * collections and their items. The public collections need no login; the internal ones are listed and served to a
 * data sharing key issued for them (every use logged) or a signed-in staff member, within their counties. Features
 * are served as GeoJSON, their geometry written by PostGIS.
 */
export function ogcRoutes(service: OgcService, keys: OgcKeysService): Router {
  const router = Router()
  router.use(BASE, async (req, res, next) => {
    res.set('Access-Control-Allow-Origin', '*')
    // what a key or a session reads is theirs alone: a shared cache must neither keep it nor give it to another
    res.vary('Accept').vary('Cookie').vary('X-API-Key')
    res.locals.ogcFormat = formatOf(req)
    const key = apiKeyOf(req)
    let reader: OgcReader = { kind: 'public' }
    if (key !== null) reader = await keys.readerOfKey(key)
    else if (req.auth && !req.auth.user.mustChangePassword)
      reader = { kind: 'session', adcodes: req.auth.user.counties.map((c) => c.adcode) }
    res.locals.ogcReader = reader
    res.set('Cache-Control', reader.kind === 'public' ? 'no-cache' : 'private, no-cache')
    next()
  })
  const readerOf = (res: Response): OgcReader => res.locals.ogcReader as OgcReader
  const isHtml = (res: Response) => res.locals.ogcFormat === 'html'
  // the address (a socket look-up and the proxy rules) only for a key's use, the one that is logged
  const logUse = async (req: Request, res: Response, collection: string | null, features: number) => {
    const reader = readerOf(res)
    if (reader.kind === 'key') await keys.logUse(reader, collection, features, req.ip ?? '')
  }

  router.get([BASE, `${BASE}/`], async (req, res) => {
    await logUse(req, res, null, 0)
    const landing = {
      title: '土壤环境一张图 · 数据共享服务（OGC API - Features）',
      description: '按 OGC API - Features 标准提供的公开图层，可在 QGIS、ArcGIS 中以“WFS / OGC API - Features”方式添加',
      links: [
        { href: urlOf(req, ''), rel: 'self', type: 'application/json', title: '本页' },
        { href: urlOf(req, '/conformance'), rel: 'conformance', type: 'application/json', title: '遵循的标准' },
        { href: urlOf(req, '/collections'), rel: 'data', type: 'application/json', title: '数据集' },
        { href: urlOf(req, '/api'), rel: 'service-desc', type: OPENAPI_MEDIA_TYPE, title: '接口说明（OpenAPI 3.0）' },
        { href: `${urlOf(req, '/api')}?f=html`, rel: 'service-doc', type: 'text/html', title: '接口说明（网页）' },
        htmlAlternate(urlOf(req, '')),
      ],
    }
    if (isHtml(res)) sendHtml(res, renderLandingPage(htmlViewOf(req, urlOf(req, '')), landing))
    else sendJson(res, landing)
  })

  router.get(`${BASE}/api`, async (req, res) => {
    await logUse(req, res, null, 0)
    const document = buildOgcOpenApi(
      urlOf(req, ''),
      service.visibleCollections(readerOf(res)),
      await service.offeredCrs(),
    )
    if (isHtml(res)) sendHtml(res, renderApiPage(htmlViewOf(req, urlOf(req, '/api')), document))
    else sendJson(res, document, OPENAPI_MEDIA_TYPE)
  })

  router.get(`${BASE}/conformance`, async (req, res) => {
    await logUse(req, res, null, 0)
    if (isHtml(res)) sendHtml(res, renderConformancePage(htmlViewOf(req, urlOf(req, '/conformance')), CONFORMANCE))
    else sendJson(res, { conformsTo: CONFORMANCE, links: [htmlAlternate(urlOf(req, '/conformance'))] })
  })

  const describe = (
    req: Request,
    c: { id: string; title: string; description: string },
    bbox: number[] | null,
    crs: readonly string[],
  ) => ({
    id: c.id,
    title: c.title,
    description: c.description,
    itemType: 'feature',
    ...(bbox ? { extent: { spatial: { bbox: [bbox], crs: CRS84 } } } : {}),
    crs,
    storageCrs: COLLECTION_CRS.storageCrs,
    links: [
      { href: urlOf(req, `/collections/${c.id}`), rel: 'self', type: 'application/json', title: c.title },
      { href: urlOf(req, `/collections/${c.id}/items`), rel: 'items', type: 'application/geo+json', title: '要素' },
      { href: urlOf(req, `/collections/${c.id}/queryables`), rel: QUERYABLES_REL, type: 'application/schema+json' },
      htmlAlternate(urlOf(req, `/collections/${c.id}`)),
    ],
  })

  router.get(`${BASE}/collections`, async (req, res) => {
    const bbox = await service.extent()
    const crs = await service.offeredCrs()
    await logUse(req, res, null, 0)
    const visible = service.visibleCollections(readerOf(res))
    if (isHtml(res)) {
      const described = visible.map((c) => ({ ...describe(req, c, bbox, crs), access: c.access }))
      sendHtml(res, renderCollectionsPage(htmlViewOf(req, urlOf(req, '/collections')), described))
      return
    }
    sendJson(res, {
      links: [
        { href: urlOf(req, '/collections'), rel: 'self', type: 'application/json', title: '数据集' },
        htmlAlternate(urlOf(req, '/collections')),
      ],
      collections: visible.map((c) => describe(req, c, bbox, crs)),
    })
  })

  router.get(`${BASE}/collections/:id`, async (req, res) => {
    const collection = service.collection(req.params.id, readerOf(res))
    const bbox = await service.extent()
    await logUse(req, res, collection.id, 0)
    const described = describe(req, collection, bbox, await service.offeredCrs())
    if (isHtml(res)) {
      const view = htmlViewOf(req, urlOf(req, `/collections/${collection.id}`))
      sendHtml(res, renderCollectionPage(view, urlOf(req, '/collections'), { ...described, access: collection.access }))
    } else sendJson(res, described)
  })

  router.get(`${BASE}/collections/:id/queryables`, async (req, res) => {
    const collection = service.collection(req.params.id, readerOf(res))
    await logUse(req, res, collection.id, 0)
    const schema = queryablesSchema(
      collection.id,
      collection.title,
      urlOf(req, `/collections/${collection.id}/queryables`),
    )
    if (isHtml(res)) {
      const view = htmlViewOf(req, urlOf(req, `/collections/${collection.id}/queryables`))
      sendHtml(res, renderQueryablesPage(view, htmlCollectionOf(req, collection), schema))
    } else sendJson(res, schema, 'application/schema+json')
  })

  router.get(`${BASE}/collections/:id/items`, async (req, res) => {
    const collection = service.collection(req.params.id, readerOf(res))
    const asked = parseItemsQuery(req.query as Record<string, unknown>, collection.id)
    const query: ItemsQuery = isHtml(res) ? { ...asked, crs: CRS84 } : asked
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
    if (page.prev) {
      const prev = new URL(self)
      prev.searchParams.set('cursor', page.prev)
      links.push({ href: prev.toString(), rel: 'prev', type: 'application/geo+json', title: '上一页' })
    }
    if (isHtml(res)) {
      const first = new URL(self)
      first.searchParams.delete('cursor')
      const features = JSON.parse(joinedBody('[', page.features, ']').toString())
      const hrefs = { items: urlOf(req, `/collections/${collection.id}/items`), first: first.toString() }
      const view = htmlViewOf(req, self.toString())
      sendHtml(res, renderItemsPage(view, htmlCollectionOf(req, collection), { features, links }, hrefs))
      return
    }
    links.push(htmlAlternate(self.toString()))
    res.set('Content-Crs', `<${query.crs}>`)
    // a page (up to ~1 MB) is written as it is: no ETag, whose hash of the whole body would cost more than the
    // page's SQL (the cursor, not a cache, is how a client reads on)
    const body = joinedBody(
      `{"type":"FeatureCollection","timeStamp":${JSON.stringify(new Date().toISOString())},` +
        `"numberReturned":${page.features.length},"links":${JSON.stringify(links)},"features":[`,
      page.features,
      ']}',
    )
    res.type('application/geo+json').set('Content-Length', String(body.length)).end(body)
  })

  router.get(`${BASE}/collections/:id/items/:featureId`, async (req, res) => {
    const collection = service.collection(req.params.id, readerOf(res))
    const { crs: asked } = parseItemsQuery(req.query as Record<string, unknown>)
    const crs = isHtml(res) ? CRS84 : asked
    const page = await collection.page(
      { limit: 1, bbox: null, crs, cursor: null, backward: false, filter: null },
      req.params.featureId,
      readerOf(res),
    )
    const feature = page.features[0]
    await logUse(req, res, collection.id, page.features.length)
    if (!feature) throw new AppError('NOT_FOUND', `数据集“${collection.id}”中没有编号为“${req.params.featureId}”的要素`)
    if (isHtml(res)) {
      const items = urlOf(req, `/collections/${collection.id}/items`)
      const view = htmlViewOf(req, `${items}/${encodeURIComponent(req.params.featureId)}`)
      sendHtml(res, renderItemPage(view, htmlCollectionOf(req, collection), JSON.parse(feature.toString()), items))
      return
    }
    res.set('Content-Crs', `<${crs}>`)
    res.type('application/geo+json').send(feature)
  })

  router.use(BASE, ((err, req, res, next) => {
    if (!isHtml(res) || !(err instanceof AppError)) return next(err)
    const problems = (err.details.problems ?? []) as { message: string; field?: string }[]
    const status = ERROR_STATUS[err.code]
    res.status(status)
    sendHtml(res, renderErrorPage(withFormat(req, urlOf(req, ''), 'html'), status, err.message, problems))
  }) as ErrorRequestHandler)

  return router
}
