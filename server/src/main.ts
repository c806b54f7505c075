import { createApp } from './app.ts'
import { createLogger, loadConfig, prepareDatabase } from './start.ts'

const config = loadConfig()
const logger = createLogger(config)
const db = await prepareDatabase(config, (msg) => logger.info(msg))
const app = createApp({ db, config, logger })
const server = app.listen(config.port, () => {
  logger.info(
    `土壤环境一张图已启动：http://localhost:${config.port}（${db.mode === 'embedded' ? '内嵌 PostGIS' : 'PostGIS 服务器'}）`,
  )
})

async function shutdown() {
  server.close()
  await db.close()
  process.exit(0)
}
process.on('SIGINT', shutdown)
process.on('SIGTERM', shutdown)
