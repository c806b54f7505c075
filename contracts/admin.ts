import { z } from 'zod'
import { ROLES } from '../server/src/domain/roles.ts'
import { Role } from './auth.ts'

const roleField = z.enum(ROLES, { error: `角色应为：${ROLES.join('、')}` })
const scopesField = z
  .array(z.string().regex(/^[1-9]\d{5}$/, '管辖范围应为 6 位行政区划代码'), { error: '请选择管辖范围' })
  .min(1, '请至少选择一个管辖范围（区县、市或省）')
  .max(50, '管辖范围最多 50 个')
  .transform((codes) => [...new Set(codes)])
const nameField = z.string({ error: '请填写姓名' }).trim().min(1, '请填写姓名').max(40, '姓名最多 40 个字')
const departmentField = z.string().trim().max(80, '单位最多 80 个字').default('')
const passwordField = z.string({ error: '请填写密码' }).min(1, '请填写密码').max(200, '密码过长')

/** `:id` of the `/api/admin/users/:id` routes. */
export const UserIdParams = z.object({
  id: z
    .string()
    .regex(/^\d{1,15}$/, '用户编号应为数字')
    .transform(Number),
})

/** `POST /api/admin/users`. */
export const CreateUserBody = z.object({
  username: z
    .string({ error: '请填写用户名' })
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9_.-]{3,32}$/, '用户名应为 3–32 位小写字母、数字或 _ . -'),
  displayName: nameField,
  department: departmentField,
  role: roleField,
  scopes: scopesField,
  password: passwordField,
})
export type CreateUserBody = z.input<typeof CreateUserBody>

/** `PATCH /api/admin/users/:id`. */
export const UpdateUserBody = z.object({
  displayName: nameField,
  department: departmentField,
  role: roleField,
  scopes: scopesField,
  isActive: z.boolean({ error: '请说明账户是否启用' }),
  version: z.number({ error: '缺少版本号，请刷新后重试' }).int().positive(),
})
export type UpdateUserBody = z.input<typeof UpdateUserBody>

/** `POST /api/admin/users/:id/password`. */
export const ResetPasswordBody = z.object({ password: passwordField })

/** A province, city or county an administrator may grant. */
export const ScopeUnit = z.object({ code: z.string(), name: z.string(), level: z.enum(['province', 'city', 'county']) })
export type ScopeUnit = z.infer<typeof ScopeUnit>

/** `GET /api/admin/scopes`. */
export const ScopesResponse = z.object({ scopes: z.array(ScopeUnit) })
export type ScopesResponse = z.infer<typeof ScopesResponse>

/** A user account as the administrator sees it (`POST`/`PATCH /api/admin/users` answer one). */
export const AdminUser = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  department: z.string(),
  role: Role,
  roleName: z.string(),
  scopes: z.array(z.object({ code: z.string(), name: z.string() })),
  isActive: z.boolean(),
  mustChangePassword: z.boolean(),
  isLocked: z.boolean(),
  /** ISO 8601. */
  lockedUntil: z.string().nullable(),
  isGenerated: z.boolean(),
  version: z.number().int(),
  /** ISO 8601. */
  updatedAt: z.string(),
})
export type AdminUser = z.infer<typeof AdminUser>

/** `GET /api/admin/users`. */
export const UsersResponse = z.object({ users: z.array(AdminUser) })
export type UsersResponse = z.infer<typeof UsersResponse>
