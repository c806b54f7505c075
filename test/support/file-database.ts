import crypto from 'node:crypto'
import { afterAll, inject } from 'vitest'
import { setFileDatabaseUrl } from './connect.ts'
import { copyTemplateDatabase } from './test-database.ts'

/*
 * Setup file of the API suite: on a PostgreSQL server each test file gets its own copy of the seeded template, so
 * files run in parallel and never see another file's rows. Embedded: the file uses its worker's engine.
 */
const template = inject('templateDatabase')
const engineUrls = inject('engineUrls')
if (engineUrls.length > 0) {
  setFileDatabaseUrl(engineUrls[(Number(process.env.VITEST_POOL_ID ?? 1) - 1) % engineUrls.length]!)
} else if (template) {
  const name = `soil_file_${process.pid}_${crypto.randomBytes(4).toString('hex')}`
  const copy = await copyTemplateDatabase(inject('databaseUrl'), template, name)
  setFileDatabaseUrl(copy.url)
  afterAll(() => copy.drop())
}
