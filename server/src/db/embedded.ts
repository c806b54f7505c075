import fs from 'node:fs'
import { PGlite } from '@electric-sql/pglite'
import { postgis } from '@electric-sql/pglite-postgis'
import { PGLiteSocketServer } from '@electric-sql/pglite-socket'

export interface EmbeddedPostgis {
  /** Connection string for node-postgres; the socket server listens on loopback only. */
  url: string
  stop(): Promise<void>
}

/**
 * Starts PGlite with PostGIS in `dataDir` and exposes it to `pg` through pglite-socket, so the rest of the
 * server has a single data path. PGlite is one backend: each client should use a pool of one. Several clients
 * (the app and a test process) may connect; pglite-socket queues their messages and keeps transactions whole.
 */
export async function startEmbeddedPostgis(dataDir: string, log: (msg: string) => void = () => {}): Promise<EmbeddedPostgis> {
  fs.mkdirSync(dataDir, { recursive: true })
  log(`正在启动内嵌 PostGIS 数据库（${dataDir}），首次加载扩展约需 10 秒…`)
  const db = await PGlite.create({ dataDir, extensions: { postgis } })
  await db.exec('CREATE EXTENSION IF NOT EXISTS postgis')
  const server = new PGLiteSocketServer({ db, port: 0, host: '127.0.0.1', maxConnections: 16 })
  await server.start()
  return {
    url: `postgres://postgres@${server.getServerConn()}/postgres`,
    async stop() {
      await server.stop()
      await db.close()
    },
  }
}
