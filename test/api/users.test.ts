import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../server/src/db/database.ts'
import { loadConfig } from '../../server/src/config.ts'
import { connectTestDatabase, createTestApp } from '../support/connect.ts'
import { signIn, signInAs, type Caller, type Session } from '../support/session.ts'
import { TEST_PASSWORD, createTestUser, signInNewUser, uniqueUsername, type TestUser } from '../support/users.ts'

let db: Database
let app: ReturnType<typeof createTestApp>
/** The sample administrator, scoped to 湖南省 (430000). */
let admin: Session

beforeAll(async () => {
  db = connectTestDatabase()
  app = createTestApp(db, { auth: { ...loadConfig().auth, loginAttemptsPerMinute: 1000 } })
  admin = await signInAs(app, 'admin')
})
afterAll(() => db.close())

function newUserBody(overrides: Record<string, unknown> = {}) {
  return {
    username: uniqueUsername('new'),
    displayName: '王五',
    department: '益阳市生态环境局赫山分局',
    role: 'environment',
    scopes: ['430903'],
    password: 'Initial-2026-pw',
    ...overrides,
  }
}

function post(s: Session, url: string, body: unknown) {
  return s.agent
    .post(url)
    .set('X-CSRF-Token', s.csrfToken)
    .send(body as object)
}

function patch(s: Session, id: number, body: unknown) {
  return s.agent
    .patch(`/api/admin/users/${id}`)
    .set('X-CSRF-Token', s.csrfToken)
    .send(body as object)
}

async function listed(s: Session, id: number) {
  const res = await s.agent.get('/api/admin/users')
  return res.body.users.find((u: any) => u.id === id)
}

function editOf(u: any, overrides: Record<string, unknown> = {}) {
  return {
    displayName: u.displayName,
    department: u.department,
    role: u.role,
    scopes: u.scopes.map((s: any) => s.code),
    isActive: u.isActive,
    version: u.version,
    ...overrides,
  }
}

/** A county administrator: scoped to 赫山区 only. */
async function countyAdmin(): Promise<Session & { user: TestUser }> {
  return signInNewUser(app, db, { role: 'admin', scopes: ['430903'] })
}

describe('GET /api/admin/users and /api/admin/scopes', () => {
  it('when the administrator lists users, then every account comes with its role, scope names, state and version, never a password hash', async () => {
    const res = await admin.agent.get('/api/admin/users')
    expect(res.status).toBe(200)
    const gengdi = res.body.users.find((u: any) => u.username === 'gengdi')
    expect(gengdi).toMatchObject({
      role: 'farmland',
      roleName: '耕地管理员（农业农村局）',
      scopes: [{ code: '430903', name: '益阳市赫山区' }],
      isActive: true,
      isLocked: false,
      lockedUntil: null,
      isGenerated: true,
    })
    expect(gengdi.version).toBeGreaterThanOrEqual(1)
    expect(JSON.stringify(res.body)).not.toMatch(/scrypt|password_hash|passwordHash/)
    expect(res.body.users.find((u: any) => u.username === 'admin').scopes).toEqual([{ code: '430000', name: '湖南省' }])
  })

  it('when a county administrator lists users, then only accounts inside its county are shown', async () => {
    const county = await countyAdmin()
    const names = (await county.agent.get('/api/admin/users')).body.users.map((u: any) => u.username)
    expect(names).toContain('gengdi')
    expect(names).toContain(county.user.username)
    expect(names).not.toContain('admin')
  })

  it("when the scopes that may be granted are asked, then they lie inside the administrator's own scope", async () => {
    const province = (await admin.agent.get('/api/admin/scopes')).body.scopes
    expect(province).toEqual([
      { code: '430000', name: '湖南省', level: 'province' },
      { code: '430900', name: '湖南省益阳市', level: 'city' },
      { code: '430903', name: '益阳市赫山区', level: 'county' },
    ])
    const county = await countyAdmin()
    expect((await county.agent.get('/api/admin/scopes')).body.scopes).toEqual([
      { code: '430903', name: '益阳市赫山区', level: 'county' },
    ])
  })
})

