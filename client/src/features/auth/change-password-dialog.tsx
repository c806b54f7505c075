import { Dialog } from '../../shared/ui/dialog'
import { ChangePasswordForm } from './change-password-form'

/** Props of {@link ChangePasswordDialog}. */
export interface ChangePasswordDialogProps {
  username: string
  onClose: () => void
  onChanged: (message: string) => void
}

/** 修改密码 from the user menu. */
export function ChangePasswordDialog({ username, onClose, onChanged }: ChangePasswordDialogProps) {
  return (
    <Dialog title="修改密码" onClose={onClose} testId="password-dialog">
      <div className="dialog__body">
        <p className="panel-note">修改后，您在其他设备上的登录将失效，本设备保持登录。</p>
        <ChangePasswordForm username={username} onChanged={onChanged} onCancel={onClose} />
      </div>
    </Dialog>
  )
}
