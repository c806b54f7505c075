import fs from 'node:fs'
import path from 'node:path'
import express from 'express'
import type { Logger } from 'pino'
import type { AppConfig } from './config.ts'
import type { Database } from './db/database.ts'
import { errorMiddleware, notFoundRoute } from './http/errors.ts'
import { csrfMiddleware, sessionMiddleware } from './http/auth.ts'
import { requestLog } from './http/request-log.ts'
import { securityHeaders } from './http/security-headers.ts'
import { refuseControlCharacters } from './http/validate.ts'
import { assessRoutes } from './routes/assess.routes.ts'
import { attributeTableRoutes } from './routes/attribute-table.routes.ts'
import { authRoutes } from './routes/auth.routes.ts'
import { classificationRoutes } from './routes/classification.routes.ts'
import { basicFarmlandRoutes } from './routes/basic-farmland.routes.ts'
import { controlZonesRoutes } from './routes/control-zones.routes.ts'
import { coverageRoutes } from './routes/coverage.routes.ts'
import { enterprisesRoutes } from './routes/enterprises.routes.ts'
import { exportRoutes } from './routes/export.routes.ts'
import { platformPackageRoutes } from './routes/platform-package.routes.ts'
import { indicatorsRoutes } from './routes/indicators.routes.ts'
import { safeUseLedgerRoutes } from './routes/safe-use-ledger.routes.ts'
import { mapRoutes } from './routes/map.routes.ts'
import { monitoringRoutes } from './routes/monitoring.routes.ts'
import { parcelsRoutes } from './routes/parcels.routes.ts'
import { plotsRoutes } from './routes/plots.routes.ts'
import { registryImportRoutes } from './routes/registry-import.routes.ts'
import { documentsRoutes } from './routes/documents.routes.ts'
import { redevelopmentRoutes } from './routes/redevelopment.routes.ts'
import { precheckUploadRoutes } from './routes/precheck-upload.routes.ts'
import { mapPrintRoutes } from './routes/map-print.routes.ts'
import { precheckRoutes } from './routes/precheck.routes.ts'
import { sitingRoutes } from './routes/siting.routes.ts'
import { judgeSettings } from './services/monitoring.service.ts'
import { publicRoutes } from './routes/public.routes.ts'
import { ogcRoutes } from './routes/ogc.routes.ts'
import { OgcService } from './services/ogc.service.ts'
import { sharingRoutes } from './routes/sharing.routes.ts'
import { SharingCatalogueService } from './services/sharing-catalogue.service.ts'
import { ogcKeysRoutes } from './routes/ogc-keys.routes.ts'
import { OgcKeysService } from './services/ogc-keys.service.ts'
import { registryListsRoutes } from './routes/registry-lists.routes.ts'
import { reportsRoutes } from './routes/reports.routes.ts'
import { reviewRoutes } from './routes/review.routes.ts'
import { priorityAreaRoutes } from './routes/priority-area.routes.ts'
import { banZonesRoutes } from './routes/ban-zones.routes.ts'
import { waterSourceRoutes } from './routes/water-source.routes.ts'
import { usersRoutes } from './routes/users.routes.ts'
import { adminUnitsRoutes } from './routes/admin-units.routes.ts'
import { AuthService } from './services/auth.service.ts'
import { UsersService } from './services/users.service.ts'
import { tileRoutes } from './routes/tiles.routes.ts'
import { fixedHeadersOf, serveTilesFirst, tileHandler } from './routes/tile-handler.ts'
import { readRouting } from './http/read-routing.ts'
import { TileService } from './tiles/tile-service.ts'
import { ClassificationRunner } from './services/classification-runner.ts'
import { landImportRoutes } from './routes/land-import.routes.ts'
import { LandImportRunner } from './services/land-import-runner.ts'
import { LandImportService } from './services/land-import.service.ts'
import { landUpdateRoutes } from './routes/land-update.routes.ts'
import { LandUpdateRunner } from './services/land-update-runner.ts'
import { LandUpdateService } from './services/land-update.service.ts'
import type { SampleLoadProgress } from './services/sample-data.service.ts'