describe('POST /api/admin/users', () => {
  it('when the administrator creates a user, then 201, the user is listed, the creation is in the history, and the first login must change the password', async () => {
    const body = newUserBody()
    const res = await post(admin, '/api/admin/users', body)
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({
      username: body.username,
      displayName: '王五',
      role: 'environment',
      roleName: '生态环境管理员（生态环境局）',
      scopes: [{ code: '430903', name: '益阳市赫山区' }],
      isActive: true,
      mustChangePassword: true,
      isGenerated: false,
      version: 1,
    })
    const { rows } = await db.query(
      `SELECT action, actor, after FROM change_history WHERE entity = 'app_user' AND entity_id = $1`,
      [res.body.id],
    )
    expect(rows).toEqual([
      {
        action: 'create',
        actor: 'admin',
        after: expect.objectContaining({ username: body.username, role: 'environment', scopes: ['430903'] }),
      },
    ])

    const user = await signIn(app, body.username, body.password)
    const session = await user.agent.get('/api/session')
    expect(session.body.user.mustChangePassword).toBe(true)
    const blocked = await user.agent.get('/api/counties')
    expect(blocked.status).toBe(403)
    expect(blocked.body.error.code).toBe('PASSWORD_CHANGE_REQUIRED')
    expect(
      (await post(user, '/api/auth/password', { currentPassword: body.password, newPassword: 'Own-choice-2026' }))
        .status,
    ).toBe(200)
    expect((await user.agent.get('/api/counties')).status).toBe(200)
  })

  it('when the user name exists already (in any case), then 409 naming it', async () => {
    const res = await post(admin, '/api/admin/users', newUserBody({ username: 'GengDi' }))
    expect(res.status).toBe(409)
    expect(res.body.error.message).toBe('用户名“gengdi”已存在')
  })

  it('when a scope code is not a province, city or county of the system, then 400 naming it', async () => {
    const res = await post(admin, '/api/admin/users', newUserBody({ scopes: ['430903', '110101'] }))
    expect(res.status).toBe(400)
    expect(res.body.error.message).toContain('管辖范围代码不存在：110101')
  })

  it('when the same scope is sent twice, then the user gets it once, not a server error', async () => {
    const res = await post(admin, '/api/admin/users', newUserBody({ scopes: ['430903', '430903'] }))
    expect(res.status).toBe(201)
    expect(res.body.scopes).toEqual([{ code: '430903', name: '益阳市赫山区' }])
  })

  it('when a county administrator grants another county, its city or its province, then 403 and no user is made', async () => {
    const county = await countyAdmin()
    for (const scope of ['220322', '430900', '430000']) {
      const body = newUserBody({ scopes: [scope] })
      const res = await post(county, '/api/admin/users', body)
      expect(res.status, scope).toBe(403)
      expect(res.body.error.code).toBe('OUT_OF_SCOPE')
      expect(res.body.error.message).toContain('不能授予超出您自身管辖范围的区域')
      expect(res.body.error.message).toContain(scope)
      expect((await db.query(`SELECT 1 FROM app_user WHERE username = $1`, [body.username])).rows).toEqual([])
    }
    expect((await post(county, '/api/admin/users', newUserBody())).status).toBe(201)
  })

  it.each([
    [{ username: 'ab' }, '用户名应为 3–32 位小写字母、数字或 _ . -'],
    [{ username: '王五' }, '用户名应为'],
    [{ role: 'boss' }, '角色应为'],
    [{ scopes: [] }, '请至少选择一个管辖范围'],
    [{ scopes: ['4309'] }, '管辖范围应为 6 位行政区划代码'],
    [{ displayName: ' ' }, '请填写姓名'],
    [{ password: 'short1' }, '初始密码不符合要求：密码至少 10 位'],
  ])('when the new user is %j, then 400 with the reason', async (overrides, reason) => {
    const res = await post(admin, '/api/admin/users', newUserBody(overrides))
    expect(res.status).toBe(400)
    expect(res.body.error.message).toContain(reason)
  })
})

