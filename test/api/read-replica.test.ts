import fs from 'node:fs'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { paths } from '../../server/src/config.ts'
import { openDatabase, type Database } from '../../server/src/db/database.ts'
import { migrate } from '../../server/src/db/migrate.ts'
import { PRIMARY_COOKIE } from '../../server/src/db/read-routing.ts'
import { seedSampleUsers } from '../../server/src/services/users.service.ts'
import { createTestApp } from '../support/connect.ts'
import { PgCluster, clusterRoot, freePort, postgresBinDir } from '../support/pg-cluster.ts'
import { signIn } from '../support/session.ts'
import { addSquareCounty } from '../support/test-county.ts'

/**
 * Reads on a hot standby (DATABASE_READ_URL): two pg_ctl clusters, a primary and a streaming standby made from its
 * base backup. Writes go to the primary, the public pages read on the standby once it has replayed them, and a
 * write the standby has not replayed yet sends the reads to the primary (read-your-writes).
 */
const bin = postgresBinDir()
if (!bin && process.env.CI) throw new Error('CI 中必须安装 PostgreSQL 服务器（pg_ctl、pg_basebackup）以测试只读库')

const county = (adcode: string, name: string, x0: number) =>
  ({ adcode, name, x0, y0: 3_150_000, size: 4000, epsg: 4525 }) as const

describe.skipIf(!bin)('reads on a hot standby', () => {
  let root: string
  let primary: PgCluster
  let standby: PgCluster
  let db: Database
  let standbyClient: pg.Client
  let app: ReturnType<typeof createTestApp>

  const publicCounties = async (cookie?: string) => {
    let req = (await import('supertest')).default(app).get('/api/public/counties')
    if (cookie) req = req.set('Cookie', cookie)
    const res = await req.expect(200)
    return (res.body.counties as { adcode: string }[]).map((c) => c.adcode)
  }
  const onStandby = async (adcode: string) =>
    (await standbyClient.query('SELECT count(*)::int AS n FROM county WHERE adcode = $1', [adcode])).rows[0].n
  /** Waits until the router has seen the standby replay everything the primary wrote so far. */
  const untilCaughtUp = async () => {
    const { rows } = await db.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn')
    await expect
      .poll(
        async () =>
          (await standbyClient.query('SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS ok', [rows[0]!.lsn])).rows[0].ok,
      )
      .toBe(true)
    await new Promise((r) => setTimeout(r, 300))
  }

  beforeAll(async () => {
    root = clusterRoot()
    primary = new PgCluster(bin!, root, 'primary', await freePort())
    standby = new PgCluster(bin!, root, 'standby', await freePort())
    primary.initdb()
    primary.start()
    standby.baseBackupOf(primary)
    standby.start()
    db = await openDatabase({ databaseUrl: primary.url, readUrl: standby.url, dataDir: root, maxConnections: 4 })
    await migrate(db, paths.migrations)
    await seedSampleUsers(db, { mustChangePassword: false })
    standbyClient = new pg.Client({ connectionString: standby.url })
    // the last test stops the standby under this connection
    standbyClient.on('error', () => {})
    await standbyClient.connect()
    app = createTestApp(db)
  })
  afterAll(async () => {
    await standbyClient?.end().catch(() => {})
    await db?.close().catch(() => {})
    standby?.stop()
    primary?.stop()
    if (root) fs.rmSync(root, { recursive: true, force: true })
  })

  it('answers the public pages from the standby once it has replayed the write', async () => {
    await addSquareCounty(db, county('990101', '热备测试县甲', 38_500_000), [])
    await expect.poll(() => onStandby('990101')).toBe(1)
    await untilCaughtUp()
    const before = { ...db.readRouter!.served }
    expect(await publicCounties()).toContain('990101')
    expect(db.readRouter!.served.replica).toBeGreaterThan(before.replica)
    expect(db.readRouter!.served.primary).toBe(before.primary)
  })

  it('reads a write the standby has not replayed from the primary, and from the standby once it has', async () => {
    await standbyClient.query('SELECT pg_wal_replay_pause()')
    const router = db.readRouter!
    router.beginWrite()
    await addSquareCounty(db, county('990102', '热备测试县乙', 38_510_000), [])
    await router.endWrite()
    // the standby does not have it: the read went to the primary
    expect(await onStandby('990102')).toBe(0)
    const before = { ...router.served }
    expect(await publicCounties()).toContain('990102')
    expect(router.served.replica).toBe(before.replica)
    expect(router.served.primary).toBeGreaterThan(before.primary)

    await standbyClient.query('SELECT pg_wal_replay_resume()')
    await expect.poll(() => onStandby('990102')).toBe(1)
    await untilCaughtUp()
    const after = { ...router.served }
    expect(await publicCounties()).toContain('990102')
    expect(router.served.replica).toBeGreaterThan(after.replica)
  })

  it('a browser that has just written reads from the primary; a write statement never goes to the standby', async () => {
    const session = await signIn(app, 'admin')
    const res = await session.agent.get('/api/session').expect(200)
    expect(res.body.user?.username).toBe('admin')
    // any request that may write marks the browser
    const write = await session.agent
      .post('/api/auth/logout')
      .set('X-CSRF-Token', session.csrfToken)
      .expect((r) => expect(r.status).toBeLessThan(400))
    const cookies = ([] as string[]).concat(write.headers['set-cookie'] ?? [])
    const mark = cookies.find((c) => c.startsWith(`${PRIMARY_COOKIE}=`))
    expect(mark).toMatch(/Max-Age=10\b/)
    await untilCaughtUp()
    const router = db.readRouter!
    const before = { ...router.served }
    expect(await publicCounties(mark!.split(';')[0])).toContain('990101')
    expect(router.served.replica).toBe(before.replica)
    expect(router.served.primary).toBeGreaterThan(before.primary)

    const { rowCount } = await db.reads.query(`UPDATE county SET name = name WHERE adcode = '990101'`)
    expect(rowCount).toBe(1)
  })

  it('keeps answering from the primary when the standby stops', async () => {
    standby.stop()
    await new Promise((r) => setTimeout(r, 300))
    expect(await publicCounties()).toContain('990102')
  })
})
