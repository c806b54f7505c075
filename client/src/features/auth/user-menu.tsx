import type { SessionUser } from '@contracts/auth'
import { usePopover } from '../../shared/use-popover'

/** A page link in the user menu (e.g. 系统管理 for administrators). */
export interface UserMenuLink {
  label: string
  testId: string
  onSelect: () => void
}

/** Props of {@link UserMenu}. */
export interface UserMenuProps {
  user: SessionUser
  links?: UserMenuLink[]
  onChangePassword: () => void
  onSignOut: () => void
}

/** The signed-in user in the header: name and role; the menu shows department, counties and account actions. */
export function UserMenu({ user, links = [], onChangePassword, onSignOut }: UserMenuProps) {
  const { isOpen, rootRef, toggle, choose } = usePopover()
  const counties = user.counties.map((c) => c.name)

  return (
    <div className="user-menu" ref={rootRef}>
      <button
        type="button"
        className="user-menu__button"
        aria-haspopup="menu"
        aria-expanded={isOpen}
        onClick={toggle}
        data-testid="user-menu-button"
      >
        <span className="user-menu__avatar" aria-hidden="true">
          {user.displayName.slice(0, 1)}
        </span>
        <span className="user-menu__who">
          <span className="user-menu__name">{user.displayName}</span>
          <span className="user-menu__role">{user.roleName}</span>
        </span>
        <span className="user-menu__caret" aria-hidden="true" />
      </button>
      {isOpen && (
        <div className="user-menu__panel" role="menu" data-testid="user-menu">
          <dl className="user-menu__facts">
            <dt>用户名</dt>
            <dd>{user.username}</dd>
            <dt>角色</dt>
            <dd data-testid="user-menu-role">{user.roleName}</dd>
            <dt>单位</dt>
            <dd>{user.department || '—'}</dd>
            <dt>管辖区县</dt>
            <dd data-testid="user-menu-counties">
              {counties.length === 0
                ? '无（请联系系统管理员授予管辖范围）'
                : counties.length > 6
                  ? `${counties.slice(0, 6).join('、')} 等 ${counties.length} 个`
                  : counties.join('、')}
            </dd>
          </dl>
          <div className="user-menu__items">
            {links.map((link) => (
              <button
                key={link.testId}
                type="button"
                role="menuitem"
                className="user-menu__item"
                onClick={choose(link.onSelect)}
                data-testid={link.testId}
              >
                {link.label}
              </button>
            ))}
            <button
              type="button"
              role="menuitem"
              className="user-menu__item"
              onClick={choose(onChangePassword)}
              data-testid="user-menu-password"
            >
              修改密码
            </button>
            <button
              type="button"
              role="menuitem"
              className="user-menu__item user-menu__item--exit"
              onClick={choose(onSignOut)}
              data-testid="user-menu-logout"
            >
              退出登录
            </button>
          </div>
        </div>
      )}
    </div>
  )
}
