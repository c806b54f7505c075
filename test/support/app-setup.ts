import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { AddressInfo } from 'node:net'
import type { TestProject } from 'vitest/node'
import { createApp } from '../../server/src/app.ts'
import { loadConfig } from '../../server/src/config.ts'
import { createTestDatabase, migrateAndSeed } from './test-database.ts'

/** The browser suite's app: one seeded database of its own and one running server for all its files. */
export default async function setup(project: TestProject) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'soil-e2e-'))
  const test = await createTestDatabase(process.env.DATABASE_URL, dataDir)
  await migrateAndSeed(test.db)
  const config = loadConfig({ port: 0 })
  const server = createApp({ db: test.db, config }).listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  project.provide('databaseUrl', test.url)
  project.provide('databaseMode', test.db.mode)
  project.provide('templateDatabase', '')
  project.provide('engineUrls', [])
  project.provide('appUrl', `http://127.0.0.1:${(server.address() as AddressInfo).port}`)
  return async () => {
    await new Promise((resolve) => server.close(resolve))
    await test.drop()
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}
