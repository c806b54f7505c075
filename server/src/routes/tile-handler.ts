import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http'
import zlib from 'node:zlib'
import type { Express, RequestHandler } from 'express'
import type { Logger } from 'pino'
import { parseCookie } from 'cookie'
import { PRIMARY_COOKIE } from '../db/read-routing.ts'
import { scopeAdcodes } from '../domain/scope.ts'
import { parseTileCoords } from '../domain/tile-coords.ts'
import { SESSION_COOKIE } from '../http/auth.ts'
import type { AuthContext, AuthService } from '../services/auth.service.ts'
import { TILE_LAYERS, type TileLayer } from '../tiles/layers.ts'
import { tileCacheControl } from '../tiles/tile-cache.ts'
import type { TileService } from '../tiles/tile-service.ts'
import { TileRequestLog } from './tile-request-log.ts'

/** Answers a request, or calls `pass` to leave it to the Express app (which answers every other case as before). */
type TileHandler = (req: IncomingMessage, res: ServerResponse, pass: () => void) => void

/** `/tiles/{layer}/{z}/{x}/{y}.pbf`, optionally `?v=<version>`: every other form of the address goes to Express. */
const TILE_URL = /^\/tiles\/([a-z0-9-]{1,40})\/(\d{1,2})\/(\d{1,10})\/(\d{1,10})\.pbf(?:\?v=(\d{1,20}))?$/
const TOKEN = /^[A-Za-z0-9_-]{20,100}$/
const LAYERS = new Map(TILE_LAYERS.map((l) => [l.name, l]))

let lastAcceptEncoding: { header: string; isGzip: boolean } | undefined

/** Whether an `Accept-Encoding` header takes gzip; a browser sends the same header every time, so the last is kept. */
function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false
  if (lastAcceptEncoding?.header !== header) lastAcceptEncoding = { header, isGzip: parseAcceptsGzip(header) }
  return lastAcceptEncoding.isGzip
}

/** An explicit `gzip` or `*` with q > 0 (no header: identity only, as Express's negotiator reads it). */
function parseAcceptsGzip(header: string): boolean {
  let star = false
  for (const part of header.split(',')) {
    const [rawName, ...params] = part.split(';')
    const name = rawName.trim().toLowerCase()
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
    const isAccepted = q === undefined || Number(q.slice(2)) > 0
    if (name === 'gzip') return isAccepted
    if (name === '*') star = isAccepted
  }
  return star
}

