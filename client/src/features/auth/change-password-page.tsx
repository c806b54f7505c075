import type { SessionUser } from '@contracts/auth'
import { AuthLayout } from './auth-layout'
import { ChangePasswordForm } from './change-password-form'

/** Props of {@link ChangePasswordPage}. */
export interface ChangePasswordPageProps {
  user: SessionUser
  onChanged: () => void
  onSignOut: () => void
}

/** Shown after a first login (or a reset by the administrator): nothing else opens until the password is changed. */
export function ChangePasswordPage({ user, onChanged, onSignOut }: ChangePasswordPageProps) {
  return (
    <AuthLayout>
      <div className="auth-card" data-testid="change-password-page">
        <h2 className="auth-card__title">请修改初始密码</h2>
        <p className="auth-card__lead">
          {user.displayName}（{user.username}
          ），您正在使用系统管理员设置的初始密码。为保障数据安全，修改密码后方可使用系统。
        </p>
        <ChangePasswordForm username={user.username} onChanged={onChanged} submitLabel="修改密码并进入系统" />
        <p className="auth-card__hint">
          不是您本人？
          <button type="button" className="link-button" onClick={onSignOut} data-testid="change-password-signout">
            退出登录
          </button>
        </p>
      </div>
    </AuthLayout>
  )
}
