import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { TestProject } from 'vitest/node'
import { createTestDatabase, migrateAndSeed } from './test-database.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's shared database (embedded), or the server's own database to create others from (server). */
    databaseUrl: string
    databaseMode: 'embedded' | 'server'
    /** On a server: the seeded database each test file copies for itself; empty in embedded mode. */
    templateDatabase: string
    appUrl: string
  }
}

/**
 * The API suite's data. On a PostgreSQL server (`DATABASE_URL`): one migrated and seeded template database, which
 * every test file copies into a database of its own (see file-database.ts), so files run in parallel. Embedded:
 * PGlite is one backend, so the files share one seeded engine and run one after another.
 */
export default async function setup(project: TestProject) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'soil-test-'))
  const serverUrl = process.env.DATABASE_URL
  const test = await createTestDatabase(serverUrl, dataDir)
  await migrateAndSeed(test.db)
  project.provide('databaseMode', test.db.mode)
  if (serverUrl) {
    await test.db.close()
    project.provide('databaseUrl', serverUrl)
    project.provide('templateDatabase', new URL(test.url).pathname.slice(1))
  } else {
    project.provide('databaseUrl', test.url)
    project.provide('templateDatabase', '')
  }
  return async () => {
    await test.drop()
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}
