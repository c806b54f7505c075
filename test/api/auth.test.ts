import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import request from 'supertest'
import type { Database } from '../../server/src/db/database.ts'
import { loadConfig } from '../../server/src/config.ts'
import { sha256 } from '../../server/src/services/password.ts'
import { connectTestDatabase, createTestApp } from '../support/connect.ts'
import { signIn, signInAs, type Session } from '../support/session.ts'
import { TEST_PASSWORD, createTestUser, signInNewUser, uniqueUsername } from '../support/users.ts'

let db: Database
let app: ReturnType<typeof createTestApp>

/** An app whose login limits are small, so a lock-out takes three tries; the per-address limit stays out of the way. */
function appWithAuth(auth: Partial<ReturnType<typeof loadConfig>['auth']>) {
  return createTestApp(db, { auth: { ...loadConfig().auth, loginAttemptsPerMinute: 1000, ...auth } })
}

beforeAll(() => {
  db = connectTestDatabase()
  app = appWithAuth({})
})
afterAll(() => db.close())

async function anonymous(on = app): Promise<Session> {
  return signIn(on, null)
}

function login(session: Session, username: string, password: string) {
  return session.agent.post('/api/auth/login').set('X-CSRF-Token', session.csrfToken).send({ username, password })
}

function cookieNamed(res: request.Response, name: string): string | undefined {
  const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? [])
  return cookies.find((c) => c.startsWith(`${name}=`))
}

function tokenOf(setCookie: string): string {
  return setCookie.split(';')[0].split('=')[1]
}

