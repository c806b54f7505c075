import { useState, type FormEvent } from 'react'
import { MIN_PASSWORD_LENGTH, ROLES, ROLE_LABEL, checkPassword } from '../../../../server/src/domain/roles.ts'
import type { AdminUser, ScopeUnit } from '@contracts/admin'
import type { Role } from '@contracts/auth'
import { createUser, updateUser } from './admin-api'
import { errorMessage } from '../../shared/error-message'
import { Dialog } from '../../shared/ui/dialog'
import { FormError } from '../../shared/ui/form-error'
import { ScopePicker } from './scope-picker'

/** Props of {@link UserFormDialog}: without `user` it creates one. */
export interface UserFormDialogProps {
  user?: AdminUser
  scopes: ScopeUnit[]
  onSaved: (user: AdminUser, message: string) => void
  onClose: () => void
}

/** Create or edit an account: name, department, role, scopes; the initial password on create, 启用 on edit. */
export function UserFormDialog({ user, scopes, onSaved, onClose }: UserFormDialogProps) {
  const isNew = !user
  const [username, setUsername] = useState(user?.username ?? '')
  const [displayName, setDisplayName] = useState(user?.displayName ?? '')
  const [department, setDepartment] = useState(user?.department ?? '')
  const [role, setRole] = useState<Role>(user?.role ?? 'environment')
  const [codes, setCodes] = useState<string[]>(user?.scopes.map((s) => s.code) ?? [])
  const [isActive, setActive] = useState(user?.isActive ?? true)
  const [password, setPassword] = useState('')
  const [failure, setFailure] = useState<string | null>(null)
  const [isBusy, setBusy] = useState(false)

  const passwordCheck = isNew && password ? checkPassword(password, username || ' ') : null
  const passwordProblem = passwordCheck && !passwordCheck.valid ? passwordCheck.message : null

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (isNew && !username.trim()) return setFailure('请填写用户名')
    if (!displayName.trim()) return setFailure('请填写姓名')
    if (codes.length === 0) return setFailure('请至少选择一个管辖范围（区县、市或省）')
    if (isNew && !password) return setFailure('请填写初始密码')
    if (passwordProblem) return setFailure(`初始密码不符合要求：${passwordProblem}`)
    setBusy(true)
    setFailure(null)
    const fields = { displayName: displayName.trim(), department: department.trim(), role, scopes: codes }
    try {
      const saved = isNew
        ? await createUser({ ...fields, username: username.trim(), password })
        : await updateUser(user.id, {
            ...fields,
            isActive,
            version: user.version,
          })
      onSaved(
        saved,
        isNew
          ? `已创建用户“${saved.username}”，请将初始密码告知本人；首次登录须修改密码`
          : `已保存用户“${saved.username}”的修改`,
      )
    } catch (error) {
      setFailure(errorMessage(error, '保存失败，请稍后重试'))
      setBusy(false)
    }
  }

  return (
    <Dialog title={isNew ? '新建用户' : `编辑用户：${user.username}`} onClose={onClose} testId="user-dialog" isWide>
      <form className="dialog__body" onSubmit={submit} noValidate>
        <div className="form-grid">
          <label className="form-field">
            <span className="form-field__label">用户名</span>
            <input
              className="text-input"
              value={username}
              readOnly={!isNew}
              disabled={!isNew}
              autoComplete="off"
              onChange={(e) => setUsername(e.target.value)}
              placeholder="3–32 位小写字母、数字或 _ . -"
              data-testid="user-username"
            />
          </label>
          <label className="form-field">
            <span className="form-field__label">姓名</span>
            <input
              className="text-input"
              value={displayName}
              onChange={(e) => setDisplayName(e.target.value)}
              data-testid="user-display-name"
            />
          </label>
          <label className="form-field">
            <span className="form-field__label">单位（部门）</span>
            <input
              className="text-input"
              value={department}
              onChange={(e) => setDepartment(e.target.value)}
              placeholder="如：益阳市生态环境局赫山分局"
              data-testid="user-department"
            />
          </label>
          <label className="form-field">
            <span className="form-field__label">角色</span>
            <select
              className="text-input"
              value={role}
              onChange={(e) => setRole(e.target.value as Role)}
              data-testid="user-role"
            >
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {ROLE_LABEL[r]}
                </option>
              ))}
            </select>
          </label>
          {isNew ? (
            <label className="form-field form-grid__wide">
              <span className="form-field__label">
                初始密码（至少 {MIN_PASSWORD_LENGTH} 位，须同时包含字母和数字，不能包含用户名）
              </span>
              <input
                className="text-input"
                type="text"
                autoComplete="off"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                data-testid="user-password"
              />
              {passwordProblem && <span className="password-rule password-rule--bad">{passwordProblem}</span>}
            </label>
          ) : (
            <label className="checkbox-field form-grid__wide">
              <input
                type="checkbox"
                checked={isActive}
                onChange={(e) => setActive(e.target.checked)}
                data-testid="user-active"
              />
              启用账户（停用后该用户立即退出，不能再登录）
            </label>
          )}
        </div>
        <div className="form-field">
          <span className="form-field__label">管辖范围（选择省或市即包含其下全部区县）</span>
          <ScopePicker scopes={scopes} value={codes} onChange={setCodes} />
        </div>
        <FormError message={failure} testId="user-form-error" />
        <div className="form-actions">
          <button type="button" className="secondary-button" onClick={onClose}>
            取消
          </button>
          <button type="submit" className="primary-button" disabled={isBusy} data-testid="user-save">
            {isBusy ? '正在保存…' : isNew ? '创建用户' : '保存修改'}
          </button>
        </div>
      </form>
    </Dialog>
  )
}
