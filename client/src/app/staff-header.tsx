import { useState, type ReactNode } from 'react'
import { ChangePasswordDialog } from '../features/auth/change-password-dialog'
import { UserMenu, type UserMenuLink } from '../features/auth/user-menu'
import { can } from '../../../server/src/domain/rights.ts'
import type { SessionUser } from '../shared/api-types'
import { AppHeader } from './app-header'
import { navigate } from './router'

/** Props of {@link StaffHeader}. */
export interface StaffHeaderProps {
  user: SessionUser
  page:
    | 'map'
    | 'admin'
    | 'admin-units'
    | 'ogc-keys'
    | 'land-import'
    | 'statistics'
    | 'registry-lists'
    | 'precheck'
    | 'coverage'
    | 'indicators'
    | 'registry-import'
    | 'safe-use-ledger'
    | 'sharing'
  onSignOut: () => void
  children?: ReactNode
}

/** The staff pages every role reaches from the header. */
const PAGES = [
  { page: 'map', path: '/', label: '一张图' },
  { page: 'statistics', path: '/statistics', label: '统计分析' },
  { page: 'coverage', path: '/coverage', label: '监测覆盖' },
  { page: 'indicators', path: '/indicators', label: '安全利用率' },
  { page: 'safe-use-ledger', path: '/safe-use-ledger', label: '安全利用台账' },
  { page: 'registry-lists', path: '/registry/lists', label: '名录发布' },
  { page: 'precheck', path: '/precheck', label: '用地准入核查' },
  { page: 'sharing', path: '/sharing', label: '共享目录' },
] as const

/** The header of the staff pages: product name, the page's own tools, page links, the user menu with 修改密码 and 退出登录. */
export function StaffHeader({ user, page, onSignOut, children }: StaffHeaderProps) {
  const [isChangingPassword, setChangingPassword] = useState(false)
  const [notice, setNotice] = useState<string | null>(null)
  const links: UserMenuLink[] = []
  if (page !== 'map') links.push({ label: '返回一张图', testId: 'user-menu-map', onSelect: () => navigate('/') })
  if (can(user.role, 'user.manage') && page !== 'admin')
    links.push({ label: '用户与权限管理', testId: 'user-menu-admin', onSelect: () => navigate('/admin') })
  if (page !== 'sharing')
    links.push({ label: '资源共享目录', testId: 'user-menu-sharing', onSelect: () => navigate('/sharing') })
  if (can(user.role, 'ogcKey.manage') && page !== 'ogc-keys')
    links.push({ label: '数据共享密钥', testId: 'user-menu-ogc-keys', onSelect: () => navigate('/admin/ogc-keys') })
  if (can(user.role, 'adminUnits.import') && page !== 'admin-units')
    links.push({ label: '行政区管理', testId: 'user-menu-admin-units', onSelect: () => navigate('/admin/units') })
  if (
    (can(user.role, 'enterprise.edit') || can(user.role, 'plot.edit') || can(user.role, 'monitoring.edit')) &&
    page !== 'registry-import'
  )
    links.push({
      label: '登记册批量导入',
      testId: 'user-menu-registry-import',
      onSelect: () => navigate('/registry/import'),
    })
  if (can(user.role, 'land.import') && page !== 'land-import')
    links.push({ label: '三调图斑导入', testId: 'user-menu-land-import', onSelect: () => navigate('/land-import') })

  return (
    <>
      <AppHeader
        onHome={() => navigate('/')}
        end={
          <>
            <nav className="header-nav" aria-label="页面">
              {PAGES.filter(
                (p) =>
                  (p.page !== 'registry-lists' || can(user.role, 'list.view')) &&
                  (p.page !== 'safe-use-ledger' || can(user.role, 'safeUse.view')) &&
                  (p.page !== 'precheck' || can(user.role, 'precheck.read')),
              ).map((p) => (
                <a
                  key={p.page}
                  href={p.path}
                  className={`header-nav__link${p.page === page ? ' header-nav__link--active' : ''}`}
                  aria-current={p.page === page ? 'page' : undefined}
                  onClick={(event) => {
                    event.preventDefault()
                    navigate(p.path)
                  }}
                  data-testid={`nav-${p.page}`}
                >
                  {p.label}
                </a>
              ))}
            </nav>
            {notice && (
              <span className="header-notice" role="status" data-testid="header-notice">
                {notice}
              </span>
            )}
            <UserMenu
              user={user}
              links={links}
              onChangePassword={() => setChangingPassword(true)}
              onSignOut={onSignOut}
            />
          </>
        }
      >
        {children}
      </AppHeader>
      {isChangingPassword && (
        <ChangePasswordDialog
          username={user.username}
          onClose={() => setChangingPassword(false)}
          onChanged={(message) => {
            setChangingPassword(false)
            setNotice(message)
            window.setTimeout(() => setNotice(null), 6000)
          }}
        />
      )}
    </>
  )
}
