import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../server/src/db/database.ts'
import { AdminUser, CreateUserBody, ScopesResponse, UsersResponse } from '../../contracts/admin.ts'
import { LoginBody, OkResponse, PasswordBody, SessionResponse } from '../../contracts/auth.ts'
import { connectTestDatabase, createTestApp } from '../support/connect.ts'
import { readContract } from '../support/contract.ts'
import { signIn, signInAs, type Session } from '../support/session.ts'

/**
 * Real answers of the map, status, statistics, auth, admin, review, reports, public, monitoring, coverage and
 * indicators endpoints read through the schemas of contracts/ that the client takes its types from.
 */
let db: Database
let app: ReturnType<typeof createTestApp>
let staff: Session
let admin: Session

beforeAll(async () => {
  db = connectTestDatabase()
  app = createTestApp(db)
  staff = await signInAs(app, 'environment')
  admin = await signInAs(app, 'admin')
})
afterAll(() => db.close())

/** The Chinese messages a request schema gives for `body`. */
function refusals(
  schema: { safeParse(v: unknown): { success: boolean; error?: { issues: { message: string }[] } } },
  body: unknown,
) {
  const result = schema.safeParse(body)
  return result.success ? [] : result.error!.issues.map((i) => i.message)
}

describe('auth contracts', () => {
  it('when the session, a login and a logout are answered, then each matches SessionResponse', async () => {
    const anonymous = await signInAs(app, 'anonymous')
    const session = readContract(SessionResponse, (await anonymous.agent.get('/api/session')).body)
    expect(session.user).toBeNull()
    const signedIn = readContract(SessionResponse, (await staff.agent.get('/api/session')).body)
    expect(signedIn.user?.counties.map((c) => c.adcode)).toContain('430903')
    const login = await anonymous.agent
      .post('/api/auth/login')
      .set('X-CSRF-Token', session.csrfToken)
      .send({ username: 'gengdi', password: 'Soil-2026-demo' })
    expect(readContract(SessionResponse, login.body).user?.role).toBe('farmland')
    const logout = await anonymous.agent.post('/api/auth/logout').set('X-CSRF-Token', login.body.csrfToken)
    expect(readContract(SessionResponse, logout.body).user).toBeNull()
  })

  it('when a login or a password change lacks a field, then its schema refuses it in Chinese', () => {
    expect(refusals(LoginBody, { username: ' ', password: 'x' })).toEqual(['请输入用户名'])
    expect(refusals(PasswordBody, { currentPassword: 'x' })).toEqual(['请输入新密码'])
  })
})

describe('admin contracts', () => {
  it('when users and scopes are listed, then they match UsersResponse and ScopesResponse', async () => {
    const users = readContract(UsersResponse, (await admin.agent.get('/api/admin/users')).body)
    expect(users.users.map((u) => u.username)).toContain('gengdi')
    const scopes = readContract(ScopesResponse, (await admin.agent.get('/api/admin/scopes')).body)
    expect(scopes.scopes.map((s) => s.code)).toContain('430903')
  })

  it('when a user is created, changed, given a new password and unlocked, then each answer matches', async () => {
    const username = `contract_${randomBytes(4).toString('hex')}`
    const created = await admin.agent
      .post('/api/admin/users')
      .set('X-CSRF-Token', admin.csrfToken)
      .send({
        username,
        displayName: '契约测试',
        role: 'farmland',
        scopes: ['430903'],
        password: 'Contract-2026-pass',
      })
    expect(created.status).toBe(201)
    const user = readContract(AdminUser, created.body)
    const updated = await admin.agent
      .patch(`/api/admin/users/${user.id}`)
      .set('X-CSRF-Token', admin.csrfToken)
      .send({
        displayName: '契约测试二',
        department: '',
        role: 'farmland',
        scopes: ['430903'],
        isActive: true,
        version: user.version,
      })
    expect(readContract(AdminUser, updated.body).displayName).toBe('契约测试二')
    const reset = await admin.agent
      .post(`/api/admin/users/${user.id}/password`)
      .set('X-CSRF-Token', admin.csrfToken)
      .send({ password: 'Contract-2026-next' })
    expect(readContract(OkResponse, reset.body).ok).toBe(true)
    const unlock = await admin.agent.post(`/api/admin/users/${user.id}/unlock`).set('X-CSRF-Token', admin.csrfToken)
    expect(readContract(OkResponse, unlock.body).ok).toBe(true)
    const fresh = await signIn(app, username, 'Contract-2026-next').catch(() => null)
    expect(fresh).not.toBeNull()
  })

  it('when a new user has no scope, then the schema refuses it in Chinese', () => {
    expect(
      refusals(CreateUserBody, { username: 'abc', displayName: '甲', role: 'farmland', scopes: [], password: 'x' }),
    ).toEqual(['请至少选择一个管辖范围（区县、市或省）'])
  })
})