export interface AppDeps {
  db: Database
  config: AppConfig
  logger?: Logger
  tiles?: TileService
  auth?: AuthService
  /** Runs county-wide classification jobs in this process (tests pass one with small batches). */
  classification?: ClassificationRunner
  /** Applies 三调 land imports in this process (tests pass one with small batches and hooks). */
  landImport?: LandImportRunner
  /** Applies annual updates (年度变更调查) in this process (tests pass one with small batches and hooks). */
  landUpdate?: LandUpdateRunner
  /** The sample load of a first start, while it runs behind the server (GET /api/sample-load). */
  sampleLoad?: SampleLoadProgress
}

/** X-Forwarded-For counts only from the proxies the setting names; an address Express cannot read stops the start. */
function trustProxies(app: express.Express, setting: AppConfig['trustProxy']): void {
  try {
    app.set('trust proxy', setting)
  } catch (err) {
    throw new Error(
      `环境变量 TRUST_PROXY 应为 loopback、逗号分隔的地址或网段（如 10.0.0.1, 172.16.0.0/12）或代理层数，当前为 “${setting}”：${(err as Error).message}`,
      { cause: err },
    )
  }
}

/** Smaller batches on the embedded engine: its one connection answers other requests between two batches. */
const EMBEDDED_CLASSIFY_BATCH = 500

