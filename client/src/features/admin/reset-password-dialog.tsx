import { useState, type FormEvent } from 'react'
import { MIN_PASSWORD_LENGTH, checkPassword } from '../../../../server/src/domain/roles.ts'
import type { AdminUser } from '@contracts/admin'
import { resetPassword } from './admin-api'
import { errorMessage } from '../../shared/error-message'
import { Dialog } from '../../shared/ui/dialog'
import { FormError } from '../../shared/ui/form-error'

/** Props of {@link ResetPasswordDialog}. */
export interface ResetPasswordDialogProps {
  user: AdminUser
  onDone: (message: string) => void
  onClose: () => void
}

/** Sets a new initial password; the user must change it at the next login, and a lock-out is lifted. */
export function ResetPasswordDialog({ user, onDone, onClose }: ResetPasswordDialogProps) {
  const [password, setPassword] = useState('')
  const [failure, setFailure] = useState<string | null>(null)
  const [isBusy, setBusy] = useState(false)
  const check = password ? checkPassword(password, user.username) : null
  const problem = check && !check.valid ? check.message : null

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (!password) return setFailure('请填写新的初始密码')
    if (problem) return setFailure(`新密码不符合要求：${problem}`)
    setBusy(true)
    setFailure(null)
    try {
      const answer = await resetPassword(user.id, password)
      onDone(`${user.displayName}（${user.username}）：${answer.message}`)
    } catch (error) {
      setFailure(errorMessage(error, '重置失败，请稍后重试'))
      setBusy(false)
    }
  }

  return (
    <Dialog
      title={`重置密码：${user.displayName}（${user.username}）`}
      onClose={onClose}
      testId="reset-password-dialog"
    >
      <form className="dialog__body" onSubmit={submit} noValidate>
        <p className="panel-note">重置后该用户的所有登录立即失效，下次登录须修改密码；登录锁定一并解除。</p>
        <label className="form-field">
          <span className="form-field__label">
            新的初始密码（至少 {MIN_PASSWORD_LENGTH} 位，须同时包含字母和数字，不能包含用户名）
          </span>
          <input
            className="text-input"
            type="text"
            autoComplete="off"
            value={password}
            autoFocus
            onChange={(e) => setPassword(e.target.value)}
            data-testid="reset-password-input"
          />
        </label>
        {problem && <p className="password-rule password-rule--bad">{problem}</p>}
        <FormError message={failure} testId="reset-password-error" />
        <div className="form-actions">
          <button type="button" className="secondary-button" onClick={onClose}>
            取消
          </button>
          <button type="submit" className="primary-button" disabled={isBusy} data-testid="reset-password-submit">
            {isBusy ? '正在提交…' : '重置密码'}
          </button>
        </div>
      </form>
    </Dialog>
  )
}
