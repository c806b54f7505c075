import { useCallback, useEffect, useState } from 'react'
import type { AdminUser, ScopeUnit } from '@contracts/admin'
import { loadScopes, loadUsers } from './admin-api'
import { errorMessage } from '../../shared/error-message'

/** Users and grantable scopes of the administrator page. */
export type AdminDataState =
  | { status: 'loading' }
  | { status: 'done'; users: AdminUser[]; scopes: ScopeUnit[] }
  | { status: 'error'; message: string }

/** Loads `GET /api/admin/users` and `GET /api/admin/scopes`; `reload` fetches both again, keeping the old table meanwhile. */
export function useAdminData(): { state: AdminDataState; reload: () => void } {
  const [state, setState] = useState<AdminDataState>({ status: 'loading' })
  const [reloads, setReloads] = useState(0)

  useEffect(() => {
    let alive = true
    Promise.all([loadUsers(), loadScopes()])
      .then(([{ users }, { scopes }]) => alive && setState({ status: 'done', users, scopes }))
      .catch(
        (error: unknown) => alive && setState({ status: 'error', message: errorMessage(error, '用户列表加载失败') }),
      )
    return () => {
      alive = false
    }
  }, [reloads])

  const reload = useCallback(() => setReloads((n) => n + 1), [])
  return { state, reload }
}
