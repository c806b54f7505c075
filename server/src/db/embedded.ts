import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import { postgis } from '@electric-sql/pglite-postgis'
import { PGLiteSocketServer } from '@electric-sql/pglite-socket'
import { useTemplate } from './embedded-template.ts'

export interface EmbeddedPostgis {
  /** Connection string for node-postgres: the Unix socket folder of the engine, no TCP port. */
  url: string
  /** The folder of the socket (mode 0700: only this system's user may enter it). */
  socketDir: string
  stop(): Promise<void>
}

/** The file name PostgreSQL clients look for in a socket folder (`.s.PGSQL.<port>`). */
const SOCKET_FILE = '.s.PGSQL.5432'
/** Longest Unix socket path Linux accepts (sun_path is 108 bytes with the trailing NUL). */
const MAX_SOCKET_PATH = 107

/**
 * A folder only this user may enter for the engine's socket: `DATA_DIR/.socket`, or, when that path is too long
 * for a Unix socket, a new private folder under the system's temporary folder.
 */
function privateSocketDir(dataDir: string): { dir: string; temporary: boolean } {
  const inData = path.join(dataDir, '.socket')
  if (Buffer.byteLength(path.join(inData, SOCKET_FILE)) <= MAX_SOCKET_PATH) {
    fs.mkdirSync(inData, { recursive: true, mode: 0o700 })
    fs.chmodSync(inData, 0o700)
    fs.rmSync(path.join(inData, SOCKET_FILE), { force: true })
    return { dir: inData, temporary: false }
  }
  return { dir: fs.mkdtempSync(path.join(os.tmpdir(), 'soil-pg-')), temporary: true }
}

/**
 * Starts PGlite with PostGIS in `dataDir` and exposes it to `pg` through pglite-socket, so the rest of the
 * server has a single data path. pglite-socket asks for no password, so it listens on a Unix socket in a folder
 * of mode 0700 and on no TCP port: no other user or machine can reach the engine. PGlite is one backend: each
 * client should use a pool of one. Several clients (the app and a test process) may connect; pglite-socket
 * queues their messages and keeps transactions whole.
 */
export async function startEmbeddedPostgis(
  dataDir: string,
  log: (msg: string) => void = () => {},
): Promise<EmbeddedPostgis> {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 })
  fs.chmodSync(dataDir, 0o700)
  if (useTemplate(dataDir)) log(`新建内嵌数据库：已从安装时准备的空库复制（${dataDir}）`)
  log(`正在启动内嵌 PostGIS 数据库（${dataDir}），首次加载扩展约需 10 秒…`)
  const db = await PGlite.create({ dataDir, extensions: { postgis, pg_trgm } })
  await db.exec('CREATE EXTENSION IF NOT EXISTS postgis')
  const socket = privateSocketDir(dataDir)
  const server = new PGLiteSocketServer({ db, path: path.join(socket.dir, SOCKET_FILE), maxConnections: 16 })
  await server.start()
  return {
    url: `postgres://postgres@localhost/postgres?host=${encodeURIComponent(socket.dir)}`,
    socketDir: socket.dir,
    async stop() {
      await server.stop()
      await db.close()
      if (socket.temporary) fs.rmSync(socket.dir, { recursive: true, force: true })
    },
  }
}
