import type { Database } from '../db/database.ts'
import { ROLE_LABEL, checkPassword, scopeWithin, type Role } from '../domain/roles.ts'
import { AppError } from '../domain/errors.ts'
import { can } from '../domain/rights.ts'
import { clearLoginFailure, deleteUserSessions, setPassword } from '../repos/auth.repo.ts'
import { insertHistory } from '../repos/review.repo.ts'
import {
  countUsers,
  findUserIdByName,
  insertUser,
  listScopeUnits,
  listUsers,
  lockUser,
  replaceScopes,
  updateUser,
  type ScopeUnit,
  type UserRow,
} from '../repos/users.repo.ts'
import type { AuthContext, AuthService } from './auth.service.ts'
import { hashPassword } from './password.ts'
import type { AdminUser } from '../../../contracts/admin.ts'

export interface UserInput {
  username: string
  displayName: string
  department: string
  role: Role
  scopes: string[]
  password: string
}

export interface UserChange {
  displayName: string
  department: string
  role: Role
  scopes: string[]
  isActive: boolean
  version: number
}

function toUser(row: UserRow, units: Map<string, string>): AdminUser {
  return {
    id: Number(row.id),
    username: row.username,
    displayName: row.display_name,
    department: row.department,
    role: row.role,
    roleName: ROLE_LABEL[row.role],
    scopes: row.scopes.map((code) => ({ code, name: units.get(code) ?? code })),
    isActive: row.is_active,
    mustChangePassword: row.must_change_password,
    isLocked: row.is_locked === true,
    lockedUntil: row.is_locked && row.locked_until ? row.locked_until.toISOString() : null,
    isGenerated: row.is_generated,
    version: row.version,
    updatedAt: row.updated_at.toISOString(),
  }
}

/** Administration of accounts, roles and scopes, limited to the administrator's own scope. */
export class UsersService {
  constructor(
    private readonly db: Database,
    private readonly auth: AuthService,
  ) {}

  /** Provinces, cities and counties the administrator may grant. */
  async listGrantableScopes(ctx: AuthContext): Promise<ScopeUnit[]> {
    return (await listScopeUnits(this.db)).filter((u) => scopeWithin(u.code, ctx.user.scopes))
  }

  async listUsers(ctx: AuthContext): Promise<AdminUser[]> {
    const units = new Map((await listScopeUnits(this.db)).map((u) => [u.code, u.name]))
    return (await listUsers(this.db))
      .filter((u) => u.scopes.every((s) => scopeWithin(s, ctx.user.scopes)))
      .map((u) => toUser(u, units))
  }

  private async assertScopes(ctx: AuthContext, scopes: string[]): Promise<void> {
    const units = new Map((await listScopeUnits(this.db)).map((u) => [u.code, u.name]))
    const unknown = scopes.filter((s) => !units.has(s))
    if (unknown.length)
      throw new AppError('VALIDATION', `管辖范围代码不存在：${unknown.join('、')}（应为本系统已有的省、市或区县代码）`)
    const outside = scopes.filter((s) => !scopeWithin(s, ctx.user.scopes))
    if (outside.length) {
      throw new AppError(
        'OUT_OF_SCOPE',
        `不能授予超出您自身管辖范围的区域：${outside.map((s) => `${units.get(s)}（${s}）`).join('、')}`,
      )
    }
  }

  async createUser(ctx: AuthContext, input: UserInput): Promise<AdminUser> {
    await this.assertScopes(ctx, input.scopes)
    const check = checkPassword(input.password, input.username)
    if (!check.valid) throw new AppError('VALIDATION', `初始密码不符合要求：${check.message}`)
    const hash = await hashPassword(input.password)
    const id = await this.db.transaction(async (tx) => {
      if (await findUserIdByName(tx, input.username)) throw new AppError('CONFLICT', `用户名“${input.username}”已存在`)
      const id = await insertUser(tx, { ...input, passwordHash: hash, mustChangePassword: true, isGenerated: false })
      await replaceScopes(tx, id, input.scopes)
      await insertHistory(tx, {
        adcode: input.scopes[0],
        entity: 'app_user',
        entityId: id,
        action: 'create',
        actor: ctx.user.username,
        reason: null,
        before: null,
        after: {
          username: input.username,
          displayName: input.displayName,
          department: input.department,
          role: input.role,
          scopes: input.scopes,
        },
      })
      return id
    })
    return (await this.listUsers(ctx)).find((u) => u.id === id)!
  }

  async updateUser(ctx: AuthContext, id: number, change: UserChange): Promise<AdminUser> {
    await this.assertScopes(ctx, change.scopes)
    await this.db.transaction(async (tx) => {
      const row = await this.lockManagedUser(tx, ctx, id)
      if (row.version !== change.version) {
        throw new AppError(
          'CONFLICT',
          `用户“${row.username}”已被他人修改（您看到的是第 ${change.version} 版，当前为第 ${row.version} 版），请刷新后重试`,
        )
      }
      if (row.id === ctx.user.id && (!change.isActive || !can(change.role, 'user.manage'))) {
        throw new AppError('VALIDATION', '不能停用自己的账户或取消自己的管理员角色')
      }
      await updateUser(tx, id, change)
      await replaceScopes(tx, id, change.scopes)
      if (!change.isActive) await deleteUserSessions(tx, id, null)
      await insertHistory(tx, {
        adcode: change.scopes[0],
        entity: 'app_user',
        entityId: id,
        action: 'update',
        actor: ctx.user.username,
        reason: null,
        before: {
          displayName: row.display_name,
          department: row.department,
          role: row.role,
          scopes: row.scopes,
          isActive: row.is_active,
        },
        after: {
          displayName: change.displayName,
          department: change.department,
          role: change.role,
          scopes: change.scopes,
          isActive: change.isActive,
        },
      })
    })
    this.auth.forgetSessions()
    return (await this.listUsers(ctx)).find((u) => u.id === id)!
  }