describe('PATCH /api/admin/users/:id', () => {
  it('when the administrator edits a user with the current version, then the change is saved with a new version and a history row', async () => {
    const user = await createTestUser(db, { role: 'farmland', scopes: ['430903'] })
    const before = await listed(admin, user.id)
    const res = await patch(admin, user.id, editOf(before, { displayName: '李四', role: 'land', scopes: ['430900'] }))
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({
      displayName: '李四',
      role: 'land',
      scopes: [{ code: '430900', name: '湖南省益阳市' }],
      version: before.version + 1,
    })
    const { rows } = await db.query(
      `SELECT before, after FROM change_history WHERE entity = 'app_user' AND entity_id = $1 AND action = 'update'`,
      [user.id],
    )
    expect(rows).toHaveLength(1)
    expect(rows[0].before).toMatchObject({ role: 'farmland', scopes: ['430903'] })
    expect(rows[0].after).toMatchObject({ role: 'land', scopes: ['430900'] })
  })

  it("when the role of a signed-in user is changed, then the user's next request has the new role", async () => {
    const s = await signInNewUser(app, db, { role: 'farmland', scopes: ['430903'] })
    expect((await s.agent.get('/api/session')).body.user.role).toBe('farmland')
    expect((await patch(admin, s.user.id, editOf(await listed(admin, s.user.id), { role: 'approver' }))).status).toBe(
      200,
    )
    expect((await s.agent.get('/api/session')).body.user.role).toBe('approver')
  })

  it('when the version sent is stale, then 409 and nothing changes', async () => {
    const user = await createTestUser(db, { role: 'farmland', scopes: ['430903'] })
    const seen = await listed(admin, user.id)
    expect((await patch(admin, user.id, editOf(seen, { displayName: '第一次' }))).status).toBe(200)
    const res = await patch(admin, user.id, editOf(seen, { displayName: '第二次' }))
    expect(res.status).toBe(409)
    expect(res.body.error.message).toContain('已被他人修改')
    expect((await listed(admin, user.id)).displayName).toBe('第一次')
  })

  it('when the administrator deactivates itself or drops its own administrator role, then 400 and nothing changes', async () => {
    const self = await signInNewUser(app, db, { role: 'admin', scopes: ['430000'] })
    const me = await listed(self, self.user.id)
    for (const change of [{ isActive: false }, { role: 'approver' }]) {
      const res = await patch(self, self.user.id, editOf(me, change))
      expect(res.status).toBe(400)
      expect(res.body.error.message).toBe('不能停用自己的账户或取消自己的管理员角色')
    }
    expect(await listed(self, self.user.id)).toMatchObject({ isActive: true, role: 'admin', version: me.version })
    expect((await self.agent.get('/api/admin/users')).status).toBe(200)
  })

  it('when a county administrator edits a user whose scope is wider than its own, then 403', async () => {
    const county = await countyAdmin()
    const wide = await createTestUser(db, { role: 'approver', scopes: ['430000'] })
    const res = await patch(county, wide.id, editOf(await listed(admin, wide.id), { scopes: ['430903'] }))
    expect(res.status).toBe(403)
    expect(res.body.error.code).toBe('OUT_OF_SCOPE')
    expect((await listed(admin, wide.id)).scopes).toEqual([{ code: '430000', name: '湖南省' }])
  })

  it('when the user does not exist or the version is missing, then 404 or 400', async () => {
    const gengdi = (await admin.agent.get('/api/admin/users')).body.users.find((u: any) => u.username === 'gengdi')
    expect((await patch(admin, 999999999, editOf(gengdi))).status).toBe(404)
    const { version: _v, ...withoutVersion } = editOf(gengdi)
    const res = await patch(admin, gengdi.id, withoutVersion)
    expect(res.status).toBe(400)
    expect(res.body.error.message).toContain('缺少版本号')
  })
})

