import pg from 'pg'
import { inject } from 'vitest'
import { wrapPool, type Database } from '../../server/src/db/database.ts'
import { createApp } from '../../server/src/app.ts'
import { loadConfig } from '../../server/src/config.ts'

let fileDatabaseUrl: string | undefined

/** Makes `url` the database of the running test file (its own copy of the template, on a server). */
export function setFileDatabaseUrl(url: string): void {
  fileDatabaseUrl = url
}

/** The URL of the test file's database: its own copy on a server, else the run's shared one. */
export function testDatabaseUrl(): string {
  return fileDatabaseUrl ?? inject('databaseUrl')
}

/** A connection to the test file's database, as the app would open it. */
export function connectTestDatabase(): Database {
  const mode = inject('databaseMode')
  const pool = new pg.Pool({ connectionString: testDatabaseUrl(), max: mode === 'embedded' ? 1 : 4 })
  pool.on('error', (err) => console.warn(`测试连接池错误：${err.message}`))
  return wrapPool(pool, mode, () => pool.end())
}

/** The app in-process (for supertest) on the run's database. */
export function createTestApp(db: Database, overrides: Parameters<typeof loadConfig>[0] = {}) {
  return createApp({ db, config: loadConfig({ port: 0, ...overrides }) })
}
