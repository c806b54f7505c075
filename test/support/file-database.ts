import crypto from 'node:crypto'
import { afterAll, inject } from 'vitest'
import { setFileDatabaseUrl } from './connect.ts'
import { leaseEngine } from './engine-lease.ts'
import { copyTemplateDatabase } from './test-database.ts'

/*
 * Setup file of the API suite: on a PostgreSQL server each test file gets its own copy of the seeded template, so
 * files run in parallel and never see another file's rows. Embedded: the file leases an engine no other file is
 * using at the moment (it sees the rows files before it left there, never rows written while it runs).
 */
const template = inject('templateDatabase')
const engineUrls = inject('engineUrls')
if (engineUrls.length > 0) {
  const lease = await leaseEngine(inject('engineLeaseDir'), engineUrls.length)
  setFileDatabaseUrl(engineUrls[lease.index]!)
  afterAll(() => lease.release())
} else if (template) {
  const name = `soil_file_${process.pid}_${crypto.randomBytes(4).toString('hex')}`
  const copy = await copyTemplateDatabase(inject('databaseUrl'), template, name)
  setFileDatabaseUrl(copy.url)
  afterAll(() => copy.drop())
}
