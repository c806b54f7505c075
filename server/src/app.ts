import fs from 'node:fs'
import path from 'node:path'
import express from 'express'
import helmet from 'helmet'
import { pinoHttp } from 'pino-http'
import type { Logger } from 'pino'
import type { AppConfig } from './config.ts'
import type { Database } from './db/database.ts'
import { errorMiddleware, notFoundRoute } from './http/errors.ts'
import { mapRoutes } from './routes/map.routes.ts'
import { tileRoutes } from './routes/tiles.routes.ts'
import { TileService } from './tiles/tile-service.ts'

export interface AppDeps {
  db: Database
  config: AppConfig
  logger?: Logger
  tiles?: TileService
}

/** The Express app, without listening: tests call it in-process against a real database. */
export function createApp({ db, config, logger, tiles = new TileService(db, config.tiles) }: AppDeps) {
  const app = express()
  app.disable('x-powered-by')
  app.set('trust proxy', 'loopback')
  app.use(helmet({
    contentSecurityPolicy: {
      directives: {
        'img-src': ["'self'", 'data:', 'blob:', 'https://tile.openstreetmap.org', 'https://*.tianditu.gov.cn'],
        'connect-src': ["'self'", 'https://tile.openstreetmap.org', 'https://*.tianditu.gov.cn'],
        'worker-src': ["'self'", 'blob:'],
        'child-src': ["'self'", 'blob:'],
      },
    },
  }))
  if (logger) app.use(pinoHttp({ logger, autoLogging: { ignore: (req) => req.url?.startsWith('/tiles/') ?? false } }))
  app.use(express.json({ limit: config.limits.jsonBody }))
  app.use(mapRoutes(db, config.limits))
  app.use(tileRoutes(tiles))
  app.use('/api', notFoundRoute)
  app.use('/tiles', notFoundRoute)
  if (fs.existsSync(config.clientDir)) {
    app.use(express.static(config.clientDir, { index: 'index.html', maxAge: '1h' }))
    app.get(/^\/(?!api\/|tiles\/).*/, (_req, res) => res.sendFile(path.join(config.clientDir, 'index.html')))
  }
  app.use(notFoundRoute)
  app.use(errorMiddleware((err) => logger?.error({ err }, '未处理的错误')))
  return app
}
