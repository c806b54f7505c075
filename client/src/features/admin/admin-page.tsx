import { useMemo, useState } from 'react'
import type { AdminUser } from '@contracts/admin'
import { unlockUser } from './admin-api'
import { errorMessage } from '../../shared/error-message'
import { formatDateTime } from '../../shared/format'
import { ResetPasswordDialog } from './reset-password-dialog'
import { useAdminData } from './use-admin-data'
import { UserFormDialog } from './user-form-dialog'
import { UserStatus } from './user-status'
import { PageNoticeBar, type PageNotice } from '../../shared/ui/page-notice'

/** Props of {@link AdminPage}. */
export interface AdminPageProps {
  /** Scope codes of the administrator (province, city or county), shown by name in the heading. */
  ownScopes: string[]
}

type Editing = { mode: 'create' } | { mode: 'edit'; user: AdminUser } | { mode: 'password'; user: AdminUser } | null
type Notice = PageNotice | null

function matches(user: AdminUser, text: string): boolean {
  if (!text) return true
  const haystack = [user.username, user.displayName, user.department, user.roleName, ...user.scopes.map((s) => s.name)]
    .join(' ')
    .toLowerCase()
  return haystack.includes(text.toLowerCase())
}

/** 用户与权限: accounts in the administrator's scope, with create, edit, password reset and unlock. */
export function AdminPage({ ownScopes }: AdminPageProps) {
  const { state, reload } = useAdminData()
  const [editing, setEditing] = useState<Editing>(null)
  const [notice, setNotice] = useState<Notice>(null)
  const [filter, setFilter] = useState('')
  const scopeNames =
    state.status === 'done'
      ? ownScopes.map((code) => state.scopes.find((s) => s.code === code)?.name ?? code)
      : ownScopes
  const users = useMemo(
    () => (state.status === 'done' ? state.users.filter((u) => matches(u, filter.trim())) : []),
    [state, filter],
  )

  const close = () => {
    setEditing(null)
    reload()
  }
  const done = (message: string) => {
    setNotice({ kind: 'ok', message })
    close()
  }
  const unlock = async (user: AdminUser) => {
    try {
      const answer = await unlockUser(user.id)
      setNotice({ kind: 'ok', message: `${user.displayName}（${user.username}）：${answer.message}` })
      reload()
    } catch (error) {
      setNotice({ kind: 'error', message: errorMessage(error) })
    }
  }

  return (
    <main className="admin-page" data-testid="admin-page">
      <div className="admin-page__inner">
        <header className="admin-page__head">
          <div>
            <h2 className="admin-page__title">用户与权限管理</h2>
            <p className="admin-page__lead">
              管理范围：{scopeNames.join('、') || '—'}
              。可授予的角色与管辖范围不超出本人管辖范围；新建或重置密码的用户首次登录须修改密码。
            </p>
          </div>
          <div className="admin-page__tools">
            <input
              className="text-input admin-page__filter"
              type="search"
              placeholder="按用户名、姓名、单位、角色筛选"
              value={filter}
              onChange={(e) => setFilter(e.target.value)}
              aria-label="筛选用户"
              data-testid="admin-filter"
            />
            <button
              type="button"
              className="primary-button"
              onClick={() => setEditing({ mode: 'create' })}
              disabled={state.status !== 'done'}
              data-testid="admin-create"
            >
              ＋ 新建用户
            </button>
          </div>
        </header>
        {notice && <PageNoticeBar notice={notice} onClose={() => setNotice(null)} testId="admin-notice" />}
        {state.status === 'loading' && <p className="panel-note">正在加载用户列表…</p>}
        {state.status === 'error' && (
          <p className="notice notice--error" role="alert">
            {state.message}
          </p>
        )}
        {state.status === 'done' && (
          <div className="table-card">
            <table className="data-table" data-testid="admin-users">
              <thead>
                <tr>
                  <th scope="col">用户名</th>
                  <th scope="col">姓名</th>
                  <th scope="col">单位</th>
                  <th scope="col">角色</th>
                  <th scope="col">管辖范围</th>
                  <th scope="col">状态</th>
                  <th scope="col">更新时间</th>
                  <th scope="col" className="data-table__actions">
                    操作
                  </th>
                </tr>
              </thead>
              <tbody>
                {users.map((user) => (
                  <tr
                    key={user.id}
                    data-testid="admin-user-row"
                    data-username={user.username}
                    className={user.isActive ? undefined : 'data-table__row--off'}
                  >
                    <td className="data-table__mono">
                      {user.username}
                      {user.isGenerated && <span className="chip chip--sample">示例</span>}
                    </td>
                    <td>{user.displayName}</td>
                    <td>{user.department || '—'}</td>
                    <td>
                      <span className={`role-tag role-tag--${user.role}`}>{user.roleName}</span>
                    </td>
                    <td>{user.scopes.map((s) => s.name).join('、')}</td>
                    <td>
                      <UserStatus user={user} />
                    </td>
                    <td className="data-table__time">{formatDateTime(user.updatedAt)}</td>
                    <td className="data-table__actions">
                      <button
                        type="button"
                        className="link-button"
                        onClick={() => setEditing({ mode: 'edit', user })}
                        data-testid="admin-edit"
                      >
                        编辑
                      </button>
                      <button
                        type="button"
                        className="link-button"
                        onClick={() => setEditing({ mode: 'password', user })}
                        data-testid="admin-reset"
                      >
                        重置密码
                      </button>
                      {user.isLocked && (
                        <button
                          type="button"
                          className="link-button link-button--danger"
                          onClick={() => unlock(user)}
                          data-testid="admin-unlock"
                        >
                          解锁
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
                {users.length === 0 && (
                  <tr>
                    <td colSpan={8} className="data-table__empty">
                      没有符合条件的用户
                    </td>
                  </tr>
                )}
              </tbody>
            </table>
          </div>
        )}
      </div>
      {state.status === 'done' && editing?.mode === 'create' && (
        <UserFormDialog scopes={state.scopes} onSaved={(_user, message) => done(message)} onClose={close} />
      )}
      {state.status === 'done' && editing?.mode === 'edit' && (
        <UserFormDialog
          user={editing.user}
          scopes={state.scopes}
          onSaved={(_user, message) => done(message)}
          onClose={close}
        />
      )}
      {editing?.mode === 'password' && <ResetPasswordDialog user={editing.user} onDone={done} onClose={close} />}
    </main>
  )
}
