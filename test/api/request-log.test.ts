import { Writable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pino } from 'pino'
import { createApp } from '../../server/src/app.ts'
import { loadConfig } from '../../server/src/config.ts'
import type { Database } from '../../server/src/db/database.ts'
import { connectTestDatabase } from '../support/connect.ts'
import { signIn } from '../support/session.ts'
import { createTestUser } from '../support/users.ts'

let db: Database
let lines: string[]
let app: ReturnType<typeof createApp>

/** A logger writing every line into `lines`, as the server's logger would write them to stdout. */
function memoryLogger() {
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean))
      done()
    },
  })
  return pino({ level: 'info' }, sink)
}

beforeAll(() => {
  db = connectTestDatabase()
  lines = []
  app = createApp({ db, config: loadConfig({ port: 0 }), logger: memoryLogger() })
})
afterAll(() => db.close())

describe('request log', () => {
  it('when a user signs in and works, then the log has method, path, status, time, user and request id, and no session or CSRF token', async () => {
    const user = await createTestUser(db, { role: 'farmland', scopes: ['430903'] })
    const session = await signIn(app, user.username, user.password)
    const login = await session.agent
      .post('/api/auth/login')
      .set('X-CSRF-Token', session.csrfToken)
      .send({ username: user.username, password: user.password })
    const token = String(login.headers['set-cookie']).match(/soil_session=([^;]+)/)![1]
    const csrf = login.body.csrfToken as string
    await session.agent.get('/api/counties').set('Authorization', 'Bearer secret-access-key-123').expect(200)
    await session.agent.get('/api/search?q=%E8%B5%AB%E5%B1%B1').expect(200)
    await session.agent.post('/api/parcels/check').set('X-CSRF-Token', csrf).send({ changes: [] }).expect(400)
    await session.agent.post('/api/auth/logout').set('X-CSRF-Token', csrf).expect(200)

    const log = lines.join('\n')
    expect(token.length).toBeGreaterThanOrEqual(20)
    expect(log).not.toContain(token)
    expect(log).not.toContain(csrf)
    expect(log).not.toContain(session.csrfToken)
    expect(log).not.toContain('secret-access-key-123')
    expect(log).not.toContain(user.password)
    expect(log).not.toMatch(/soil_session|soil_csrf|set-cookie|cookie/i)

    const entries = lines.map((l) => JSON.parse(l)).filter((e) => e.req)
    const counties = entries.find((e) => e.req.path === '/api/counties')
    expect(counties).toMatchObject({
      req: { method: 'GET', path: '/api/counties' },
      res: { statusCode: 200 },
      userId: user.id,
    })
    expect(counties.responseTime).toEqual(expect.any(Number))
    expect(counties.req.id).toBeDefined()
    expect(Object.keys(counties.req).sort()).toEqual(['id', 'method', 'path'])
    expect(Object.keys(counties.res)).toEqual(['statusCode'])
    expect(entries.find((e) => e.req.path === '/api/parcels/check')).toMatchObject({
      req: { method: 'POST' },
      res: { statusCode: 400 },
    })
    expect(entries.find((e) => e.req.path === '/api/auth/login')).toMatchObject({
      req: { method: 'POST' },
      res: { statusCode: 200 },
    })
    expect(entries.find((e) => e.req.path === '/api/search')!.req.path).toBe('/api/search')
  })
})
