import type { NextFunction, Request, RequestHandler, Response } from 'express'
import { parseCookie, stringifySetCookie } from 'cookie'
import { rolesWith, type Capability } from '../domain/rights.ts'
import { ROLE_LABEL, type Role } from '../domain/roles.ts'
import type { AuthContext, AuthService } from '../services/auth.service.ts'
import { randomToken, tokensEqual } from '../services/password.ts'
import { AppError } from './errors.ts'

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** The signed-in user, set by `sessionMiddleware` when the session cookie is live. */
      auth?: AuthContext
    }
  }
}

export const SESSION_COOKIE = 'soil_session'
/** CSRF token of a caller without a session (login, the public report form): double-submit, httpOnly. */
export const ANON_CSRF_COOKIE = 'soil_csrf'
export const CSRF_HEADER = 'x-csrf-token'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

function cookies(req: Request): Record<string, string | undefined> {
  return req.headers.cookie ? parseCookie(req.headers.cookie) : {}
}

export function setCookie(req: Request, res: Response, name: string, value: string, maxAgeSeconds?: number): void {
  res.append(
    'Set-Cookie',
    stringifySetCookie({
      name,
      value,
      httpOnly: true,
      sameSite: 'strict',
      path: '/',
      secure: req.secure,
      ...(maxAgeSeconds !== undefined ? { maxAge: maxAgeSeconds } : {}),
    }),
  )
}

/** Reads the session cookie and sets `req.auth`; an unknown or expired session is simply no session. */
export function sessionMiddleware(auth: AuthService): RequestHandler {
  return async (req, _res, next) => {
    const token = cookies(req)[SESSION_COOKIE]
    if (token && /^[A-Za-z0-9_-]{20,100}$/.test(token)) req.auth = await auth.resolveSession(token)
    next()
  }
}

/** The CSRF token for the caller: the session's, or a fresh anonymous one set as a cookie. */
export function csrfTokenFor(req: Request, res: Response): string {
  if (req.auth) return req.auth.csrfToken
  const existing = cookies(req)[ANON_CSRF_COOKIE]
  if (existing && /^[A-Za-z0-9_-]{20,100}$/.test(existing)) return existing
  return issueAnonCsrfToken(req, res)
}

/** A fresh anonymous CSRF token, set as a cookie (after logout, or on a first visit). */
export function issueAnonCsrfToken(req: Request, res: Response): string {
  const token = randomToken()
  setCookie(req, res, ANON_CSRF_COOKIE, token)
  return token
}

/**
 * Every state-changing request carries the CSRF token in the `X-CSRF-Token` header: the session's token when
 * signed in, otherwise the token of the anonymous cookie. Cross-site pages can read neither.
 */
export const csrfMiddleware: RequestHandler = (req, _res, next) => {
  if (SAFE_METHODS.has(req.method)) return next()
  const sent = req.get(CSRF_HEADER)
  const expected = req.auth ? req.auth.csrfToken : cookies(req)[ANON_CSRF_COOKIE]
  if (!sent || !expected || !tokensEqual(sent, expected)) {
    return next(new AppError('CSRF', '请求缺少有效的安全令牌（CSRF），请刷新页面后重试'))
  }
  next()
}

/** The signed-in user; 401 when there is none. */
export function requireAuth(req: Request): AuthContext {
  if (!req.auth) throw new AppError('UNAUTHENTICATED', '请先登录')
  return req.auth
}

/**
 * The signed-in staff user when the role is one of `roles` (any role when none are named): 401 without a
 * session, 403 for another role, and 403 for a user who must still change the first password.
 */
export function assertRole(req: Request, roles: readonly Role[] = []): AuthContext {
  const ctx = requireAuth(req)
  if (ctx.user.mustChangePassword) throw new AppError('PASSWORD_CHANGE_REQUIRED', '首次登录须先修改密码')
  if (roles.length && !roles.includes(ctx.user.role)) {
    const allowed = roles.map((r) => ROLE_LABEL[r]).join('、')
    throw new AppError('FORBIDDEN', `当前角色（${ctx.user.roleName}）无权执行此操作，仅限：${allowed}`)
  }
  return ctx
}

/** Route guard form of `assertRole`. */
export function requireRole(...roles: Role[]): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction) => {
    assertRole(req, roles)
    next()
  }
}

/** The signed-in staff user when the role holds `capability` (domain/rights.ts); 401, 403 as `assertRole`. */
export function assertRight(req: Request, capability: Capability): AuthContext {
  return assertRole(req, rolesWith(capability))
}

/** Route guard form of `assertRight`. */
export function requireRight(capability: Capability): RequestHandler {
  return requireRole(...rolesWith(capability))
}
