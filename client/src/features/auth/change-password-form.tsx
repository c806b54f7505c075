import { useState, type FormEvent } from 'react'
import { MIN_PASSWORD_LENGTH, checkPassword } from '../../../../server/src/domain/roles.ts'
import { errorMessage } from '../../shared/error-message'
import { FormError } from '../../shared/ui/form-error'
import { changePassword } from './auth-api'

/** Props of {@link ChangePasswordForm}. */
export interface ChangePasswordFormProps {
  username: string
  onChanged: (message: string) => void
  onCancel?: () => void
  submitLabel?: string
}

/** The password rule in words, as the server checks it (server/src/domain/roles.ts). */
export const PASSWORD_RULE = `至少 ${MIN_PASSWORD_LENGTH} 位，须同时包含字母和数字，不能包含用户名`

/** Current, new and repeated password; the rule is checked while typing and again by the server. */
export function ChangePasswordForm({
  username,
  onChanged,
  onCancel,
  submitLabel = '修改密码',
}: ChangePasswordFormProps) {
  const [current, setCurrent] = useState('')
  const [next, setNext] = useState('')
  const [repeat, setRepeat] = useState('')
  const [failure, setFailure] = useState<string | null>(null)
  const [isBusy, setBusy] = useState(false)

  const check = next ? checkPassword(next, username) : null
  const ruleProblem = check && !check.valid ? check.message : null
  const repeatProblem = repeat && repeat !== next ? '两次输入的新密码不一致' : null

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (!current || !next || !repeat) return setFailure('请填写当前密码、新密码并再次输入新密码')
    if (ruleProblem) return setFailure(`新密码不符合要求：${ruleProblem}`)
    if (repeatProblem) return setFailure(repeatProblem)
    setBusy(true)
    setFailure(null)
    try {
      const answer = await changePassword({
        currentPassword: current,
        newPassword: next,
      })
      onChanged(answer.message)
    } catch (error) {
      setFailure(errorMessage(error, '密码修改失败，请稍后重试'))
      setBusy(false)
    }
  }

  return (
    <form className="password-form" onSubmit={submit} noValidate data-testid="password-form">
      <label className="form-field">
        <span className="form-field__label">当前密码</span>
        <input
          className="text-input"
          type="password"
          autoComplete="current-password"
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
          data-testid="password-current"
        />
      </label>
      <label className="form-field">
        <span className="form-field__label">新密码</span>
        <input
          className="text-input"
          type="password"
          autoComplete="new-password"
          value={next}
          onChange={(e) => setNext(e.target.value)}
          aria-describedby="password-rule"
          data-testid="password-new"
        />
      </label>
      <p id="password-rule" className="password-rule" data-testid="password-rule">
        密码规则：{PASSWORD_RULE}
      </p>
      {check && (
        <p
          className={`password-rule ${ruleProblem ? 'password-rule--bad' : 'password-rule--good'}`}
          role="status"
          data-testid="password-check"
        >
          {ruleProblem ?? '✓ 新密码符合要求'}
        </p>
      )}
      <label className="form-field">
        <span className="form-field__label">再次输入新密码</span>
        <input
          className="text-input"
          type="password"
          autoComplete="new-password"
          value={repeat}
          onChange={(e) => setRepeat(e.target.value)}
          data-testid="password-repeat"
        />
      </label>
      {repeatProblem && <p className="password-rule password-rule--bad">{repeatProblem}</p>}
      <FormError message={failure} testId="password-error" />
      <div className="form-actions">
        {onCancel && (
          <button type="button" className="secondary-button" onClick={onCancel}>
            取消
          </button>
        )}
        <button type="submit" className="primary-button" disabled={isBusy} data-testid="password-submit">
          {isBusy ? '正在提交…' : submitLabel}
        </button>
      </div>
    </form>
  )
}
