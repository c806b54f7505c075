import { escapeHtml, home, hrefOf, layout, type HtmlLink, type HtmlView } from './ogc-html-frame.ts'
import { outlineSvg, type PageFeature } from './ogc-html-outline.ts'

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
