import type { LoginBody, OkResponse, PasswordBody, SessionResponse } from '@contracts/auth'
import { getJson, sendJson } from '../../shared/api-client'

/** `GET /api/session`: the signed-in user (or none) and the CSRF token. */
export function loadSession(): Promise<SessionResponse> {
  return getJson<SessionResponse>('/api/session')
}

/** `POST /api/auth/login`. */
export function logIn(body: LoginBody): Promise<SessionResponse> {
  return sendJson<SessionResponse>('POST', '/api/auth/login', body)
}

/** `POST /api/auth/logout`: no user, and a new anonymous CSRF token. */
export function logOut(): Promise<SessionResponse> {
  return sendJson<SessionResponse>('POST', '/api/auth/logout')
}

/** `POST /api/auth/password`. */
export function changePassword(body: PasswordBody): Promise<OkResponse> {
  return sendJson<OkResponse>('POST', '/api/auth/password', body)
}