describe('POST /api/auth/login', () => {
  it('when the name and password are right, then an httpOnly SameSite=Strict session cookie is set and the user comes back', async () => {
    const user = await createTestUser(db, { role: 'land', scopes: ['430903'] })
    const res = await login(await anonymous(), user.username, user.password)
    expect(res.status).toBe(200)
    const cookie = cookieNamed(res, 'soil_session')!
    expect(cookie).toMatch(/HttpOnly/i)
    expect(cookie).toMatch(/SameSite=Strict/i)
    expect(cookie).toMatch(/Path=\//i)
    expect(tokenOf(cookie).length).toBeGreaterThanOrEqual(40)
    expect(res.body.user).toMatchObject({
      id: user.id,
      username: user.username,
      role: 'land',
      roleName: '用地核查员（自然资源局）',
      mustChangePassword: false,
      scopes: ['430903'],
      counties: [{ adcode: '430903', name: '赫山区' }],
    })
    expect(res.body.user.passwordHash).toBeUndefined()
    expect(res.body.csrfToken).toMatch(/^[A-Za-z0-9_-]{40,}$/)
  })

  it('when a county is added in the database after a login, then the next login of a user scoped to it has it in scope', async () => {
    const first = await createTestUser(db, { role: 'land', scopes: ['430903'] })
    expect((await login(await anonymous(), first.username, first.password)).status).toBe(200)
    const adcode = `42${7000 + Math.floor(Math.random() * 999)}`
    await db.query(
      `INSERT INTO county (adcode, name, city_code, city, province, geom, source)
       VALUES ($1::char(6), '后加县', left($1::text, 4) || '00', '测试市', '测试省',
               ST_Multi(ST_MakeEnvelope(114.0, 30.0, 114.01, 30.01, 4490)), 'test')`,
      [adcode],
    )
    try {
      const user = await createTestUser(db, { role: 'farmland', scopes: [adcode] })
      const res = await login(await anonymous(), user.username, user.password)
      expect(res.status).toBe(200)
      expect(res.body.user.counties).toEqual([{ adcode, name: '后加县' }])
    } finally {
      await db.query(`DELETE FROM county WHERE adcode = $1`, [adcode])
    }
  })

  it('when the name is typed with capitals and spaces, then it still signs in', async () => {
    const user = await createTestUser(db, { role: 'land', scopes: ['430903'] })
    const res = await login(await anonymous(), `  ${user.username.toUpperCase()} `, user.password)
    expect(res.status).toBe(200)
  })

  it('when the name is unknown or the password wrong, then both get the same 401 message', async () => {
    const user = await createTestUser(db, { role: 'land', scopes: ['430903'] })
    const wrongPassword = await login(await anonymous(), user.username, 'Wrong-pass-123')
    const unknownName = await login(await anonymous(), uniqueUsername('nobody'), 'Wrong-pass-123')
    expect(wrongPassword.status).toBe(401)
    expect(unknownName.status).toBe(401)
    expect(wrongPassword.body).toEqual(unknownName.body)
    expect(wrongPassword.body.error).toMatchObject({ code: 'UNAUTHENTICATED', message: '用户名或密码错误' })
    expect(cookieNamed(wrongPassword, 'soil_session')).toBeUndefined()
  })

  it('when a deactivated user gives the right password, then the answer is the same 401', async () => {
    const user = await createTestUser(db, { role: 'land', scopes: ['430903'], isActive: false })
    const res = await login(await anonymous(), user.username, user.password)
    expect(res.status).toBe(401)
    expect(res.body.error.message).toBe('用户名或密码错误')
  })

  it.each([
    [{ username: '', password: 'x' }, '请输入用户名'],
    [{ username: 'someone' }, '请输入密码'],
    [{ username: 'someone', password: 'x'.repeat(201) }, '密码过长'],
  ])('when the body is %j, then 400 with the reason', async (body, reason) => {
    const session = await anonymous()
    const res = await session.agent.post('/api/auth/login').set('X-CSRF-Token', session.csrfToken).send(body)
    expect(res.status).toBe(400)
    expect(res.body.error.message).toContain(reason)
  })

  it('when the body is malformed JSON, then 400 saying so', async () => {
    const session = await anonymous()
    const res = await session.agent
      .post('/api/auth/login')
      .set('X-CSRF-Token', session.csrfToken)
      .set('Content-Type', 'application/json')
      .send('{"username":"admin","password":')
    expect(res.status).toBe(400)
    expect(res.body.error.code).toBe('INVALID_JSON')
  })

  it('when the body is larger than the limit, then 413', async () => {
    const session = await anonymous()
    const res = await session.agent
      .post('/api/auth/login')
      .set('X-CSRF-Token', session.csrfToken)
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ username: 'admin', password: 'x'.repeat(3_000_000) }))
    expect(res.status).toBe(413)
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE')
  })

  it('when one address tries to sign in more often than allowed per minute, then 429 asking to wait', async () => {
    const limited = appWithAuth({ loginAttemptsPerMinute: 2 })
    const session = await anonymous(limited)
    expect((await login(session, 'nobody-x', 'Wrong-pass-123')).status).toBe(401)
    expect((await login(session, 'nobody-x', 'Wrong-pass-123')).status).toBe(401)
    const third = await login(session, 'nobody-x', 'Wrong-pass-123')
    expect(third.status).toBe(429)
    expect(third.body.error).toMatchObject({ code: 'RATE_LIMITED', message: '登录尝试过于频繁，请一分钟后再试' })
  })
})

describe('client address behind a proxy', () => {
  const tryLogin = (session: Session, forwardedFor: string) =>
    session.agent
      .post('/api/auth/login')
      .set('X-CSRF-Token', session.csrfToken)
      .set('X-Forwarded-For', forwardedFor)
      .send({ username: uniqueUsername('xff'), password: 'Wrong-pass-123' })

  it('when TRUST_PROXY is not set, then 40 logins from loopback with a new X-Forwarded-For each are limited like any other 40', async () => {
    const plain = createTestApp(db)
    const session = await anonymous(plain)
    const codes: string[] = []
    for (let i = 0; i < 40; i++) codes.push((await tryLogin(session, `203.0.113.${i + 1}`)).body.error?.code)
    expect(codes.slice(0, loadConfig().auth.loginAttemptsPerMinute).every((c) => c === 'UNAUTHENTICATED')).toBe(true)
    expect(codes.filter((c) => c === 'RATE_LIMITED')).toHaveLength(40 - loadConfig().auth.loginAttemptsPerMinute)
  })

  it('when TRUST_PROXY names loopback, then each forwarded address is counted on its own', async () => {
    const proxied = createTestApp(db, {
      trustProxy: 'loopback',
      auth: { ...loadConfig().auth, loginAttemptsPerMinute: 2 },
    })
    const session = await anonymous(proxied)
    expect((await tryLogin(session, '198.51.100.1')).status).toBe(401)
    expect((await tryLogin(session, '198.51.100.1')).status).toBe(401)
    expect((await tryLogin(session, '198.51.100.1')).body.error.code).toBe('RATE_LIMITED')
    expect((await tryLogin(session, '198.51.100.2')).status).toBe(401)
    expect((await tryLogin(session, '198.51.100.3')).status).toBe(401)
  })
})

