import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import { promisify } from 'node:util'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../server/src/db/database.ts'
import { connectTestDatabase, createTestApp } from '../support/connect.ts'
import { isGdalCliMissing, OGRINFO_PATH } from '../support/gdal-cli.ts'
import { issueOgcKey } from '../support/ogc-keys.ts'
import { signIn, type Session } from '../support/session.ts'
import { BOTH_TEST_COUNTIES, createTestUser } from '../support/users.ts'

/**
 * `ogr2ogr -f GPKG out.gpkg OAPIF:<base>/ogc <collection>` copies each public collection completely, following the
 * service's next links through small pages, as a bureau's GIS would; an internal one only with a key.
 */
const OGR2OGR = path.join(path.dirname(OGRINFO_PATH), 'ogr2ogr')
const run = promisify(execFile)
let db: Database
let app: ReturnType<typeof createTestApp>
let server: Server
let base: string
let admin: Session
let dir: string

/** The rows the database holds for each public collection (what the public page serves). */
const DATABASE_COUNT: Record<string, string> = {
  plots: 'SELECT count(*)::int AS n FROM published_plot',
  'control-zones': 'SELECT count(*)::int AS n FROM published_control_zone',
  townships: `SELECT count(*)::int AS n FROM township WHERE geom IS NOT NULL`,
}

/** Copies `collection` to a GeoPackage with GDAL and returns its feature count (null when GDAL could not open it). */
async function copy(collection: string, pageSize: number, headers: string[] = []): Promise<number | null> {
  const out = path.join(dir, `${collection}-${headers.length}.gpkg`)
  fs.rmSync(out, { force: true })
  const config = headers.flatMap((h) => ['--config', 'GDAL_HTTP_HEADERS', h])
  try {
    await run(
      OGR2OGR,
      [...config, '-f', 'GPKG', out, `OAPIF:${base}/ogc`, collection, '-oo', `PAGE_SIZE=${pageSize}`],
      { timeout: 180_000, maxBuffer: 64 * 1024 * 1024 },
    )
  } catch {
    return null
  }
  const info = await run(OGRINFO_PATH, ['-ro', '-so', '-al', out], { timeout: 60_000 })
  const m = /Feature Count: (\d+)/.exec(info.stdout)
  return m ? Number(m[1]) : null
}

/** Every feature id of a collection as the service's JSON pages give them. */
async function sweepIds(collection: string, headers: Record<string, string> = {}): Promise<string[]> {
  const ids: string[] = []
  let url: string | null = `/ogc/collections/${collection}/items?limit=1000`
  while (url) {
    const res: request.Response = await request(app).get(url).set(headers).expect(200)
    ids.push(...res.body.features.map((f: { id: string | number }) => String(f.id)))
    const next = res.body.links.find((l: { rel: string }) => l.rel === 'next')
    url = next ? next.href.replace(/^http:\/\/[^/]+/, '') : null
  }
  return ids
}

beforeAll(async () => {
  db = connectTestDatabase()
  app = createTestApp(db)
  const user = await createTestUser(db, { role: 'admin', scopes: BOTH_TEST_COUNTIES })
  admin = await signIn(app, user.username, user.password)
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'soil-ogc-gdal-'))
  server = app.listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve))
  fs.rmSync(dir, { recursive: true, force: true })
  await db.close()
})

describe.skipIf(isGdalCliMissing())('every collection copied by ogr2ogr', () => {
  it('when ogr2ogr copies each public collection through pages of 3, then the GeoPackage holds every feature the service and the database hold', async () => {
    const { body } = await request(app).get('/ogc/collections').expect(200)
    const ids: string[] = body.collections.map((c: { id: string }) => c.id)
    expect(ids).toEqual(expect.arrayContaining(['plots', 'control-zones', 'counties', 'townships']))
    for (const id of ids) {
      const served = await sweepIds(id)
      expect(served.length, id).toBeGreaterThan(0)
      expect(new Set(served).size, id).toBe(served.length)
      if (DATABASE_COUNT[id]) {
        const { rows } = await db.query<{ n: number }>(DATABASE_COUNT[id])
        expect(served.length, id).toBe(rows[0].n)
      }
      expect(await copy(id, 3), id).toBe(served.length)
    }
  })

  it('when ogr2ogr copies an internal collection, then it needs a key and gets the key’s counties only', async () => {
    const { key } = await issueOgcKey(admin, {
      collections: ['monitoring-points'],
      adcodes: ['220322'],
      holder: '市生态环境局（GDAL 测试）',
      holderKind: 'system',
      expiresInDays: 7,
    })
    const { rows } = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM monitoring_point WHERE adcode = '220322'`,
    )
    expect(rows[0].n).toBeGreaterThan(0)
    expect(await copy('monitoring-points', 50, [`X-API-Key: ${key}`])).toBe(rows[0].n)
    expect(await copy('monitoring-points', 50)).toBeNull()
  })
})
