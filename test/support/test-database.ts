import pg from 'pg'
import { openDatabase, type Database } from '../../server/src/db/database.ts'
import { migrate } from '../../server/src/db/migrate.ts'
import { paths } from '../../server/src/config.ts'
import { ensureDefaultRuleSet } from '../../server/src/services/classification.service.ts'
import { loadSampleData } from '../../server/src/services/sample-data.service.ts'
import { seedSampleUsers } from '../../server/src/services/users.service.ts'

/** The counties and size of the small sample every test run loads. */
export const TEST_COUNTIES = ['430903', '220322']
export const TEST_PARCELS_PER_COUNTY = 400

export interface TestDatabase {
  db: Database
  url: string
  drop(): Promise<void>
}

/**
 * A fresh database for one test run: on the server of `serverUrl`, a new database that is dropped afterwards
 * (the server's own data is never touched); without it, a new embedded PGlite + PostGIS in `dataDir`.
 */
export async function createTestDatabase(serverUrl: string | undefined, dataDir: string): Promise<TestDatabase> {
  if (!serverUrl) {
    const db = await openDatabase({ dataDir })
    return { db, url: (db.pool as any).options.connectionString, drop: () => db.close() }
  }
  const name = `soil_test_${process.pid}_${Date.now()}`
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}`)
  await admin.end()
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  const db = await openDatabase({ databaseUrl: url.toString(), dataDir, maxConnections: 4 })
  return {
    db,
    url: url.toString(),
    async drop() {
      await db.close().catch(() => {})
      const client = new pg.Client({ connectionString: serverUrl })
      await client.connect()
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await client.end()
    },
  }
}

/**
 * A new database on the server of `serverUrl` copied from `template` (a database nobody is connected to), dropped
 * by the returned function; PostgreSQL copies the files, which takes a fraction of a second for the sample.
 */
export async function copyTemplateDatabase(
  serverUrl: string,
  template: string,
  name: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`)
  } finally {
    await admin.end()
  }
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: serverUrl })
      await client.connect()
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await client.end()
    },
  }
}

export async function migrateAndSeed(db: Database): Promise<void> {
  await migrate(db, paths.migrations)
  await ensureDefaultRuleSet(db)
  await loadSampleData(db, { scale: 'sample', adcodes: TEST_COUNTIES, parcelsPerCounty: TEST_PARCELS_PER_COUNTY })
  await seedSampleUsers(db, { mustChangePassword: false })
}
