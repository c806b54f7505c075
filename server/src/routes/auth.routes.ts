import { Router } from 'express'
import {
  ANON_CSRF_COOKIE,
  SESSION_COOKIE,
  csrfTokenFor,
  issueAnonCsrfToken,
  requireAuth,
  setCookie,
} from '../http/auth.ts'
import { limitPerClient } from '../http/rate-limit.ts'
import { parse } from '../http/validate.ts'
import type { AuthService } from '../services/auth.service.ts'
import type { AppConfig } from '../config.ts'
import { LoginBody, PasswordBody, type OkResponse, type SessionResponse } from '../../../contracts/auth.ts'

export function authRoutes(auth: AuthService, config: AppConfig['auth']): Router {
  const router = Router()
  router.get('/api/session', (req, res) => {
    res
      .set('Cache-Control', 'no-store')
      .json({ user: req.auth?.user ?? null, csrfToken: csrfTokenFor(req, res) } satisfies SessionResponse)
  })
  router.post(
    '/api/auth/login',
    limitPerClient(config.loginAttemptsPerMinute, 1, '登录尝试过于频繁，请一分钟后再试'),
    async (req, res) => {
      const { username, password } = parse(LoginBody, req.body)
      const { token, ctx } = await auth.login(username, password)
      if (req.auth) await auth.logout(req.auth)
      setCookie(req, res, SESSION_COOKIE, token)
      setCookie(req, res, ANON_CSRF_COOKIE, '', 0)
      res.json({ user: ctx.user, csrfToken: ctx.csrfToken } satisfies SessionResponse)
    },
  )
  router.post('/api/auth/logout', async (req, res) => {
    if (req.auth) await auth.logout(req.auth)
    setCookie(req, res, SESSION_COOKIE, '', 0)
    res.json({ user: null, csrfToken: issueAnonCsrfToken(req, res) } satisfies SessionResponse)
  })
  router.post(
    '/api/auth/password',
    limitPerClient(config.loginAttemptsPerMinute, 1, '修改密码尝试过于频繁，请一分钟后再试'),
    async (req, res) => {
      const ctx = requireAuth(req)
      const { currentPassword, newPassword } = parse(PasswordBody, req.body)
      await auth.changePassword(ctx, currentPassword, newPassword)
      res.json({ ok: true, message: '密码已修改' } satisfies OkResponse)
    },
  )
  return router
}