/** The Express app, without listening: tests call it in-process against a real database. */
export function createApp({
  db,
  config,
  logger,
  tiles = new TileService(db.reads, config.tiles),
  auth = new AuthService(db, config.auth),
  classification = new ClassificationRunner(db, {
    batchSize: db.mode === 'embedded' ? EMBEDDED_CLASSIFY_BATCH : undefined,
    log: (msg, err) => logger?.error({ err }, msg),
  }),
  landImport = new LandImportRunner(db, {
    batchSize: config.landImport.batchSize,
    log: (msg, err) => logger?.error({ err }, msg),
  }),
  landUpdate = new LandUpdateRunner(db, {
    batchSize: config.landUpdate.batchSize,
    log: (msg, err) => logger?.error({ err }, msg),
  }),
  sampleLoad = { isLoading: false, loaded: 0, total: 0 },
}: AppDeps) {
  const app = express()
  app.disable('x-powered-by')
  trustProxies(app, config.trustProxy)
  const security = securityHeaders()
  app.use(security)
  if (logger) app.use(requestLog(logger))
  app.use(express.json({ limit: config.limits.jsonBody }))
  app.use(refuseControlCharacters)
  app.use(sessionMiddleware(auth))
  app.use(csrfMiddleware)
  const router = db.readRouter
  if (router) app.use(readRouting(router, config.readYourWritesSeconds))
  const invalidateLayers = (layers: string[]) => {
    // a job's change: tiles are built on the primary until the standby has replayed it
    router?.beginWrite()
    layers.forEach((l) => tiles.invalidate(l))
    void router?.endWrite()
  }
  app.use(authRoutes(auth, config.auth))
  // how far the sample counties of a first start have loaded: counts only, for the notice on every page
  app.get('/api/sample-load', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ ...sampleLoad } satisfies SampleLoadProgress)
  })
  app.use(mapRoutes(db, config.limits, { waterSourceNearM: config.waterSource.nearM }))
  app.use(attributeTableRoutes(db, config.limits))
  app.use(reviewRoutes(db, invalidateLayers, { priorityAreas: config.priorityAreas }))
  app.use(priorityAreaRoutes(db, config.priorityAreas))
  app.use(waterSourceRoutes({ db, settings: config.waterSource, onChanged: invalidateLayers }))
  app.use(usersRoutes(new UsersService(db, auth)))
  app.use(publicRoutes(db.reads, config.limits, config.coverage))
  const ogcKeys = new OgcKeysService(db)
  app.use(tileRoutes(tiles, ogcKeys))
  const ogc = new OgcService(db.reads, config.coverage)
  app.use(ogcRoutes(ogc, ogcKeys))
  app.use(sharingRoutes(new SharingCatalogueService(db, ogc)))
  app.use(ogcKeysRoutes(ogcKeys))
  app.use(reportsRoutes({ db, reports: config.reports, plotGeometry: config.parcelEdit, onChanged: invalidateLayers }))
  app.use(classificationRoutes(db, classification))
  app.use(basicFarmlandRoutes(db, { minOverlapM2: config.precheck.minOverlapM2 }))
  app.use(exportRoutes(db))
  app.use(platformPackageRoutes({ db, settings: config.platformPackage }))
  app.use(assessRoutes())
  app.use(parcelsRoutes({ db, settings: config.parcelEdit, onChanged: invalidateLayers }))
  const registry = {
    db,
    settings: { ...config.registry, outsideToleranceM2: config.parcelEdit.outsideToleranceM2 },
    onChanged: invalidateLayers,
  }
  app.use(controlZonesRoutes(registry))
  app.use(banZonesRoutes(registry))
  app.use(enterprisesRoutes(registry))
  app.use(registryListsRoutes({ db, feedVersions: config.registry.feedVersions }))
  app.use(
    plotsRoutes({
      db,
      settings: { geometry: config.parcelEdit, backgroundMgKg: config.plots.backgroundMgKg },
      onChanged: invalidateLayers,
    }),
  )
  app.use(documentsRoutes({ db, settings: config.documents }))
  app.use(redevelopmentRoutes({ db, settings: config.monitoring }))
  app.use(precheckUploadRoutes({ db, limits: config.precheckUpload }))
  app.use(mapPrintRoutes())
  app.use(
    precheckRoutes({
      db,
      settings: {
        ...config.precheck,
        outsideToleranceM2: config.parcelEdit.outsideToleranceM2,
        backgroundMgKg: config.plots.backgroundMgKg,
      },
    }),
  )
  app.use(
    sitingRoutes({
      db,
      settings: {
        ...config.siting,
        maxVertices: config.precheck.maxVertices,
        outsideToleranceM2: config.parcelEdit.outsideToleranceM2,
        judge: judgeSettings(config.monitoring),
      },
    }),
  )
  app.use(coverageRoutes({ db, settings: config.coverage }))
  app.use(monitoringRoutes({ db, settings: config.monitoring, onChanged: invalidateLayers }))
  app.use(
    registryImportRoutes({
      db,
      maxBytes: config.precheckUpload.maxBytes,
      settings: {
        importMaxRows: config.monitoring.importMaxRows,
        uploadGuard: config.monitoring.uploadGuard,
        siteOutline: {
          maxVertices: config.registry.zoneMaxVertices,
          outsideToleranceM2: config.parcelEdit.outsideToleranceM2,
        },
        plotOutline: config.parcelEdit,
      },
      onChanged: invalidateLayers,
    }),
  )
  app.use(indicatorsRoutes({ db, settings: config.indicators }))
  app.use(safeUseLedgerRoutes({ db, settings: config.safeUseLedger, termRule: config.indicators.farmlandTermRule }))
  app.use(
    adminUnitsRoutes({
      db,
      settings: config.adminUnits,
      onChanged: (layers) => {
        invalidateLayers(layers)
        auth.forgetCounties()
      },
    }),
  )
  app.use(
    landImportRoutes({
      service: new LandImportService({
        db,
        settings: config.landImport,
        runner: landImport,
        onChanged: invalidateLayers,
      }),
      maxBytes: config.landImport.maxBytes,
    }),
  )
  app.use(
    landUpdateRoutes(
      new LandUpdateService({ db, settings: config.landUpdate, runner: landUpdate, onChanged: invalidateLayers }),
    ),
  )
  app.use('/api', notFoundRoute)
  app.use('/tiles', notFoundRoute)
  app.use('/ogc', notFoundRoute)
  if (fs.existsSync(config.clientDir)) {
    app.use(express.static(config.clientDir, { index: 'index.html', maxAge: '1h' }))
    app.get(/^\/(?!api\/|tiles\/|ogc\/).*/, (_req, res) => res.sendFile(path.join(config.clientDir, 'index.html')))
  }
  app.use(notFoundRoute)
  app.use(errorMiddleware((err) => logger?.error({ err }, '未处理的错误')))
  serveTilesFirst(app, tileHandler({ tiles, auth, logger, fixedHeaders: fixedHeadersOf(security) }))
  return app
}