describe('lock-out after repeated failures', () => {
  const small = { maxLoginFailures: 3, lockMinutes: 7 }

  it('when a name fails the allowed number of times, then it is locked and even the right password gets 429', async () => {
    const locking = appWithAuth(small)
    const user = await createTestUser(db, { role: 'farmland', scopes: ['430903'] })
    const session = await anonymous(locking)
    expect((await login(session, user.username, 'Wrong-pass-1')).status).toBe(401)
    expect((await login(session, user.username, 'Wrong-pass-2')).status).toBe(401)
    const last = await login(session, user.username, 'Wrong-pass-3')
    expect(last.status).toBe(429)
    expect(last.body.error.code).toBe('ACCOUNT_LOCKED')
    expect(last.body.error.message).toContain('连续 3 次登录失败')
    expect(last.body.error.message).toContain('锁定 7 分钟')
    const right = await login(session, user.username, user.password)
    expect(right.status).toBe(429)
    expect(right.body.error.code).toBe('ACCOUNT_LOCKED')
    expect(cookieNamed(right, 'soil_session')).toBeUndefined()
  })

  it('when failures are interrupted by a successful login, then the count starts again', async () => {
    const locking = appWithAuth(small)
    const user = await createTestUser(db, { role: 'farmland', scopes: ['430903'] })
    const session = await anonymous(locking)
    await login(session, user.username, 'Wrong-pass-1')
    await login(session, user.username, 'Wrong-pass-2')
    expect((await login(await anonymous(locking), user.username, user.password)).status).toBe(200)
    const other = await anonymous(locking)
    expect((await login(other, user.username, 'Wrong-pass-3')).status).toBe(401)
    expect((await login(other, user.username, 'Wrong-pass-4')).status).toBe(401)
  })

  it('when an unknown name fails the allowed number of times, then it is locked the same way, so locks do not reveal which names exist', async () => {
    const locking = appWithAuth(small)
    const name = uniqueUsername('ghost')
    const session = await anonymous(locking)
    expect((await login(session, name, 'Wrong-pass-1')).status).toBe(401)
    expect((await login(session, name, 'Wrong-pass-2')).status).toBe(401)
    const last = await login(session, name, 'Wrong-pass-3')
    expect(last.status).toBe(429)
    expect(last.body.error.code).toBe('ACCOUNT_LOCKED')
    expect((await login(session, name, 'Wrong-pass-4')).status).toBe(429)
  })

  it('when the lock has run out, then the right password signs in again and the failures are cleared', async () => {
    const locking = appWithAuth(small)
    const user = await createTestUser(db, { role: 'farmland', scopes: ['430903'] })
    const session = await anonymous(locking)
    for (let i = 0; i < 3; i++) await login(session, user.username, `Wrong-pass-${i}`)
    expect((await login(session, user.username, user.password)).status).toBe(429)
    await db.query(`UPDATE login_failure SET locked_until = now() - interval '1 second' WHERE username = $1`, [
      user.username,
    ])
    expect((await login(session, user.username, user.password)).status).toBe(200)
    const { rows } = await db.query(`SELECT * FROM login_failure WHERE username = $1`, [user.username])
    expect(rows).toEqual([])
  })
})

