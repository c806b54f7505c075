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

export interface Crumb {
  title: string
  href?: string
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

/** The page frame: header with the service name and the breadcrumbs, the title, the body and the JSON link. */
export function layout(view: HtmlView | null, title: string, crumbs: Crumb[], body: string): string {
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

export const home = (view: HtmlView): Crumb => ({ title: '服务首页', href: view.homeHref })

export const linkList = (view: HtmlView, links: readonly HtmlLink[]) =>
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

export const hrefOf = (links: readonly HtmlLink[], rel: string) => links.find((l) => l.rel === rel)?.href

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
