import { Router } from 'express'
import { z } from 'zod'
import { ROLES } from '../domain/roles.ts'
import { requireRight } from '../http/auth.ts'
import { parse } from '../http/validate.ts'
import type { UsersService } from '../services/users.service.ts'

const roleField = z.enum(ROLES, { error: `角色应为：${ROLES.join('、')}` })
const scopesField = z
  .array(z.string().regex(/^[1-9]\d{5}$/, '管辖范围应为 6 位行政区划代码'), { error: '请选择管辖范围' })
  .min(1, '请至少选择一个管辖范围（区县、市或省）')
  .max(50, '管辖范围最多 50 个')
  .transform((codes) => [...new Set(codes)])
const nameField = z.string({ error: '请填写姓名' }).trim().min(1, '请填写姓名').max(40, '姓名最多 40 个字')
const departmentField = z.string().trim().max(80, '单位最多 80 个字').default('')
const passwordField = z.string({ error: '请填写密码' }).min(1, '请填写密码').max(200, '密码过长')
const idParams = z.object({
  id: z
    .string()
    .regex(/^\d{1,15}$/, '用户编号应为数字')
    .transform(Number),
})

const createBody = z.object({
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
const updateBody = z.object({
  displayName: nameField,
  department: departmentField,
  role: roleField,
  scopes: scopesField,
  isActive: z.boolean({ error: '请说明账户是否启用' }),
  version: z.number({ error: '缺少版本号，请刷新后重试' }).int().positive(),
})
const passwordBody = z.object({ password: passwordField })

/** The administrator's page: users, roles and scopes. */
export function usersRoutes(users: UsersService): Router {
  const router = Router()
  const admin = requireRight('user.manage')
  router.get('/api/admin/users', admin, async (req, res) => {
    res.json({ users: await users.listUsers(req.auth!) })
  })
  router.get('/api/admin/scopes', admin, async (req, res) => {
    res.json({ scopes: await users.listGrantableScopes(req.auth!) })
  })
  router.post('/api/admin/users', admin, async (req, res) => {
    res.status(201).json(await users.createUser(req.auth!, parse(createBody, req.body)))
  })
  router.patch('/api/admin/users/:id', admin, async (req, res) => {
    const { id } = parse(idParams, req.params)
    res.json(await users.updateUser(req.auth!, id, parse(updateBody, req.body)))
  })
  router.post('/api/admin/users/:id/password', admin, async (req, res) => {
    const { id } = parse(idParams, req.params)
    await users.resetPassword(req.auth!, id, parse(passwordBody, req.body).password)
    res.json({ ok: true, message: '密码已重置，用户下次登录时须修改密码' })
  })
  router.post('/api/admin/users/:id/unlock', admin, async (req, res) => {
    const { id } = parse(idParams, req.params)
    await users.unlockUser(req.auth!, id)
    res.json({ ok: true, message: '已解除登录锁定' })
  })
  return router
}
