import { useState, type ReactNode } from 'react'
import { ChangePasswordDialog } from '../features/auth/change-password-dialog'
import { UserMenu, type UserMenuLink } from '../features/auth/user-menu'
import { can } from '../../../server/src/domain/rights.ts'
import type { Role, SessionUser } from '../shared/api-types'
import { AppHeader } from './app-header'
import { navigate } from './router'
import { StaffMenu, type StaffMenuPage, type StaffMenuPanel } from './staff-menu'

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
    | 'siting'
    | 'coverage'
    | 'indicators'
    | 'registry-import'
    | 'safe-use-ledger'
    | 'sharing'
  onSignOut: () => void
  children?: ReactNode
  /** The map's side panel tabs, reached from the ☰ menu on a phone. */
  panels?: readonly StaffMenuPanel[]
  onOpenPanel?: (id: string) => void
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
  { page: 'siting', path: '/siting', label: '选址核查' },
  { page: 'sharing', path: '/sharing', label: '共享目录' },
] as const

/** The pages of the user menu, for the roles holding their right, in the menu's order. */
const MORE_PAGES: readonly (StaffMenuPage & { isShown: (role: Role) => boolean })[] = [
  { page: 'admin', path: '/admin', label: '用户与权限管理', isShown: (role) => can(role, 'user.manage') },
  { page: 'sharing', path: '/sharing', label: '资源共享目录', isShown: () => true },
  { page: 'ogc-keys', path: '/admin/ogc-keys', label: '数据共享密钥', isShown: (role) => can(role, 'ogcKey.manage') },
  { page: 'admin-units', path: '/admin/units', label: '行政区管理', isShown: (role) => can(role, 'adminUnits.import') },
  {
    page: 'registry-import',
    path: '/registry/import',
    label: '登记册批量导入',
    isShown: (role) => can(role, 'enterprise.edit') || can(role, 'plot.edit') || can(role, 'monitoring.edit'),
  },
  { page: 'land-import', path: '/land-import', label: '三调图斑导入', isShown: (role) => can(role, 'land.import') },
]

/** The header of the staff pages: product name, the page's own tools, page links, the user menu with 修改密码 and 退出登录. */
export function StaffHeader({ user, page, onSignOut, children, panels, onOpenPanel }: StaffHeaderProps) {
  const [isChangingPassword, setChangingPassword] = useState(false)
  const [notice, setNotice] = useState<string | null>(null)
  const morePages = MORE_PAGES.filter((p) => p.isShown(user.role))
  const links: UserMenuLink[] = []
  if (page !== 'map') links.push({ label: '返回一张图', testId: 'user-menu-map', onSelect: () => navigate('/') })
  for (const p of morePages)
    if (p.page !== page) links.push({ label: p.label, testId: `user-menu-${p.page}`, onSelect: () => navigate(p.path) })
  const pages = PAGES.filter(
    (p) =>
      (p.page !== 'registry-lists' || can(user.role, 'list.view')) &&
      (p.page !== 'safe-use-ledger' || can(user.role, 'safeUse.view')) &&
      (p.page !== 'precheck' || can(user.role, 'precheck.read')) &&
      (p.page !== 'siting' || can(user.role, 'siting.read')),
  )

  return (
    <>
      <AppHeader
        onHome={() => navigate('/')}
        end={
          <>
            <nav className="header-nav" aria-label="页面">
              {pages.map((p) => (
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
            <StaffMenu
              current={page}
              pages={pages}
              morePages={morePages.filter((p) => p.page !== 'sharing')}
              panels={panels}
              onOpenPanel={onOpenPanel}
              onNavigate={navigate}
            />
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