/** Whether `If-None-Match` names `etag` (weak or strong), unless the request asks to bypass caches. */
function isFresh(req: IncomingMessage, etag: string): boolean {
  const sent = req.headers['if-none-match']
  if (!sent) return false
  if (/(?:^|,)\s*no-cache\s*(?:,|$)/.test(req.headers['cache-control'] ?? '')) return false
  if (sent.trim() === '*') return true
  return sent.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag.replace(/^W\//, ''))
}

/** The security headers that mean something on a tile (not a document): no type sniffing, HTTPS only, same origin. */
interface TileSecurityHeaders {
  nosniff: string
  hsts: string
  corp: string
}

/**
 * The security headers a tile needs, with the values the middleware (helmet) gives every answer, read once from a
 * recording response. The headers for documents (CSP, frame and referrer policies, …) are left out of tiles.
 */
export function fixedHeadersOf(middleware: RequestHandler): TileSecurityHeaders {
  const headers = new Map<string, string>()
  const recorder = {
    setHeader: (name: string, value: string) => void headers.set(name.toLowerCase(), String(value)),
    removeHeader: (name: string) => void headers.delete(name.toLowerCase()),
    getHeader: (name: string) => headers.get(name.toLowerCase()),
  }
  middleware({ headers: {}, method: 'GET', url: '/' } as never, recorder as never, () => {})
  return {
    nosniff: headers.get('x-content-type-options') ?? 'nosniff',
    hsts: headers.get('strict-transport-security') ?? 'max-age=31536000; includeSubDomains',
    corp: headers.get('cross-origin-resource-policy') ?? 'same-origin',
  }
}

/**
 * The tile path in front of the Express stack: a tile of a known layer at valid coordinates, asked with GET, with no
 * data sharing key, is answered here — the session's counties (the session and the county list of each token are
 * cached by the auth service, dropped at sign-out and on any change to a user), the cache, the stored gzip buffer with
 * its ETag (304 when `If-None-Match` names it), the same headers as the Express route. Everything else (no or expired
 * session, a key, bad coordinates, an unknown layer, HEAD, a browser whose reads stay on the primary after its write,
 * an error while building the tile) goes to Express, which
 * answers it as it always did. Tile requests are logged as one summary line a minute, not a line each.
 */
export function tileHandler(deps: {
  tiles: TileService
  auth: AuthService
  logger?: Logger
  fixedHeaders: TileSecurityHeaders
}): TileHandler {
  const { tiles, auth } = deps
  const { nosniff, hsts, corp } = deps.fixedHeaders
  const scopes = new WeakMap<AuthContext, string[]>()
  const log = deps.logger ? new TileRequestLog(deps.logger, tiles) : undefined

  async function scopeOf(req: IncomingMessage, layer: TileLayer): Promise<string[] | undefined | null> {
    if (layer.access === 'public') return undefined
    const cookie = req.headers.cookie
    const token = cookie ? parseCookie(cookie)[SESSION_COOKIE] : undefined
    if (!token || !TOKEN.test(token)) return null
    const ctx = await auth.resolveSession(token)
    if (!ctx || ctx.user.mustChangePassword) return null
    let scope = scopes.get(ctx)
    if (!scope) scopes.set(ctx, (scope = scopeAdcodes(ctx)))
    return scope
  }

  async function answer(req: IncomingMessage, res: ServerResponse, pass: () => void, m: RegExpExecArray) {
    const started = performance.now()
    const layer = LAYERS.get(m[1])
    const coords = parseTileCoords(m[2], m[3], m[4])
    if (!layer || !coords.valid || req.headers['x-api-key'] !== undefined) return pass()
    if (req.headers.cookie?.includes(PRIMARY_COOKIE)) return pass()
    const scope = await scopeOf(req, layer)
    if (scope === null) return pass()
    const tile = await tiles.getTile(layer, coords.z, coords.x, coords.y, scope)
    const isCurrentVersion = m[5] !== undefined && m[5] === String(tiles.version(layer.name))
    let status = 200
    let body: Buffer | undefined
    let encoding: string | undefined
    if (isFresh(req, tile.etag)) status = 304
    else if (tile.size === 0) status = 204
    else if (!tile.isGzipped) body = tile.body
    else if (acceptsGzip(req.headers['accept-encoding'])) {
      encoding = 'gzip'
      body = tile.body
    } else body = zlib.gunzipSync(tile.body)
    const headers: OutgoingHttpHeaders = {
      'Content-Type': 'application/vnd.mapbox-vector-tile',
      ETag: tile.etag,
      'Cache-Control': tileCacheControl(scope !== undefined, m[5] === undefined ? 'none' : isCurrentVersion),
      Vary: scope ? 'Cookie, X-API-Key, Accept-Encoding' : 'Accept-Encoding',
      'X-Content-Type-Options': nosniff,
      'Strict-Transport-Security': hsts,
      'Cross-Origin-Resource-Policy': corp,
    }
    if (body) headers['Content-Length'] = body.length
    if (encoding) headers['Content-Encoding'] = encoding
    res.writeHead(status, headers)
    res.end(body)
    log?.record(layer.name, status, performance.now() - started)
  }

  return (req, res, pass) => {
    const m = req.method === 'GET' && req.url ? TILE_URL.exec(req.url) : null
    if (!m) return pass()
    answer(req, res, pass, m).catch(() => {
      if (!res.headersSent) pass()
    })
  }
}

/** Puts `handler` in front of the Express app: every request reaches it first, and Express gets what it passes on. */
export function serveTilesFirst(app: Express, handler: TileHandler): void {
  type Handle = (req: IncomingMessage, res: ServerResponse, next?: (err?: unknown) => void) => void
  const handled = app as unknown as { handle: Handle }
  const expressHandle = handled.handle.bind(app)
  handled.handle = (req, res, next) => handler(req, res, () => expressHandle(req, res, next))
}
