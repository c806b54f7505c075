import { Router } from 'express'
import { requireRight } from '../http/auth.ts'
import { parse } from '../http/validate.ts'
import type { UsersService } from '../services/users.service.ts'
import type { OkResponse } from '../../../contracts/auth.ts'
import {
  CreateUserBody,
  ResetPasswordBody,
  UpdateUserBody,
  UserIdParams,
  type ScopesResponse,
  type UsersResponse,
} from '../../../contracts/admin.ts'

/** The administrator's page: users, roles and scopes. */
export function usersRoutes(users: UsersService): Router {
  const router = Router()
  const admin = requireRight('user.manage')
  router.get('/api/admin/users', admin, async (req, res) => {
    res.json({ users: await users.listUsers(req.auth!) } satisfies UsersResponse)
  })
  router.get('/api/admin/scopes', admin, async (req, res) => {
    res.json({ scopes: await users.listGrantableScopes(req.auth!) } satisfies ScopesResponse)
  })
  router.post('/api/admin/users', admin, async (req, res) => {
    res.status(201).json(await users.createUser(req.auth!, parse(CreateUserBody, req.body)))
  })
  router.patch('/api/admin/users/:id', admin, async (req, res) => {
    const { id } = parse(UserIdParams, req.params)
    res.json(await users.updateUser(req.auth!, id, parse(UpdateUserBody, req.body)))
  })
  router.post('/api/admin/users/:id/password', admin, async (req, res) => {
    const { id } = parse(UserIdParams, req.params)
    await users.resetPassword(req.auth!, id, parse(ResetPasswordBody, req.body).password)
    res.json({ ok: true, message: '密码已重置，用户下次登录时须修改密码' } satisfies OkResponse)
  })
  router.post('/api/admin/users/:id/unlock', admin, async (req, res) => {
    const { id } = parse(UserIdParams, req.params)
    await users.unlockUser(req.auth!, id)
    res.json({ ok: true, message: '已解除登录锁定' } satisfies OkResponse)
  })
  return router
}