describe('CSRF', () => {
  it('when a signed-in user posts without the X-CSRF-Token header, then 403 CSRF and nothing changes', async () => {
    const s = await signInNewUser(app, db, { role: 'farmland', scopes: ['430903'] })
    const res = await s.agent
      .post('/api/auth/password')
      .send({ currentPassword: TEST_PASSWORD, newPassword: 'Brand-new-2026' })
    expect(res.status).toBe(403)
    expect(res.body.error).toMatchObject({ code: 'CSRF', message: '请求缺少有效的安全令牌（CSRF），请刷新页面后重试' })
    expect((await signIn(app, s.user.username, TEST_PASSWORD)).csrfToken).toBeTruthy()
  })

  it('when a signed-in user posts with a wrong token, or with the anonymous token of before the login, then 403 CSRF', async () => {
    const before = await anonymous()
    const res = await login(before, 'huanjing', 'Soil-2026-demo')
    expect(res.status).toBe(200)
    for (const token of ['x'.repeat(43), before.csrfToken]) {
      const post = await before.agent.post('/api/reviews/plot/1/submit').set('X-CSRF-Token', token).send({})
      expect(post.status).toBe(403)
      expect(post.body.error.code).toBe('CSRF')
    }
    const logout = await before.agent.post('/api/auth/logout').set('X-CSRF-Token', 'y'.repeat(43))
    expect(logout.status).toBe(403)
    expect((await before.agent.get('/api/session')).body.user?.username).toBe('huanjing')
  })

  it('when an anonymous caller posts a login without the token, with a wrong one, or without the cookie, then 403 CSRF', async () => {
    const s = await anonymous()
    const none = await s.agent.post('/api/auth/login').send({ username: 'huanjing', password: 'Soil-2026-demo' })
    const wrong = await s.agent
      .post('/api/auth/login')
      .set('X-CSRF-Token', 'z'.repeat(43))
      .send({ username: 'huanjing', password: 'Soil-2026-demo' })
    const noCookie = await request(app)
      .post('/api/auth/login')
      .set('X-CSRF-Token', s.csrfToken)
      .send({ username: 'huanjing', password: 'Soil-2026-demo' })
    for (const res of [none, wrong, noCookie]) {
      expect(res.status).toBe(403)
      expect(res.body.error.code).toBe('CSRF')
      expect(cookieNamed(res, 'soil_session')).toBeUndefined()
    }
  })

  it('when the anonymous token is asked, then it comes in an httpOnly SameSite=Strict cookie and is stable for the visit', async () => {
    const agent = request.agent(app)
    const first = await agent.get('/api/session')
    expect(first.body).toMatchObject({ user: null })
    const cookie = cookieNamed(first, 'soil_csrf')!
    expect(cookie).toMatch(/HttpOnly/i)
    expect(cookie).toMatch(/SameSite=Strict/i)
    expect(tokenOf(cookie)).toBe(first.body.csrfToken)
    expect((await agent.get('/api/session')).body.csrfToken).toBe(first.body.csrfToken)
  })
})

