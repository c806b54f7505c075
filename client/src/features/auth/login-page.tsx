import { useState, type FormEvent } from 'react'
import type { SessionResponse } from '@contracts/auth'
import { ApiError } from '../../shared/api-client'
import { errorMessage } from '../../shared/error-message'
import { logIn } from './auth-api'
import { AuthLayout } from './auth-layout'

/** Props of {@link LoginPage}. */
export interface LoginPageProps {
  onSignedIn: (session: SessionResponse) => void
  onOpenPublic: () => void
}

type Failure = { message: string; isLocked: boolean }

/** The staff login: user name and password; the server's answer is shown as it is (one generic message). */
export function LoginPage({ onSignedIn, onOpenPublic }: LoginPageProps) {
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [failure, setFailure] = useState<Failure | null>(null)
  const [isBusy, setBusy] = useState(false)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (!username.trim() || !password) {
      setFailure({ message: '请输入用户名和密码', isLocked: false })
      return
    }
    setBusy(true)
    setFailure(null)
    try {
      const session = await logIn({
        username: username.trim(),
        password,
      })
      onSignedIn(session)
    } catch (error) {
      const isLocked = error instanceof ApiError && (error.code === 'ACCOUNT_LOCKED' || error.code === 'RATE_LIMITED')
      setFailure({ message: errorMessage(error, '登录失败，请稍后重试'), isLocked })
      setPassword('')
      setBusy(false)
    }
  }

  return (
    <AuthLayout>
      <form className="auth-card" onSubmit={submit} noValidate data-testid="login-form">
        <h2 className="auth-card__title">工作人员登录</h2>
        <p className="auth-card__lead">农业农村、自然资源、生态环境部门及审定人员使用本单位分配的账户登录</p>
        <label className="form-field">
          <span className="form-field__label">用户名</span>
          <input
            className="text-input text-input--large"
            name="username"
            autoComplete="username"
            autoFocus
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            data-testid="login-username"
          />
        </label>
        <label className="form-field">
          <span className="form-field__label">密码</span>
          <input
            className="text-input text-input--large"
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            data-testid="login-password"
          />
        </label>
        {failure && (
          <p
            className={`form-error${failure.isLocked ? ' form-error--locked' : ''}`}
            role="alert"
            data-testid="login-error"
          >
            {failure.message}
          </p>
        )}
        <button
          type="submit"
          className="primary-button primary-button--block"
          disabled={isBusy}
          data-testid="login-submit"
        >
          {isBusy ? '正在登录…' : '登录'}
        </button>
        <p className="auth-card__hint">
          首次登录须修改初始密码；连续多次输错密码，账户将被暂时锁定。忘记密码请联系系统管理员。
        </p>
        <div className="auth-card__public">
          <span>社会公众查询污染地块名录、管控区域，或举报疑似污染，无需登录：</span>
          <a
            href="/public"
            className="link-button"
            data-testid="login-public-link"
            onClick={(event) => {
              event.preventDefault()
              onOpenPublic()
            }}
          >
            公众查询 →
          </a>
        </div>
      </form>
    </AuthLayout>
  )
}