  /** Sets a new password the user must change at the next login, lifts a lock-out and ends the user's sessions. */
  async resetPassword(ctx: AuthContext, id: number, password: string) {
    await this.db.transaction(async (tx) => {
      const row = await this.lockManagedUser(tx, ctx, id)
      const check = checkPassword(password, row.username)
      if (!check.valid) throw new AppError('VALIDATION', `新密码不符合要求：${check.message}`)
      await setPassword(tx, id, await hashPassword(password), true)
      await clearLoginFailure(tx, row.username)
      await deleteUserSessions(tx, id, null)
      await insertHistory(tx, {
        adcode: row.scopes[0] ?? '000000',
        entity: 'app_user',
        entityId: id,
        action: 'update',
        actor: ctx.user.username,
        reason: '管理员重置密码',
        before: null,
        after: { passwordReset: true },
      })
    })
    this.auth.forgetSessions()
  }

  async unlockUser(ctx: AuthContext, id: number) {
    await this.db.transaction(async (tx) => {
      const row = await this.lockManagedUser(tx, ctx, id)
      await clearLoginFailure(tx, row.username)
    })
  }

  private async lockManagedUser(tx: Parameters<typeof lockUser>[0], ctx: AuthContext, id: number) {
    const row = await lockUser(tx, id)
    if (!row) throw new AppError('NOT_FOUND', `没有编号为 ${id} 的用户`)
    if (!row.scopes.every((s) => scopeWithin(s, ctx.user.scopes))) {
      throw new AppError('OUT_OF_SCOPE', `用户“${row.username}”的管辖范围超出您的管理范围，不能修改`)
    }
    return row
  }
}

/** The sample accounts: one per role for 赫山区 (430903), the administrator for 湖南省. */
export const SAMPLE_USERS: readonly {
  username: string
  displayName: string
  department: string
  role: Role
  scopes: string[]
}[] = [
  {
    username: 'gengdi',
    displayName: '耕地管理员（示例）',
    department: '益阳市赫山区农业农村局',
    role: 'farmland',
    scopes: ['430903'],
  },
  {
    username: 'huanjing',
    displayName: '生态环境管理员（示例）',
    department: '益阳市生态环境局赫山分局',
    role: 'environment',
    scopes: ['430903'],
  },
  {
    username: 'ziyuan',
    displayName: '用地核查员（示例）',
    department: '益阳市自然资源和规划局赫山分局',
    role: 'land',
    scopes: ['430903'],
  },
  {
    username: 'shending',
    displayName: '审定人（示例）',
    department: '益阳市赫山区人民政府',
    role: 'approver',
    scopes: ['430903'],
  },
  {
    username: 'shihuanjing',
    displayName: '市级生态环境管理员（示例）',
    department: '益阳市生态环境局',
    role: 'environment',
    scopes: ['430900'],
  },
  {
    username: 'shenghuanjing',
    displayName: '省级生态环境管理员（示例）',
    department: '湖南省生态环境厅',
    role: 'environment',
    scopes: ['430000'],
  },
  {
    username: 'lishu',
    displayName: '梨树县耕地管理员（示例）',
    department: '四平市梨树县农业农村局',
    role: 'farmland',
    scopes: ['220322'],
  },
  {
    username: 'admin',
    displayName: '系统管理员（示例）',
    department: '湖南省生态环境厅信息中心',
    role: 'admin',
    scopes: ['430000'],
  },
]

/** The password of every sample account, documented in the README; outside demo mode it must be changed at first login. */
export const SAMPLE_PASSWORD = 'Soil-2026-demo'

/**
 * Creates the sample accounts in a database that has no account yet; `adminOnly`: only the administrator, with the
 * scope given (a deployment that starts empty and sets up from its own files).
 */
export async function seedSampleUsers(
  db: Database,
  options: { mustChangePassword: boolean; adminOnly?: { scope: string } },
): Promise<number> {
  if ((await countUsers(db)) > 0) return 0
  const only = options.adminOnly
  const users = only
    ? SAMPLE_USERS.filter((u) => u.role === 'admin').map((u) => ({
        ...u,
        displayName: '系统管理员',
        department: '',
        scopes: [only.scope],
      }))
    : SAMPLE_USERS
  const hashes = await Promise.all(users.map(() => hashPassword(SAMPLE_PASSWORD)))
  let created = 0
  await db.transaction(async (tx) => {
    for (const [i, u] of users.entries()) {
      if (await findUserIdByName(tx, u.username)) continue
      const id = await insertUser(tx, {
        ...u,
        passwordHash: hashes[i],
        mustChangePassword: options.mustChangePassword,
        isGenerated: true,
      })
      await replaceScopes(tx, id, u.scopes)
      created++
    }
  })
  return created
}