describe('POST /api/admin/users/:id/password and /unlock', () => {
  async function lockOut(user: TestUser) {
    const locking = createTestApp(db, {
      auth: { ...loadConfig().auth, maxLoginFailures: 2, loginAttemptsPerMinute: 1000 },
    })
    const s = await signIn(locking, null)
    for (let i = 0; i < 2; i++)
      await post(s, '/api/auth/login', { username: user.username, password: `Wrong-pass-${i}` })
    const locked = await post(s, '/api/auth/login', { username: user.username, password: user.password })
    expect(locked.status).toBe(429)
    expect((await listed(admin, user.id)).isLocked).toBe(true)
    return locking
  }

  it("when the administrator resets a locked-out user's password, then the lock is lifted, old sessions end and the user must change it", async () => {
    const s = await signInNewUser(app, db, { role: 'land', scopes: ['430903'] })
    const locking = await lockOut(s.user)
    const res = await post(admin, `/api/admin/users/${s.user.id}/password`, { password: 'Reset-by-admin-1' })
    expect(res.status).toBe(200)
    expect(res.body.message).toBe('密码已重置，用户下次登录时须修改密码')
    expect(await listed(admin, s.user.id)).toMatchObject({ isLocked: false, mustChangePassword: true })
    expect((await s.agent.get('/api/counties')).status).toBe(401)
    expect(
      (
        await post(await signIn(locking, null), '/api/auth/login', {
          username: s.user.username,
          password: TEST_PASSWORD,
        })
      ).status,
    ).toBe(401)
    const again = await signIn(locking, s.user.username, 'Reset-by-admin-1')
    expect((await again.agent.get('/api/counties')).body.error.code).toBe('PASSWORD_CHANGE_REQUIRED')
  })

  it('when the reset password breaks the rule, then 400 and the old password still works', async () => {
    const user = await createTestUser(db, { role: 'land', scopes: ['430903'] })
    const res = await post(admin, `/api/admin/users/${user.id}/password`, { password: 'abc' })
    expect(res.status).toBe(400)
    expect(res.body.error.message).toContain('新密码不符合要求')
    expect((await signIn(app, user.username, user.password)).csrfToken).toBeTruthy()
  })

  it('when the administrator unlocks a locked-out user, then the user signs in with the old password', async () => {
    const user = await createTestUser(db, { role: 'land', scopes: ['430903'] })
    const locking = await lockOut(user)
    const res = await post(admin, `/api/admin/users/${user.id}/unlock`, {})
    expect(res.status).toBe(200)
    expect((await listed(admin, user.id)).isLocked).toBe(false)
    expect((await signIn(locking, user.username, user.password)).csrfToken).toBeTruthy()
  })
})

describe('only administrators', () => {
  it.each(['farmland', 'environment', 'land', 'approver'] as Caller[])(
    'when %s calls any administration route, then 403 FORBIDDEN and nothing changes',
    async (caller) => {
      const s = await signInAs(app, caller)
      const target = await createTestUser(db, { role: 'land', scopes: ['430903'] })
      const seen = await listed(admin, target.id)
      const calls = [
        s.agent.get('/api/admin/users'),
        s.agent.get('/api/admin/scopes'),
        post(s, '/api/admin/users', newUserBody()),
        patch(s, target.id, editOf(seen, { displayName: '越权' })),
        post(s, `/api/admin/users/${target.id}/password`, { password: 'Takeover-2026-x' }),
        post(s, `/api/admin/users/${target.id}/unlock`, {}),
      ]
      for (const res of await Promise.all(calls)) {
        expect(res.status).toBe(403)
        expect(res.body.error.code).toBe('FORBIDDEN')
        expect(res.body.error.message).toContain('仅限：系统管理员')
      }
      expect(await listed(admin, target.id)).toEqual(seen)
    },
  )
})
