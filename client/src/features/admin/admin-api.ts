import type { AdminUser, CreateUserBody, ScopesResponse, UpdateUserBody, UsersResponse } from '@contracts/admin'
import type { OkResponse } from '@contracts/auth'
import { getJson, sendJson } from '../../shared/api-client'

/** `GET /api/admin/users`: the accounts within the administrator's scope. */
export function loadUsers(): Promise<UsersResponse> {
  return getJson<UsersResponse>('/api/admin/users')
}

/** `GET /api/admin/scopes`: the provinces, cities and counties the administrator may grant. */
export function loadScopes(): Promise<ScopesResponse> {
  return getJson<ScopesResponse>('/api/admin/scopes')
}

/** `POST /api/admin/users`. */
export function createUser(body: CreateUserBody): Promise<AdminUser> {
  return sendJson<AdminUser>('POST', '/api/admin/users', body)
}

/** `PATCH /api/admin/users/:id`. */
export function updateUser(id: number, body: UpdateUserBody): Promise<AdminUser> {
  return sendJson<AdminUser>('PATCH', `/api/admin/users/${id}`, body)
}

/** `POST /api/admin/users/:id/password`: a new password the user must change at the next login. */
export function resetPassword(id: number, password: string): Promise<OkResponse> {
  return sendJson<OkResponse>('POST', `/api/admin/users/${id}/password`, { password })
}

/** `POST /api/admin/users/:id/unlock`. */
export function unlockUser(id: number): Promise<OkResponse> {
  return sendJson<OkResponse>('POST', `/api/admin/users/${id}/unlock`)
}