describe('sessions', () => {
  it('when a signed-in user signs in again, then the old session ends and only the new one works', async () => {
    const s = await signInNewUser(app, db, { role: 'land', scopes: ['430903'] })
    const before = await db.query('SELECT count(*)::int AS n FROM user_session WHERE user_id = $1', [s.user.id])
    expect(before.rows[0].n).toBe(1)
    const again = await login(s, s.user.username, TEST_PASSWORD)
    expect(again.status).toBe(200)
    const after = await db.query('SELECT count(*)::int AS n FROM user_session WHERE user_id = $1', [s.user.id])
    expect(after.rows[0].n).toBe(1)
    expect((await s.agent.get('/api/counties')).status).toBe(200)
  })

  it('when a session is stored, then only the hash of the cookie token is in user_session', async () => {
    const user = await createTestUser(db, { role: 'land', scopes: ['430903'] })
    const res = await login(await anonymous(), user.username, user.password)
    const token = tokenOf(cookieNamed(res, 'soil_session')!)
    const { rows } = await db.query(`SELECT token_hash FROM user_session WHERE user_id = $1`, [user.id])
    expect(rows).toHaveLength(1)
    expect(rows[0].token_hash).not.toBe(token)
    expect(rows[0].token_hash).toBe(sha256(token))
    expect(
      (await db.query(`SELECT 1 FROM user_session WHERE token_hash = $1 OR csrf_token = $1`, [token])).rows,
    ).toEqual([])
  })

  it('when a user logs out, then the old cookie no longer opens anything (401) and a new anonymous token is given', async () => {
    const user = await createTestUser(db, { role: 'land', scopes: ['430903'] })
    const res = await login(await anonymous(), user.username, user.password)
    const cookie = cookieNamed(res, 'soil_session')!.split(';')[0]
    expect((await request(app).get('/api/counties').set('Cookie', cookie)).status).toBe(200)
    const out = await request(app)
      .post('/api/auth/logout')
      .set('Cookie', cookie)
      .set('X-CSRF-Token', res.body.csrfToken)
    expect(out.status).toBe(200)
    expect(out.body.user).toBeNull()
    expect(out.body.csrfToken).not.toBe(res.body.csrfToken)
    expect(cookieNamed(out, 'soil_session')).toMatch(/^soil_session=;/)
    const after = await request(app).get('/api/counties').set('Cookie', cookie)
    expect(after.status).toBe(401)
    expect((await request(app).get('/api/session').set('Cookie', cookie)).body.user).toBeNull()
    expect((await db.query(`SELECT 1 FROM user_session WHERE user_id = $1`, [user.id])).rows).toEqual([])
  })

  it('when a session has expired, then it is no session', async () => {
    const user = await createTestUser(db, { role: 'land', scopes: ['430903'] })
    const res = await login(await anonymous(), user.username, user.password)
    const cookie = cookieNamed(res, 'soil_session')!.split(';')[0]
    await db.query(`UPDATE user_session SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [user.id])
    const fresh = appWithAuth({})
    expect((await request(fresh).get('/api/counties').set('Cookie', cookie)).status).toBe(401)
  })

  it("when an administrator deactivates a user, then the user's open session stops working at once", async () => {
    const s = await signInNewUser(app, db, { role: 'farmland', scopes: ['430903'] })
    expect((await s.agent.get('/api/counties')).status).toBe(200)
    const admin = await signInAs(app, 'admin')
    const listed = (await admin.agent.get('/api/admin/users')).body.users.find((u: any) => u.id === s.user.id)
    const patch = await admin.agent
      .patch(`/api/admin/users/${s.user.id}`)
      .set('X-CSRF-Token', admin.csrfToken)
      .send({
        displayName: listed.displayName,
        department: listed.department,
        role: listed.role,
        scopes: ['430903'],
        isActive: false,
        version: listed.version,
      })
    expect(patch.status).toBe(200)
    const res = await s.agent.get('/api/counties')
    expect(res.status).toBe(401)
    expect((await s.agent.get('/api/session')).body.user).toBeNull()
  })
})

describe('POST /api/auth/password', () => {
  function change(s: Session, currentPassword: string, newPassword: string) {
    return s.agent.post('/api/auth/password').set('X-CSRF-Token', s.csrfToken).send({ currentPassword, newPassword })
  }

  it('when the current password is wrong, then 400 and the password stays', async () => {
    const s = await signInNewUser(app, db, { role: 'land', scopes: ['430903'] })
    const res = await change(s, 'Not-the-one-1', 'Brand-new-2026')
    expect(res.status).toBe(400)
    expect(res.body.error.message).toBe('当前密码不正确')
    expect((await login(await anonymous(), s.user.username, TEST_PASSWORD)).status).toBe(200)
  })

  it.each([
    ['short1', '密码至少 10 位'],
    ['onlyletterspassword', '密码须同时包含字母和数字'],
    [TEST_PASSWORD, '新密码不能与当前密码相同'],
  ])('when the new password is %j, then 400 with the rule it breaks', async (newPassword, reason) => {
    const s = await signInNewUser(app, db, { role: 'land', scopes: ['430903'] })
    const res = await change(s, TEST_PASSWORD, newPassword)
    expect(res.status).toBe(400)
    expect(res.body.error.message).toContain(reason)
  })

  it('when the current password is guessed wrong the allowed number of times, then the name is locked and the session ends', async () => {
    const locking = appWithAuth({ maxLoginFailures: 3, lockMinutes: 15 })
    const s = await signInNewUser(locking, db, { role: 'land', scopes: ['430903'] })
    expect((await change(s, 'Wrong-guess-1', 'Brand-new-2026')).status).toBe(400)
    expect((await change(s, 'Wrong-guess-2', 'Brand-new-2026')).status).toBe(400)
    const third = await change(s, 'Wrong-guess-3', 'Brand-new-2026')
    expect(third.status).toBe(429)
    expect(third.body.error.code).toBe('ACCOUNT_LOCKED')
    expect((await s.agent.get('/api/counties')).status).toBe(401)
    expect((await login(await anonymous(locking), s.user.username, TEST_PASSWORD)).status).toBe(429)
  })

  it('when the new password contains the user name, then 400', async () => {
    const s = await signInNewUser(app, db, { role: 'land', scopes: ['430903'] })
    const res = await change(s, TEST_PASSWORD, `${s.user.username}-X9`)
    expect(res.status).toBe(400)
    expect(res.body.error.message).toContain('密码不能包含用户名')
  })

  it('when the password is changed, then other sessions of the user end, this one stays, and only the new password signs in', async () => {
    const s = await signInNewUser(app, db, { role: 'land', scopes: ['430903'] })
    const other = await signIn(app, s.user.username, TEST_PASSWORD)
    expect((await other.agent.get('/api/counties')).status).toBe(200)
    const res = await change(s, TEST_PASSWORD, 'Brand-new-2026')
    expect(res.status).toBe(200)
    expect(res.body.message).toBe('密码已修改')
    expect((await other.agent.get('/api/counties')).status).toBe(401)
    expect((await s.agent.get('/api/counties')).status).toBe(200)
    expect((await login(await anonymous(), s.user.username, TEST_PASSWORD)).status).toBe(401)
    expect((await login(await anonymous(), s.user.username, 'Brand-new-2026')).status).toBe(200)
  })

  it('when no one is signed in, then 401', async () => {
    const s = await anonymous()
    const res = await change(s, TEST_PASSWORD, 'Brand-new-2026')
    expect(res.status).toBe(401)
  })
})

describe('first login with a password that must be changed', () => {
  it('when the user has not changed it yet, then internal routes answer 403 PASSWORD_CHANGE_REQUIRED until it is changed', async () => {
    const s = await signInNewUser(app, db, { role: 'environment', scopes: ['430903'], mustChangePassword: true })
    const session = await s.agent.get('/api/session')
    expect(session.body.user.mustChangePassword).toBe(true)
    for (const url of ['/api/counties', '/api/search?q=赫山', '/api/reviews', '/tiles/parcel.json']) {
      const res = await s.agent.get(url)
      expect(res.status, url).toBe(403)
      expect(res.body.error, url).toMatchObject({ code: 'PASSWORD_CHANGE_REQUIRED', message: '首次登录须先修改密码' })
    }
    const post = await s.agent.post('/api/reviews/plot/1/submit').set('X-CSRF-Token', s.csrfToken).send({})
    expect(post.status).toBe(403)
    expect(post.body.error.code).toBe('PASSWORD_CHANGE_REQUIRED')
    const changed = await s.agent
      .post('/api/auth/password')
      .set('X-CSRF-Token', s.csrfToken)
      .send({ currentPassword: TEST_PASSWORD, newPassword: 'First-change-2026' })
    expect(changed.status).toBe(200)
    expect((await s.agent.get('/api/counties')).status).toBe(200)
    expect((await s.agent.get('/api/session')).body.user.mustChangePassword).toBe(false)
  })
})
