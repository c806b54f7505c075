import type { AppConfig } from '../config.ts'
import type { Database } from '../db/database.ts'
import { ROLE_LABEL, checkPassword, countiesInScope } from '../domain/roles.ts'
import { AppError } from '../domain/errors.ts'
import {
  clearLoginFailure,
  createSession,
  deleteSession,
  deleteUserSessions,
  findSession,
  findUserForLogin,
  listCountyCodes,
  lockLogin,
  readLoginFailure,
  readPasswordHash,
  recordLoginFailure,
  setPassword,
  touchSession,
  type SessionRow,
} from '../repos/auth.repo.ts'
import { dummyPasswordHash, hashPassword, randomToken, sha256, verifyPassword } from './password.ts'
import type { ScopeCounty as County, SessionUser } from '../../../contracts/auth.ts'

/** The signed-in user as `GET /api/session` sends it. */
export type AuthUser = SessionUser

export interface AuthContext {
  user: AuthUser
  tokenHash: string
  csrfToken: string
}

const WRONG_LOGIN = '用户名或密码错误'
const SESSION_CACHE_MS = 15_000
const COUNTY_CACHE_MS = 60_000
const TOUCH_EVERY_MS = 60_000

/**
 * Logins, sessions and passwords. Sessions are looked up by the SHA-256 of the cookie token and kept in memory
 * for 15 s, so tile requests do not each cost a query; logout and account changes drop the cache at once.
 */
export class AuthService {
  private readonly sessions = new Map<string, { ctx: AuthContext; at: number; lastSeen: number }>()
  private counties: { list: County[]; at: number } | undefined

  constructor(
    private readonly db: Database,
    private readonly config: AppConfig['auth'],
  ) {}

  async listCounties(): Promise<County[]> {
    if (this.counties && Date.now() - this.counties.at < COUNTY_CACHE_MS) return this.counties.list
    const list = await listCountyCodes(this.db)
    this.counties = { list, at: Date.now() }
    return list
  }

  async countyName(adcode: string): Promise<string> {
    return (await this.listCounties()).find((c) => c.adcode === adcode)?.name ?? adcode
  }

  /** Drops the cached county list and sessions, after counties were added or changed (a user's scope covers them at once). */
  forgetCounties(): void {
    this.counties = undefined
    this.sessions.clear()
  }

  /** Drops cached sessions, after a logout, a password change or an administrator's change to a user. */
  forgetSessions(): void {
    this.sessions.clear()
  }

  async resolveSession(token: string): Promise<AuthContext | undefined> {
    const tokenHash = sha256(token)
    const cached = this.sessions.get(tokenHash)
    const now = Date.now()
    if (cached && now - cached.at < SESSION_CACHE_MS) return cached.ctx
    const row = await findSession(this.db, tokenHash)
    if (!row) {
      this.sessions.delete(tokenHash)
      return undefined
    }
    const ctx = { user: await this.toUser(row), tokenHash, csrfToken: row.csrf_token }
    const lastSeen = cached?.lastSeen ?? row.last_seen_at.getTime()
    if (now - lastSeen > TOUCH_EVERY_MS) await touchSession(this.db, tokenHash, this.config.sessionMinutes)
    this.sessions.set(tokenHash, { ctx, at: now, lastSeen: now - lastSeen > TOUCH_EVERY_MS ? now : lastSeen })
    return ctx
  }

  private async toUser(row: SessionRow): Promise<AuthUser> {
    const all = await this.listCounties()
    const inScope = new Set(
      countiesInScope(
        row.scopes,
        all.map((c) => c.adcode),
      ),
    )
    return {
      id: Number(row.id),
      username: row.username,
      displayName: row.display_name,
      department: row.department,
      role: row.role,
      roleName: ROLE_LABEL[row.role],
      mustChangePassword: row.must_change_password,
      scopes: row.scopes,
      counties: all.filter((c) => inScope.has(c.adcode)),
    }
  }

  /**
   * Checks the password and opens a session. An unknown name and a wrong password get the same answer and
   * take the same time; failures are counted by name, known or not, and the last allowed one locks the name.
   */
  async login(username: string, password: string): Promise<{ token: string; ctx: AuthContext }> {
    const name = username.trim().toLowerCase()
    const failure = await readLoginFailure(this.db, name)
    if (failure?.is_locked) throw this.lockedError()
    const user = await findUserForLogin(this.db, name)
    const isValid = await verifyPassword(password, user?.password_hash ?? (await dummyPasswordHash()))
    if (!user || !user.is_active || !isValid) {
      const failures = await recordLoginFailure(this.db, name)
      if (failures >= this.config.maxLoginFailures) {
        await lockLogin(this.db, name, this.config.lockMinutes)
        throw this.lockedError()
      }
      throw new AppError('UNAUTHENTICATED', WRONG_LOGIN)
    }
    await clearLoginFailure(this.db, name)
    const token = randomToken()
    const csrfToken = randomToken()
    await createSession(this.db, sha256(token), user.id, csrfToken, this.config.sessionMinutes)
    // a login reads the counties afresh: one added in the database by another server process or by hand is in the
    // scope from the next login on, not a minute later
    this.counties = undefined
    const ctx = await this.resolveSession(token)
    return { token, ctx: ctx! }
  }

  private lockedError(): AppError {
    return new AppError(
      'ACCOUNT_LOCKED',
      `连续 ${this.config.maxLoginFailures} 次登录失败，该用户名已锁定 ${this.config.lockMinutes} 分钟；请稍后再试，或请系统管理员解锁`,
    )
  }

  async logout(ctx: AuthContext): Promise<void> {
    await deleteSession(this.db, ctx.tokenHash)
    this.sessions.delete(ctx.tokenHash)
  }

  /** Changes the user's own password; other sessions of the user end, this one stays. */
  async changePassword(ctx: AuthContext, currentPassword: string, newPassword: string): Promise<void> {
    const stored = await readPasswordHash(this.db, ctx.user.id)
    if (!stored || !(await verifyPassword(currentPassword, stored.password_hash))) {
      const failures = await recordLoginFailure(this.db, ctx.user.username)
      if (failures >= this.config.maxLoginFailures) {
        await lockLogin(this.db, ctx.user.username, this.config.lockMinutes)
        await this.logout(ctx)
        throw this.lockedError()
      }
      throw new AppError('VALIDATION', '当前密码不正确')
    }
    await clearLoginFailure(this.db, ctx.user.username)
    if (currentPassword === newPassword) throw new AppError('VALIDATION', '新密码不能与当前密码相同')
    const check = checkPassword(newPassword, stored.username)
    if (!check.valid) throw new AppError('VALIDATION', `新密码不符合要求：${check.message}`)
    const hash = await hashPassword(newPassword)
    await this.db.transaction(async (tx) => {
      await setPassword(tx, ctx.user.id, hash, false)
      await deleteUserSessions(tx, ctx.user.id, ctx.tokenHash)
    })
    this.forgetSessions()
  }
}
