import { escapeHtml, home, hrefOf, layout, linkList, type HtmlLink, type HtmlView } from './ogc-html-frame.ts'
import type { HtmlItemsCollection } from './ogc-html-items.ts'

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
