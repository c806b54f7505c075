import type { AddressInfo } from 'node:net'
import { createApp } from './app.ts'
import type { SampleLoadProgress } from './services/sample-data.service.ts'
import { AuthService } from './services/auth.service.ts'
import { TILE_LAYERS } from './tiles/layers.ts'
import { TileService } from './tiles/tile-service.ts'
import { createLogger, loadConfig, openAppDatabase, seedSampleData } from './start.ts'

const config = loadConfig()
const logger = createLogger(config)
const log = (msg: string) => logger.info(msg)
const db = await openAppDatabase(config, log)
const auth = new AuthService(db, config.auth)
const tiles = new TileService(db, config.tiles)
// the first start answers at once; the sample counties load behind it, each usable as soon as it is committed
const sampleLoad: SampleLoadProgress = { isLoading: false, loaded: 0, total: 0 }
const app = createApp({ db, config, logger, auth, tiles, sampleLoad })
const server = app.listen(config.port, () => {
  const { port } = server.address() as AddressInfo
  log(`土壤环境一张图已启动：http://localhost:${port}（${db.mode === 'embedded' ? '内嵌 PostGIS' : 'PostGIS 服务器'}）`)
  seedSampleData(db, config, log, {
    progress: sampleLoad,
    onCountyLoaded: () => {
      // a user's counties and the tiles include the new county at once
      auth.forgetCounties()
      for (const layer of TILE_LAYERS) tiles.invalidate(layer.name)
    },
  }).catch((err: unknown) => {
    sampleLoad.isLoading = false
    logger.error({ err }, '示例数据加载失败；重新启动后将继续加载其余区县')
  })
})

async function shutdown() {
  server.close()
  await db.close()
  process.exit(0)
}
process.on('SIGINT', shutdown)
process.on('SIGTERM', shutdown)
