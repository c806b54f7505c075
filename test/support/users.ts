import type { Express } from 'express'
import type { Database } from '../../server/src/db/database.ts'
import type { Role } from '../../server/src/domain/roles.ts'
import { insertUser, replaceScopes } from '../../server/src/repos/users.repo.ts'
import { hashPassword } from '../../server/src/services/password.ts'
import { signIn, type Session } from './session.ts'

/** The password of every account a test creates (meets the password rule). */
export const TEST_PASSWORD = 'Test-2026-pass'

let hashOfTestPassword: Promise<string> | undefined
let created = 0

export interface TestUserOptions {
  role: Role
  /** Scope codes: counties (430903), cities (430900) or provinces (430000). */
  scopes: string[]
  /** A fresh unique name when absent. */
  username?: string
  password?: string
  mustChangePassword?: boolean
  isActive?: boolean
  displayName?: string
}

export interface TestUser {
  id: number
  username: string
  password: string
  role: Role
  scopes: string[]
}

/** A user name no other test uses: lower case, within the 3–32 characters the schema allows. */
export function uniqueUsername(prefix = 't'): string {
  created++
  return `${prefix}-${process.pid.toString(36)}${Date.now().toString(36).slice(-5)}-${created}`
    .toLowerCase()
    .slice(0, 32)
}

/** Creates an account straight in the database (as the administrator's service would), with its scopes. */
export async function createTestUser(db: Database, options: TestUserOptions): Promise<TestUser> {
  const username = options.username ?? uniqueUsername(options.role.slice(0, 4))
  const password = options.password ?? TEST_PASSWORD
  const passwordHash =
    password === TEST_PASSWORD
      ? await (hashOfTestPassword ??= hashPassword(TEST_PASSWORD))
      : await hashPassword(password)
  const id = await db.transaction(async (tx) => {
    const id = await insertUser(tx, {
      username,
      displayName: options.displayName ?? `测试用户 ${username}`,
      department: '测试单位',
      role: options.role,
      passwordHash,
      mustChangePassword: options.mustChangePassword ?? false,
      isGenerated: false,
    })
    await replaceScopes(tx, id, options.scopes)
    if (options.isActive === false) await tx.query('UPDATE app_user SET is_active = false WHERE id = $1', [id])
    return id
  })
  return { id, username, password, role: options.role, scopes: options.scopes }
}

/** Creates an account with the role and scopes and signs it in on `app`. */
export async function signInNewUser(
  app: Express,
  db: Database,
  options: TestUserOptions,
): Promise<Session & { user: TestUser }> {
  const user = await createTestUser(db, options)
  const session = await signIn(app, user.username, user.password)
  return { ...session, user }
}

/** Both counties of the test data: 赫山区 (湖南) and 梨树县 (吉林). */
export const BOTH_TEST_COUNTIES = ['430903', '220322']
