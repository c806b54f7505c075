import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { AddressInfo } from 'node:net'
import type { TestProject } from 'vitest/node'
import { createApp } from '../../server/src/app.ts'
import { loadConfig } from '../../server/src/config.ts'
import { createTestDatabase, migrateAndSeed } from './test-database.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string
    databaseMode: 'embedded' | 'server'
    appUrl: string
  }
}

/** One database and one running app for the whole test run. */
export default async function setup(project: TestProject) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'soil-test-'))
  const test = await createTestDatabase(process.env.DATABASE_URL, dataDir)
  await migrateAndSeed(test.db)
  const config = loadConfig({ port: 0 })
  const server = createApp({ db: test.db, config }).listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  project.provide('databaseUrl', test.url)
  project.provide('databaseMode', test.db.mode)
  project.provide('appUrl', `http://127.0.0.1:${(server.address() as AddressInfo).port}`)
  return async () => {
    await new Promise((resolve) => server.close(resolve))
    await test.drop()
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}
