/** A link of an OGC API resource (OGC 17-069r4 §7.2, RFC 8288). */
export interface HtmlLink {
  href: string
  rel: string
  type?: string
  title?: string
}

/** What every HTML page of the service needs from the request. */
export interface HtmlView {
  /** The same resource as JSON (f=json), for the “其他格式” line and `<link rel="alternate">`. */
  jsonHref: string
  /** The HTML page of a link of the service (f=html, and the key when the caller gave it as a parameter). */
  toHtml(href: string): string
  /** The landing page's HTML address, for the breadcrumbs. */
  homeHref: string
}

interface Crumb {
  title: string
  href?: string
}

/** A GeoJSON Feature as PostGIS wrote it. */
interface PageFeature {
  id?: string | number
  geometry: { type: string; coordinates?: unknown; geometries?: PageFeature['geometry'][] } | null
  properties: Record<string, unknown> | null
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

/** Text made safe for HTML content and quoted attribute values. */
export const escapeHtml = (value: unknown): string => String(value).replace(/[&<>"']/g, (c) => ENTITIES[c])

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font-family:"Noto Sans SC","Source Han Sans SC","Microsoft YaHei","PingFang SC",system-ui,sans-serif;color:#1f2933;background:#f5f7f6;line-height:1.6}
header{background:#2f5d3a;color:#fff;padding:10px 24px}
header .service{font-weight:600}
nav.crumbs{font-size:14px;margin-top:2px}
nav.crumbs a{color:#dff0e3}
main{max-width:1200px;margin:0 auto;padding:16px 24px 40px}
h1{font-size:24px;margin:8px 0}
h2{font-size:18px;margin:24px 0 8px;border-bottom:1px solid #d5ddd8;padding-bottom:4px}
p.lead{color:#3e4c59;margin:4px 0 12px}
a{color:#1d5fa8}
.table-wrap{overflow-x:auto;background:#fff;border:1px solid #d5ddd8;border-radius:4px}
table{border-collapse:collapse;min-width:100%;font-size:14px}
th,td{padding:6px 10px;border-bottom:1px solid #e4e9e6;text-align:left;vertical-align:top}
th{background:#eef3ef;white-space:nowrap;font-weight:600}
th small{display:block;font-weight:400;color:#616e7c}
td.value{min-width:7em;max-width:360px;overflow-wrap:break-word}
td.short{white-space:nowrap;min-width:0}
code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:13px;word-break:break-all}
ul.links{padding-left:20px}
ul.links li,dl.facts dd{overflow-wrap:anywhere}
.badge{display:inline-block;padding:0 8px;border-radius:10px;font-size:12px;white-space:nowrap}
.badge.public{background:#dff0e3;color:#2f5d3a}
.badge.internal{background:#fde8d7;color:#8a4a12}
.map{background:#fff;border:1px solid #d5ddd8;border-radius:4px;padding:8px;margin:8px 0}
.map svg{display:block;width:100%;height:auto;max-height:60vh}
.map path{fill:rgba(47,93,58,.18);stroke:#2f5d3a;stroke-width:1.5;fill-rule:evenodd}
.map circle{fill:#c2410c;stroke:#fff;stroke-width:1}
.map circle.small{fill:#2f5d3a}
.map a:hover path,.map a:focus path{fill:rgba(29,95,168,.35);stroke:#1d5fa8}
.map .scale{font-size:12px;color:#616e7c;margin-top:4px}
.pager{display:flex;gap:16px;flex-wrap:wrap;align-items:center;margin:12px 0}
.formats{margin-top:28px;font-size:14px;color:#3e4c59}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px;margin:8px 0}
dl.facts dt{color:#616e7c}
dl.facts dd{margin:0}
.op{background:#fff;border:1px solid #d5ddd8;border-radius:4px;padding:8px 12px;margin:8px 0}
.op .path{font-weight:600}
.error{background:#fdecec;border:1px solid #f3b6b6;border-radius:4px;padding:12px 16px}
@media (max-width:600px){main{padding:12px}header{padding:10px 12px}h1{font-size:20px}}
`

function layout(view: HtmlView | null, title: string, crumbs: Crumb[], body: string): string {
  const trail = crumbs
    .map((c) => (c.href ? `<a href="${escapeHtml(c.href)}">${escapeHtml(c.title)}</a>` : escapeHtml(c.title)))
    .join(' › ')
  const alternate = view ? `<link rel="alternate" type="application/json" href="${escapeHtml(view.jsonHref)}">` : ''
  const formats = view
    ? `<p class="formats">其他格式：<a href="${escapeHtml(view.jsonHref)}" data-format="json">JSON</a></p>`
    : ''
  return (
    `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${escapeHtml(title)} · 数据共享服务</title>${alternate}<style>${STYLE}</style></head>` +
    `<body><header><div class="service">土壤环境一张图 · 数据共享服务（OGC API - Features）</div>` +
    `<nav class="crumbs" aria-label="位置">${trail}</nav></header>` +
    `<main><h1>${escapeHtml(title)}</h1>${body}${formats}</main></body></html>`
  )
}

const home = (view: HtmlView): Crumb => ({ title: '服务首页', href: view.homeHref })

const linkList = (view: HtmlView, links: readonly HtmlLink[]) =>
  `<ul class="links">${links
    .map(
      (l) =>
        `<li><a href="${escapeHtml(isJson(l.type) ? view.toHtml(l.href) : l.href)}">${escapeHtml(l.title ?? REL_TITLES[l.rel] ?? l.rel)}</a>` +
        ` <small>（${escapeHtml(l.rel)}${l.type ? `，${escapeHtml(l.type)}` : ''}）</small></li>`,
    )
    .join('')}</ul>`

/** Chinese names of the link relations a link without a title may have. */
const REL_TITLES: Record<string, string> = {
  items: '要素',
  collection: '数据集',
  'http://www.opengis.net/def/rel/ogc/1.0/queryables': '可筛选属性',
  queryables: '可筛选属性',
  conformance: '遵循的标准',
  data: '数据集',
  'service-desc': '接口说明（OpenAPI 3.0）',
  'service-doc': '接口说明（网页）',
}

const isJson = (type: string | undefined) => type === undefined || /json/.test(type)

const hrefOf = (links: readonly HtmlLink[], rel: string) => links.find((l) => l.rel === rel)?.href

/** The landing page: what the service is, and where its parts are. */
export function renderLandingPage(
  view: HtmlView,
  landing: { title: string; description: string; links: readonly HtmlLink[] },
): string {
  const shown = landing.links.filter((l) => l.rel !== 'self' && l.rel !== 'alternate')
  const body =
    `<p class="lead">${escapeHtml(landing.description)}</p>` +
    `<h2>本服务的内容</h2>${linkList(view, shown)}` +
    `<h2>在 QGIS 中添加</h2><p>图层 → 添加图层 → 添加 WFS / OGC API - Features 图层，新建连接，地址填写：` +
    `<code>${escapeHtml(view.homeHref.replace(/\?.*$/, ''))}</code>；读取内部数据集时，在“认证”中选“HTTP 头”，` +
    `名称 <code>X-API-Key</code>，值为系统管理员签发的数据共享密钥。</p>`
  return layout(view, landing.title, [{ title: '服务首页' }], body)
}

const CONFORMANCE_TITLES: Record<string, string> = {
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core': '第 1 部分：核心',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson': '第 1 部分：GeoJSON',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30': '第 1 部分：OpenAPI 3.0 接口说明',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html': '第 1 部分：HTML 网页',
  'http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs': '第 2 部分：按引用指定坐标系',
  'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables': '第 3 部分：可筛选属性',
  'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables-query-parameters': '第 3 部分：按属性筛选的参数',
  'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter': '第 3 部分：filter 参数',
  'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/features-filter': '第 3 部分：要素筛选',
}

/** The conformance classes, each with its Chinese name where known. */
export function renderConformancePage(view: HtmlView, conformsTo: readonly string[]): string {
  const rows = conformsTo
    .map(
      (uri) => `<tr><td>${escapeHtml(CONFORMANCE_TITLES[uri] ?? '')}</td><td><code>${escapeHtml(uri)}</code></td></tr>`,
    )
    .join('')
  const body =
    `<p class="lead">本服务遵循的 OGC API 一致性类别</p>` +
    `<div class="table-wrap"><table><thead><tr><th>类别</th><th>标识</th></tr></thead><tbody>${rows}</tbody></table></div>`
  return layout(view, '遵循的标准', [home(view), { title: '遵循的标准' }], body)
}

/** A collection as its JSON describes it, with whether it is public. */
export interface HtmlCollection {
  id: string
  title: string
  description: string
  access: 'public' | 'internal'
  links: readonly HtmlLink[]
  extent?: { spatial: { bbox: number[][]; crs: string } }
  crs?: readonly string[]
  storageCrs?: string
}

const accessBadge = (access: 'public' | 'internal') =>
  access === 'public'
    ? '<span class="badge public">公开</span>'
    : '<span class="badge internal">内部，凭密钥或登录</span>'

/** The collections the reader may read, each with its description and links to its page and its features. */
export function renderCollectionsPage(view: HtmlView, collections: readonly HtmlCollection[]): string {
  const rows = collections
    .map((c) => {
      const self = hrefOf(c.links, 'self')
      const items = hrefOf(c.links, 'items')
      return (
        `<tr data-collection="${escapeHtml(c.id)}"><td><a href="${escapeHtml(self ? view.toHtml(self) : '')}">${escapeHtml(c.title)}</a>` +
        `<br><code>${escapeHtml(c.id)}</code></td><td>${accessBadge(c.access)}</td>` +
        `<td class="value">${escapeHtml(c.description)}</td>` +
        `<td>${items ? `<a href="${escapeHtml(view.toHtml(items))}">浏览要素</a>` : ''}</td></tr>`
      )
    })
    .join('')
  const body =
    `<p class="lead">可读取的数据集共 ${collections.length} 个</p>` +
    `<div class="table-wrap"><table><thead><tr><th>数据集</th><th>访问</th><th>说明</th><th>要素</th></tr></thead>` +
    `<tbody>${rows}</tbody></table></div>`
  return layout(view, '数据集', [home(view), { title: '数据集' }], body)
}

const formatBbox = (bbox: readonly number[]) => bbox.map((v) => v.toFixed(5)).join(', ')

/** One collection: its description, access, extent, CRSs and the links to its features and queryables. */
export function renderCollectionPage(view: HtmlView, collections: string, c: HtmlCollection): string {
  const shown = c.links.filter((l) => l.rel !== 'self' && l.rel !== 'alternate')
  const extent = c.extent?.spatial.bbox[0]
  const body =
    `<p class="lead">${escapeHtml(c.description)}</p>` +
    `<dl class="facts"><dt>编号</dt><dd><code>${escapeHtml(c.id)}</code></dd>` +
    `<dt>访问</dt><dd>${accessBadge(c.access)}</dd>` +
    (extent ? `<dt>范围（经纬度）</dt><dd>${escapeHtml(formatBbox(extent))}</dd>` : '') +
    (c.crs ? `<dt>可用坐标系</dt><dd>${c.crs.map((x) => `<code>${escapeHtml(x)}</code>`).join('<br>')}</dd>` : '') +
    (c.storageCrs ? `<dt>存储坐标系</dt><dd><code>${escapeHtml(c.storageCrs)}</code></dd>` : '') +
    `</dl><h2>链接</h2>${linkList(view, shown)}`
  return layout(
    view,
    c.title,
    [home(view), { title: '数据集', href: view.toHtml(collections) }, { title: c.title }],
    body,
  )
}

/** A property value in a table cell: lists and objects as compact JSON, no value as a dash. */
function cell(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—'
  if (typeof value === 'boolean') return value ? '是' : '否'
  if (Array.isArray(value)) {
    if (value.length === 0) return '—'
    return value.map(cell).join(value.some((v) => typeof v === 'object' && v !== null) ? '<br>' : '、')
  }
  if (typeof value === 'object')
    return Object.entries(value)
      .map(([k, v]) => `${escapeHtml(k)}：${cell(v)}`)
      .join('；')
  const text = String(value)
  return escapeHtml(text.length > 300 ? `${text.slice(0, 300)}…` : text)
}

/**
 * A cell of the items table: short values on one line; a list or an object only counted (in full on the feature's
 * page), so that one long list does not stretch the page's rows.
 */
const valueCell = (value: unknown) => {
  if (Array.isArray(value) && value.some((v) => typeof v === 'object' && v !== null))
    return `<td class="value short">共 ${value.length} 项</td>`
  if (value !== null && typeof value === 'object' && !Array.isArray(value))
    return `<td class="value short">见要素页</td>`
  const short = typeof value !== 'object' && String(value).length <= 16
  return `<td class="${short ? 'value short' : 'value'}">${cell(value)}</td>`
}

type Position = [number, number]

/** Every position of a geometry, as [x, y] in the order served. */
function positions(geometry: PageFeature['geometry'], out: Position[] = []): Position[] {
  if (!geometry) return out
  if (geometry.type === 'GeometryCollection') {
    for (const g of geometry.geometries ?? []) positions(g, out)
    return out
  }
  const walk = (c: unknown) => {
    if (!Array.isArray(c)) return
    if (typeof c[0] === 'number') out.push([c[0], c[1] as number])
    else c.forEach(walk)
  }
  walk(geometry.coordinates)
  return out
}

/** Lon/lat to the SVG's plane: an equirectangular view scaled by the cosine of the middle latitude. */
interface Frame {
  project(p: Position): Position
  width: number
  height: number
  /** Metres across the frame, for the scale line. */
  widthM: number
}

const SVG_WIDTH = 1000

function frameOf(all: Position[]): Frame | null {
  if (all.length === 0) return null
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity]
  for (const [x, y] of all) {
    minX = Math.min(minX, x)
    maxX = Math.max(maxX, x)
    minY = Math.min(minY, y)
    maxY = Math.max(maxY, y)
  }
  const k = Math.cos((((minY + maxY) / 2) * Math.PI) / 180)
  const pad = Math.max((maxX - minX) * k, maxY - minY, 0.0005) * 0.04
  const x0 = minX * k - pad
  const y1 = maxY + pad
  const dx = (maxX - minX) * k + 2 * pad
  const dy = maxY - minY + 2 * pad
  const scale = SVG_WIDTH / dx
  const height = Math.min(Math.max(dy * scale, 160), SVG_WIDTH)
  const fit = Math.min(scale, height / dy)
  const offsetX = (SVG_WIDTH - dx * fit) / 2
  const offsetY = (height - dy * fit) / 2
  const r = (v: number) => Math.round(v * 10) / 10
  return {
    project: ([x, y]) => [r(offsetX + (x * k - x0) * fit), r(offsetY + (y1 - y) * fit)],
    width: SVG_WIDTH,
    height: Math.round(height),
    widthM: (SVG_WIDTH / fit) * 111_320,
  }
}

function shape(frame: Frame, geometry: NonNullable<PageFeature['geometry']>): string {
  const pt = (c: unknown) => frame.project(c as Position)
  const ring = (r: unknown[]) => `M${r.map((c) => pt(c).join(' ')).join('L')}Z`
  const line = (l: unknown[]) => `M${l.map((c) => pt(c).join(' ')).join('L')}`
  const dot = (c: unknown) => {
    const [x, y] = pt(c)
    return `<circle cx="${x}" cy="${y}" r="5"/>`
  }
  const coords = geometry.coordinates as unknown[]
  switch (geometry.type) {
    case 'Polygon':
      return `<path d="${(coords as unknown[][]).map(ring).join('')}"/>`
    case 'MultiPolygon':
      return `<path d="${(coords as unknown[][][]).flatMap((p) => p.map(ring)).join('')}"/>`
    case 'LineString':
      return `<path style="fill:none" d="${line(coords)}"/>`
    case 'MultiLineString':
      return `<path style="fill:none" d="${(coords as unknown[][]).map(line).join('')}"/>`
    case 'Point':
      return dot(coords)
    case 'MultiPoint':
      return coords.map(dot).join('')
    case 'GeometryCollection':
      return (geometry.geometries ?? []).map((g) => (g ? shape(frame, g) : '')).join('')
    default:
      return ''
  }
}

/** Below this size (in SVG units) an outline is too small to see, and a dot marks where it is. */
const SMALLEST_VISIBLE = 8

/** A dot at the middle of an outline too small to see at the page's scale (features far apart). */
function markerOfSmall(frame: Frame, geometry: NonNullable<PageFeature['geometry']>): string {
  if (geometry.type === 'Point' || geometry.type === 'MultiPoint') return ''
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity]
  for (const p of positions(geometry)) {
    const [x, y] = frame.project(p)
    minX = Math.min(minX, x)
    maxX = Math.max(maxX, x)
    minY = Math.min(minY, y)
    maxY = Math.max(maxY, y)
  }
  if (minX === Infinity || maxX - minX >= SMALLEST_VISIBLE || maxY - minY >= SMALLEST_VISIBLE) return ''
  const r = (v: number) => Math.round(v * 10) / 10
  return `<circle class="small" cx="${r((minX + maxX) / 2)}" cy="${r((minY + maxY) / 2)}" r="6"/>`
}

const formatDistance = (m: number) =>
  m >= 1000 ? `${(m / 1000).toFixed(m >= 10_000 ? 0 : 1)} 千米` : `${Math.round(m)} 米`

/**
 * The outlines of the page's features (in CRS84) as an inline SVG, each linked to its feature's page; no map tiles,
 * nothing loaded from elsewhere.
 */
function outlineSvg(features: readonly PageFeature[], itemHref: (f: PageFeature) => string, hint: string) {
  const frame = frameOf(features.flatMap((f) => positions(f.geometry)))
  if (!frame) return ''
  const shapes = features
    .filter((f) => f.geometry)
    .map(
      (f) =>
        `<a href="${escapeHtml(itemHref(f))}"><title>编号 ${escapeHtml(f.id ?? '')}</title>` +
        `${shape(frame, f.geometry!)}${markerOfSmall(frame, f.geometry!)}</a>`,
    )
    .join('')
  return (
    `<figure class="map" aria-label="本页要素的轮廓"><svg xmlns="http://www.w3.org/2000/svg" ` +
    `viewBox="0 0 ${frame.width} ${frame.height}" role="img">${shapes}</svg>` +
    `<figcaption class="scale">本页要素的轮廓示意（上北下南），图宽约 ${formatDistance(frame.widthM)}${hint}</figcaption></figure>`
  )
}

/** The column order of a page's properties: as first met. */
function columnsOf(features: readonly PageFeature[]): string[] {
  const seen = new Set<string>()
  for (const f of features) for (const k of Object.keys(f.properties ?? {})) seen.add(k)
  return [...seen]
}

const columnHead = (name: string, titles: Readonly<Record<string, string>>) =>
  titles[name] ? `${escapeHtml(titles[name])}<small>${escapeHtml(name)}</small>` : escapeHtml(name)

/** The collection an items or item page belongs to. */
export interface HtmlItemsCollection {
  id: string
  title: string
  /** The collection's page and the list of collections (JSON addresses). */
  href: string
  collectionsHref: string
  /** Chinese titles of the properties, by name. */
  titles: Readonly<Record<string, string>>
}

/**
 * A page of features (in CRS84): the outlines as an inline SVG, the properties as a table, and the paging links.
 * `hrefs`: the JSON addresses of the items (each feature's is below it) and of this query's first page.
 */
export function renderItemsPage(
  view: HtmlView,
  collection: HtmlItemsCollection,
  page: { features: readonly PageFeature[]; links: readonly HtmlLink[] },
  hrefs: { items: string; first: string },
): string {
  const itemsHref = hrefs.items
  const itemHref = (f: PageFeature) => view.toHtml(`${itemsHref}/${encodeURIComponent(String(f.id ?? ''))}`)
  const columns = columnsOf(page.features)
  const rows = page.features
    .map(
      (f) =>
        `<tr data-feature="${escapeHtml(f.id ?? '')}"><td><a href="${escapeHtml(itemHref(f))}">${escapeHtml(f.id ?? '')}</a></td>` +
        columns.map((k) => valueCell(f.properties?.[k])).join('') +
        '</tr>',
    )
    .join('')
  const next = hrefOf(page.links, 'next')
  const prev = hrefOf(page.links, 'prev')
  const pager =
    `<div class="pager"><span>本页 ${page.features.length} 个要素</span>` +
    `<a href="${escapeHtml(view.toHtml(hrefs.first))}">第一页</a>` +
    (prev ? `<a href="${escapeHtml(view.toHtml(prev))}" rel="prev" data-testid="prev">上一页</a>` : '') +
    (next
      ? `<a href="${escapeHtml(view.toHtml(next))}" rel="next" data-testid="next">下一页</a>`
      : '<span>已是最后一页</span>') +
    '</div>'
  const table =
    page.features.length === 0
      ? '<p>没有符合条件的要素。</p>'
      : `<div class="table-wrap"><table><thead><tr><th>编号</th>${columns.map((k) => `<th>${columnHead(k, collection.titles)}</th>`).join('')}</tr></thead>` +
        `<tbody>${rows}</tbody></table></div>`
  const body =
    pager +
    outlineSvg(page.features, itemHref, '；点击轮廓查看该要素') +
    table +
    (page.features.length > 10 ? pager : '')
  return layout(
    view,
    `${collection.title} · 要素`,
    [
      home(view),
      { title: '数据集', href: view.toHtml(collection.collectionsHref) },
      { title: collection.title, href: view.toHtml(collection.href) },
      { title: '要素' },
    ],
    body,
  )
}

/** One feature (in CRS84): its outline and its properties, one per row. */
export function renderItemPage(
  view: HtmlView,
  collection: HtmlItemsCollection,
  feature: PageFeature,
  itemsHref: string,
): string {
  const rows = Object.entries(feature.properties ?? {})
    .map(([k, v]) => `<tr><th>${columnHead(k, collection.titles)}</th><td class="value">${cell(v)}</td></tr>`)
    .join('')
  const body =
    `<p class="lead">${escapeHtml(collection.title)}中编号为 ${escapeHtml(feature.id ?? '')} 的要素</p>` +
    outlineSvg([feature], () => view.toHtml(itemsHref), '') +
    `<div class="table-wrap"><table><tbody>${rows}</tbody></table></div>` +
    `<p><a href="${escapeHtml(view.toHtml(itemsHref))}">返回要素列表</a></p>`
  return layout(
    view,
    `${collection.title} · ${feature.id ?? ''}`,
    [
      home(view),
      { title: '数据集', href: view.toHtml(collection.collectionsHref) },
      { title: collection.title, href: view.toHtml(collection.href) },
      { title: '要素', href: view.toHtml(itemsHref) },
      { title: String(feature.id ?? '') },
    ],
    body,
  )
}

/** A property of a queryables schema, as far as the page shows it. */
interface QueryableSchema {
  title?: string
  description?: string
  type?: string
  format?: string
  enum?: readonly string[]
}

/** The queryables of a collection (a JSON Schema): each property's name, title, type and meaning. */
export function renderQueryablesPage(
  view: HtmlView,
  collection: HtmlItemsCollection,
  schema: Readonly<Record<string, unknown>>,
): string {
  const properties = (schema.properties ?? {}) as Record<string, QueryableSchema>
  const rows = Object.entries(properties)
    .map(
      ([name, p]) =>
        `<tr><td><code>${escapeHtml(name)}</code></td><td>${escapeHtml(p.title ?? '')}</td>` +
        `<td>${escapeHtml([p.type, p.format].filter(Boolean).join(' / '))}</td><td class="value">${escapeHtml(p.description ?? '')}` +
        (p.enum ? `<br><small>取值：${p.enum.map((v) => `<code>${escapeHtml(v)}</code>`).join('、')}</small>` : '') +
        '</td></tr>',
    )
    .join('')
  const body =
    `<p class="lead">可在 filter（CQL2 文本）或同名参数中用于筛选的属性</p>` +
    `<div class="table-wrap"><table><thead><tr><th>属性</th><th>名称</th><th>类型</th><th>含义</th></tr></thead>` +
    `<tbody>${rows}</tbody></table></div>`
  return layout(
    view,
    `${collection.title} · 可筛选属性`,
    [
      home(view),
      { title: '数据集', href: view.toHtml(collection.collectionsHref) },
      { title: collection.title, href: view.toHtml(collection.href) },
      { title: '可筛选属性' },
    ],
    body,
  )
}

interface ApiOperation {
  summary?: string
  description?: string
  tags?: string[]
  security?: unknown[]
  parameters?: { $ref?: string; name?: string; description?: string }[]
}

/** The OpenAPI document as a page: each path with what it returns and the parameters it takes. */
export function renderApiPage(
  view: HtmlView,
  doc: {
    info: { title: string; description: string }
    servers: { url: string }[]
    paths: Record<string, Record<string, unknown>>
    components: Record<string, Record<string, unknown>>
  },
): string {
  const parameters = doc.components.parameters as Record<string, { name: string; in: string; description?: string }>
  const param = (p: { $ref?: string; name?: string; description?: string }) =>
    p.$ref ? parameters[p.$ref.split('/').pop()!] : p.name ? { name: p.name, description: p.description } : undefined
  const server = doc.servers[0]?.url ?? ''
  const ops = Object.entries(doc.paths)
    .map(([path, item]) => {
      const op = item.get as ApiOperation
      const params = (op.parameters ?? [])
        .map(param)
        .filter((p) => p !== undefined)
        .map((p) => `<li><code>${escapeHtml(p.name)}</code>：${escapeHtml(p.description ?? '')}</li>`)
        .join('')
      const internal = op.security ? '<span class="badge internal">凭密钥或登录</span>' : ''
      return (
        `<div class="op"><div class="path">GET <code>${escapeHtml(server + path)}</code> ${internal}</div>` +
        `<div>${escapeHtml(op.summary ?? '')}</div><div><small>${escapeHtml(op.description ?? '')}</small></div>` +
        (params ? `<ul>${params}</ul>` : '') +
        '</div>'
      )
    })
    .join('')
  const body = `<p class="lead">${escapeHtml(doc.info.description)}</p><h2>接口</h2>${ops}`
  return layout(view, '接口说明（OpenAPI 3.0）', [home(view), { title: '接口说明' }], body)
}

/** A refusal as a page: the status and the officer's words of each problem. */
export function renderErrorPage(
  homeHref: string,
  status: number,
  message: string,
  problems: readonly { message: string; field?: string }[],
): string {
  const details = problems
    .filter((p) => p.message !== message)
    .map((p) => `<li>${p.field ? `<code>${escapeHtml(p.field)}</code>：` : ''}${escapeHtml(p.message)}</li>`)
    .join('')
  const body =
    `<div class="error" role="alert"><p>${escapeHtml(message)}</p>${details ? `<ul>${details}</ul>` : ''}</div>` +
    `<p><a href="${escapeHtml(homeHref)}">返回服务首页</a></p>`
  return layout(null, `无法显示（${status}）`, [{ title: '服务首页', href: homeHref }, { title: '出错' }], body)
}
