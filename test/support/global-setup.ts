import { fork, type ChildProcess } from 'node:child_process'
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
    /** Embedded: one engine per worker, each on its own copy of the seeded data; a file leases one (file-database.ts). */
    engineUrls: string[]
    /** Embedded: the folder of the engines' lock files (engine-lease.ts). */
    engineLeaseDir: string
    appUrl: string
  }
}

/**
 * The API suite's data, migrated and seeded once. On a PostgreSQL server (`DATABASE_URL`): a template database
 * that every test file copies into a database of its own (see file-database.ts). Embedded: PGlite is one backend
 * on one thread, so the seeded data folder is copied once per worker and each copy runs in an engine process of
 * its own; a test file leases a free engine, so two files never use one engine at the same moment.
 */
export default async function setup(project: TestProject) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'soil-test-'))
  const serverUrl = process.env.DATABASE_URL
  const test = await createTestDatabase(serverUrl, dataDir)
  await migrateAndSeed(test.db)
  await test.db.close()
  project.provide('databaseMode', test.db.mode)
  if (serverUrl) {
    project.provide('databaseUrl', serverUrl)
    project.provide('templateDatabase', new URL(test.url).pathname.slice(1))
    project.provide('engineUrls', [])
    project.provide('engineLeaseDir', '')
    return async () => {
      await test.drop()
      fs.rmSync(dataDir, { recursive: true, force: true })
    }
  }
  const workers = Math.max(1, project.config.maxWorkers || project.globalConfig.maxWorkers || 1)
  const copies = Array.from({ length: workers }, (_, i) => copyDataDir(dataDir, `${dataDir}-${i + 1}`))
  const engines = await Promise.all(copies.map(startEngineProcess))
  const leaseDir = fs.mkdtempSync(path.join(os.tmpdir(), 'soil-test-leases-'))
  project.provide('engineLeaseDir', leaseDir)
  project.provide('databaseUrl', engines[0]!.url)
  project.provide('templateDatabase', '')
  project.provide(
    'engineUrls',
    engines.map((e) => e.url),
  )
  return async () => {
    await Promise.all(engines.map((e) => e.stop()))
    for (const dir of [dataDir, leaseDir, ...copies]) fs.rmSync(dir, { recursive: true, force: true })
  }
}

/** Copies a closed engine's data folder (without its socket folder). */
function copyDataDir(from: string, to: string): string {
  fs.cpSync(from, to, { recursive: true, filter: (source) => path.basename(source) !== '.socket' })
  return to
}

/** Starts engine-process.ts on `dataDir` and resolves with its connection string once it listens. */
function startEngineProcess(dataDir: string): Promise<{ url: string; stop(): Promise<void> }> {
  const script = path.join(import.meta.dirname, 'engine-process.ts')
  const child: ChildProcess = fork(script, [dataDir], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve()
      child.once('exit', () => resolve())
      child.send('stop')
    })
  return new Promise((resolve, reject) => {
    // tsx uses the same channel for messages of its own: only the engine's `{url}` counts
    const onMessage = (message: unknown) => {
      if (typeof message !== 'object' || message === null || !('url' in message)) return
      child.off('message', onMessage)
      resolve({ url: String(message.url), stop })
    }
    child.on('message', onMessage)
    child.once('exit', (code) => reject(new Error(`内嵌数据库进程意外退出（退出码 ${code}）：${dataDir}`)))
  })
}
