import type { Queryable } from '../db/database.ts'
import { sqlFile } from '../db/sql-files.ts'
import type { Role } from '../domain/roles.ts'

export interface SessionRow {
  id: number
  username: string
  display_name: string
  department: string
  role: Role
  must_change_password: boolean
  csrf_token: string
  last_seen_at: Date
  expires_at: Date
  scopes: string[]
}

export async function findSession(db: Queryable, tokenHash: string): Promise<SessionRow | undefined> {
  return (await db.query<SessionRow>(sqlFile('auth/find-session'), [tokenHash])).rows[0]
}

export async function findUserForLogin(
  db: Queryable,
  username: string,
): Promise<{ id: number; username: string; password_hash: string; is_active: boolean } | undefined> {
  return (await db.query(sqlFile('auth/find-user-for-login'), [username])).rows[0]
}

export async function readLoginFailure(
  db: Queryable,
  username: string,
): Promise<{ locked_until: Date | null; is_locked: boolean } | undefined> {
  return (await db.query(sqlFile('auth/read-login-failure'), [username])).rows[0]
}

/** Counts a failed login and returns the failures in a row so far. */
export async function recordLoginFailure(db: Queryable, username: string): Promise<number> {
  return (await db.query<{ failed_count: number }>(sqlFile('auth/record-login-failure'), [username])).rows[0]
    .failed_count
}

export async function lockLogin(db: Queryable, username: string, minutes: number): Promise<void> {
  await db.query(sqlFile('auth/lock-login'), [username, minutes])
}

export async function clearLoginFailure(db: Queryable, username: string): Promise<void> {
  await db.query(sqlFile('auth/clear-login-failure'), [username])
}

export async function createSession(
  db: Queryable,
  tokenHash: string,
  userId: number,
  csrfToken: string,
  minutes: number,
): Promise<void> {
  await db.query(sqlFile('auth/create-session'), [tokenHash, userId, csrfToken, minutes])
}

export async function touchSession(db: Queryable, tokenHash: string, minutes: number): Promise<void> {
  await db.query(sqlFile('auth/touch-session'), [tokenHash, minutes])
}

export async function deleteSession(db: Queryable, tokenHash: string): Promise<void> {
  await db.query(sqlFile('auth/delete-session'), [tokenHash])
}

/** Ends every session of a user except `keepTokenHash` (the caller's own), e.g. after a password change. */
export async function deleteUserSessions(db: Queryable, userId: number, keepTokenHash: string | null): Promise<void> {
  await db.query(sqlFile('auth/delete-user-sessions'), [userId, keepTokenHash])
}

export async function readPasswordHash(
  db: Queryable,
  userId: number,
): Promise<{ username: string; password_hash: string } | undefined> {
  return (await db.query(sqlFile('auth/read-password-hash'), [userId])).rows[0]
}

export async function setPassword(db: Queryable, userId: number, hash: string, mustChange: boolean): Promise<void> {
  await db.query(sqlFile('auth/set-password'), [userId, hash, mustChange])
}

export async function listCountyCodes(db: Queryable): Promise<{ adcode: string; name: string }[]> {
  return (await db.query(sqlFile('auth/list-county-codes'))).rows
}
