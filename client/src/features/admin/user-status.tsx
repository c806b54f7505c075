import type { AdminUser } from '@contracts/admin'
import { formatDateTime } from '../../shared/format'

/** The account's states as chips: 启用 or 停用, and 已锁定 and 须改密 when they apply. */
export function UserStatus({ user }: { user: AdminUser }) {
  return (
    <span className="status-chips" data-testid="admin-user-status">
      {user.isActive ? <span className="chip chip--ok">启用</span> : <span className="chip chip--off">停用</span>}
      {user.isLocked && (
        <span
          className="chip chip--locked"
          title={user.lockedUntil ? `锁定至 ${formatDateTime(user.lockedUntil)}` : undefined}
        >
          已锁定
        </span>
      )}
      {user.mustChangePassword && <span className="chip chip--warn">须改密</span>}
    </span>
  )
}
