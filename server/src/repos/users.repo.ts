import type { Queryable } from '../db/database.ts'
import { sqlFile } from '../db/sql-files.ts'
import type { Role } from '../domain/roles.ts'

export interface UserRow {
  id: number
  username: string
  display_name: string
  department: string
  role: Role
  must_change_password: boolean
  is_active: boolean
  is_generated: boolean
  version: number
  created_at: Date
  updated_at: Date
  scopes: string[]
  is_locked: boolean | null
  locked_until: Date | null
}

export interface ScopeUnit {
  code: string
  name: string
  level: 'province' | 'city' | 'county'
}

export async function listUsers(db: Queryable): Promise<UserRow[]> {
  return (await db.query<UserRow>(sqlFile('users/list-users'))).rows
}

export async function listScopeUnits(db: Queryable): Promise<ScopeUnit[]> {
  return (await db.query<ScopeUnit>(sqlFile('users/list-scope-units'))).rows
}

export interface NewUser {
  username: string
  displayName: string
  department: string
  role: Role
  passwordHash: string
  mustChangePassword: boolean
  isGenerated: boolean
}

export async function insertUser(tx: Queryable, u: NewUser): Promise<number> {
  const { rows } = await tx.query<{ id: string }>(sqlFile('users/insert-user'), [
    u.username,
    u.displayName,
    u.department,
    u.role,
    u.passwordHash,
    u.mustChangePassword,
    u.isGenerated,
  ])
  return Number(rows[0].id)
}

export async function findUserIdByName(db: Queryable, username: string): Promise<number | undefined> {
  const id = (await db.query<{ id: string }>(sqlFile('users/find-user-by-name'), [username])).rows[0]?.id
  return id === undefined ? undefined : Number(id)
}

export async function lockUser(tx: Queryable, id: number) {
  return (
    await tx.query<
      Pick<UserRow, 'id' | 'username' | 'display_name' | 'department' | 'role' | 'is_active' | 'version' | 'scopes'>
    >(sqlFile('users/lock-user'), [id])
  ).rows[0]
}

export async function updateUser(
  tx: Queryable,
  id: number,
  u: { displayName: string; department: string; role: Role; isActive: boolean },
): Promise<number> {
  return (
    await tx.query<{ version: number }>(sqlFile('users/update-user'), [
      id,
      u.displayName,
      u.department,
      u.role,
      u.isActive,
    ])
  ).rows[0].version
}

export async function replaceScopes(tx: Queryable, userId: number, codes: string[]): Promise<void> {
  await tx.query(sqlFile('users/delete-scopes'), [userId])
  if (codes.length) await tx.query(sqlFile('users/insert-scopes'), [userId, codes])
}

export async function countUsers(db: Queryable): Promise<number> {
  return (await db.query<{ n: number }>(sqlFile('users/count-users'))).rows[0].n
}
