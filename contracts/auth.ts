import { z } from 'zod'
import { ROLES } from '../server/src/domain/roles.ts'

/** `POST /api/auth/login`. */
export const LoginBody = z.object({
  username: z.string({ error: '请输入用户名' }).trim().min(1, '请输入用户名').max(64, '用户名过长'),
  password: z.string({ error: '请输入密码' }).min(1, '请输入密码').max(200, '密码过长'),
})
export type LoginBody = z.infer<typeof LoginBody>

/** `POST /api/auth/password`. */
export const PasswordBody = z.object({
  currentPassword: z.string({ error: '请输入当前密码' }).min(1, '请输入当前密码').max(200, '密码过长'),
  newPassword: z.string({ error: '请输入新密码' }).min(1, '请输入新密码').max(200, '密码过长（最多 200 个字符）'),
})
export type PasswordBody = z.infer<typeof PasswordBody>

/** Roles of staff users (the README's role table). */
export const Role = z.enum(ROLES)
export type Role = z.infer<typeof Role>

/** A county the signed-in user may see. */
export const ScopeCounty = z.object({ adcode: z.string(), name: z.string() })
export type ScopeCounty = z.infer<typeof ScopeCounty>

/** The signed-in staff user of `GET /api/session`. */
export const SessionUser = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  department: z.string(),
  role: Role,
  roleName: z.string(),
  mustChangePassword: z.boolean(),
  /** Scope codes as granted: counties, cities (4309 00) or provinces (43 0000). */
  scopes: z.array(z.string()),
  /** The counties the scopes cover, the only ones whose internal data this user may read or write. */
  counties: z.array(ScopeCounty),
})
export type SessionUser = z.infer<typeof SessionUser>

/** `GET /api/session`, `POST /api/auth/login`, `POST /api/auth/logout`. */
export const SessionResponse = z.object({ user: SessionUser.nullable(), csrfToken: z.string() })
export type SessionResponse = z.infer<typeof SessionResponse>

/** A plain confirmation with a Chinese message (`POST /api/auth/password`, the administrator's resets). */
export const OkResponse = z.object({ ok: z.literal(true), message: z.string() })
export type OkResponse = z.infer<typeof OkResponse>
