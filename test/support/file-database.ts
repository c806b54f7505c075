import crypto from 'node:crypto'
import { afterAll, inject } from 'vitest'
import { setFileDatabaseUrl } from './connect.ts'
import { copyTemplateDatabase } from './test-database.ts'

/*
 * Setup file of the API suite: on a PostgreSQL server each test file gets its own copy of the seeded template, so
 * files run in parallel and never see another file's rows. Embedded mode keeps the run's one shared engine.
 */
const template = inject('templateDatabase')
if (template) {
  const name = `soil_file_${process.pid}_${crypto.randomBytes(4).toString('hex')}`
  const copy = await copyTemplateDatabase(inject('databaseUrl'), template, name)
  setFileDatabaseUrl(copy.url)
  afterAll(() => copy.drop())
}
