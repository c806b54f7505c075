import { useEffect } from 'react'
import { AdminPage } from '../features/admin/admin-page'
import { AdminUnitsPage } from '../features/admin-units/admin-units-page'
import { OgcKeysPage } from '../features/ogc-keys/ogc-keys-page'
import { LandImportPage } from '../features/land-import/land-import-page'
import { LandUpdateStep } from '../features/land-update/land-update-step'
import { RetiredParcels } from '../features/land-update/retired-parcels'
import { ChangePasswordPage } from '../features/auth/change-password-page'
import { CoveragePage } from '../features/coverage/coverage-page'
import { IndicatorsPage } from '../features/indicators/indicators-page'
import { PlatformPackagePanel } from '../features/platform-package/platform-package-panel'
import { SafeUseLedgerPage } from '../features/safe-use-ledger/safe-use-ledger-page'
import { SharingCataloguePage } from '../features/sharing-catalogue/sharing-catalogue-page'
import { LoginPage } from '../features/auth/login-page'
import { PrecheckPage } from '../features/precheck/precheck-page'
import { PrecheckReport } from '../features/precheck/precheck-report'
import { SitingPage } from '../features/siting/siting-page'
import { PublicPage } from '../features/public/public-page'
import { RegistryListsPage } from '../features/registry-lists/registry-lists-page'
import { RegistryImportPage } from '../features/registry-import/registry-import-page'
import { StatisticsPage } from '../features/statistics/statistics-page'
import { SampleLoadNotice } from '../features/sample-load/sample-load-notice'
import { can } from '../../../server/src/domain/rights.ts'
import type { SessionUser } from '../shared/api-types'
import { MapPage } from './map-page'
import { navigate, precheckReportId, routeOf, usePathname } from './router'
import { StaffHeader } from './staff-header'
import { useSession } from './use-session'
import { WorkspaceProvider } from './workspace-store'

/** Sends the browser to `to` (a redirect: no history entry). */
function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to])
  return null
}

/** A full-page message (loading, no connection, no access, unknown page). */
function PageMessage({
  title,
  text,
  action,
}: {
  title: string
  text?: string
  action?: { label: string; onClick: () => void }
}) {
  return (
    <div className="page-message" data-testid="page-message">
      <h2 className="page-message__title">{title}</h2>
      {text && <p className="page-message__text">{text}</p>}
      {action && (
        <button type="button" className="primary-button" onClick={action.onClick}>
          {action.label}
        </button>
      )}
    </div>
  )
}

/** Where to go after login: the page asked for before, if it is one of ours (the map with the view it was given). */
function nextPath(): string {
  const next = new URLSearchParams(window.location.search).get('next')
  if (!next) return `/${window.location.hash}`
  return next &&
    /^\/(admin(\/units|\/ogc-keys)?|statistics|coverage|indicators|safe-use-ledger|sharing|registry\/(lists|import)|precheck(\/\d+\/report)?|siting)?$/.test(
      next,
    )
    ? next
    : '/'
}

/** The administrator page inside the staff frame. */
function AdminShell({ user, onSignOut }: { user: SessionUser; onSignOut: () => void }) {
  return (
    <div className="page-frame">
      <StaffHeader user={user} page="admin" onSignOut={onSignOut}>
        <span className="app-header__page">系统管理</span>
      </StaffHeader>
      <AdminPage ownScopes={user.scopes} />
    </div>
  )
}

/** 数据共享密钥 inside the staff frame (administrators). */
function OgcKeysShell({ user, onSignOut }: { user: SessionUser; onSignOut: () => void }) {
  return (
    <div className="page-frame">
      <StaffHeader user={user} page="ogc-keys" onSignOut={onSignOut}>
        <span className="app-header__page">数据共享密钥</span>
      </StaffHeader>
      <OgcKeysPage counties={user.counties} />
    </div>
  )
}

/** 行政区管理 inside the staff frame (administrators). */
function AdminUnitsShell({ user, onSignOut }: { user: SessionUser; onSignOut: () => void }) {
  return (
    <div className="page-frame">
      <StaffHeader user={user} page="admin-units" onSignOut={onSignOut}>
        <span className="app-header__page">行政区管理</span>
      </StaffHeader>
      <AdminUnitsPage />
    </div>
  )
}

/** 三调图斑导入 inside the staff frame (farmland officers and administrators); a restore there moves the map's tiles. */
function LandImportShell({ user, onSignOut }: { user: SessionUser; onSignOut: () => void }) {
  return (
    <WorkspaceProvider>
      <div className="page-frame">
        <StaffHeader user={user} page="land-import" onSignOut={onSignOut}>
          <span className="app-header__page">三调图斑导入</span>
        </StaffHeader>
        <LandImportPage
          counties={user.counties}
          updateStep={(importId, map) => (
            <LandUpdateStep
              key={importId}
              importId={importId}
              onOverlay={map.overlay}
              onLocate={map.locate}
              onFit={map.fit}
            />
          )}
          countySection={can(user.role, 'land.import') ? (adcode) => <RetiredParcels adcode={adcode} /> : undefined}
        />
      </div>
    </WorkspaceProvider>
  )
}

/** The statistics page (统计分析) inside the staff frame; every staff role reads it. */
function StatisticsShell({ user, onSignOut }: { user: SessionUser; onSignOut: () => void }) {
  return (
    <div className="page-frame">
      <StaffHeader user={user} page="statistics" onSignOut={onSignOut}>
        <span className="app-header__page">统计分析</span>
      </StaffHeader>
      <StatisticsPage counties={user.counties} />
    </div>
  )
}

/** 监测覆盖 inside the staff frame; every staff role reads it, environment officers accept gap proposals. */
function CoverageShell({ user, onSignOut }: { user: SessionUser; onSignOut: () => void }) {
  return (
    <div className="page-frame">
      <StaffHeader user={user} page="coverage" onSignOut={onSignOut}>
        <span className="app-header__page">监测覆盖</span>
      </StaffHeader>
      <CoveragePage canAccept={can(user.role, 'coverage.plan')} />
    </div>
  )
}

/** 登记册批量导入 inside the staff frame (the officers who keep a register). */
function RegistryImportShell({ user, onSignOut }: { user: SessionUser; onSignOut: () => void }) {
  return (
    <div className="page-frame">
      <StaffHeader user={user} page="registry-import" onSignOut={onSignOut}>
        <span className="app-header__page">登记册批量导入</span>
      </StaffHeader>
      <RegistryImportPage role={user.role} />
    </div>
  )
}

/** The list publishing page (名录发布) inside the staff frame; publishing is for the environment officers. */
function RegistryListsShell({ user, onSignOut }: { user: SessionUser; onSignOut: () => void }) {
  return (
    <div className="page-frame">
      <StaffHeader user={user} page="registry-lists" onSignOut={onSignOut}>
        <span className="app-header__page">名录发布</span>
      </StaffHeader>
      <RegistryListsPage canPublish={can(user.role, 'list.publish')} />
    </div>
  )
}

/** 安全利用率 inside the staff frame; every staff role reads it, the administrator edits the targets. */
function IndicatorsShell({ user, onSignOut }: { user: SessionUser; onSignOut: () => void }) {
  return (
    <div className="page-frame">
      <StaffHeader user={user} page="indicators" onSignOut={onSignOut}>
        <span className="app-header__page">安全利用率</span>
      </StaffHeader>
      <IndicatorsPage canEditTargets={can(user.role, 'indicator.targets')}>
        <PlatformPackagePanel />
      </IndicatorsPage>
    </div>
  )
}

/** 受污染耕地安全利用台账 inside the staff frame: the farmland officers keep it, approvers and administrators read it. */
function SafeUseLedgerShell({ user, onSignOut }: { user: SessionUser; onSignOut: () => void }) {
  const params = new URLSearchParams(window.location.search)
  const year = Number(params.get('year')) || undefined
  return (
    <div className="page-frame">
      <StaffHeader user={user} page="safe-use-ledger" onSignOut={onSignOut}>
        <span className="app-header__page">安全利用台账</span>
      </StaffHeader>
      <SafeUseLedgerPage counties={user.counties} initial={{ adcode: params.get('adcode') ?? undefined, year }} />
    </div>
  )
}

/** 资源共享目录 inside the staff frame; every staff role reads it, administrators reach the keys from it. */
function SharingShell({ user, onSignOut }: { user: SessionUser; onSignOut: () => void }) {
  return (
    <div className="page-frame">
      <StaffHeader user={user} page="sharing" onSignOut={onSignOut}>
        <span className="app-header__page">资源共享目录</span>
      </StaffHeader>
      <SharingCataloguePage onOpenKeys={() => navigate('/admin/ogc-keys')} />
    </div>
  )
}

/** 用地准入核查 inside the staff frame. */
function PrecheckShell({ user, onSignOut }: { user: SessionUser; onSignOut: () => void }) {
  return (
    <div className="page-frame">
      <StaffHeader user={user} page="precheck" onSignOut={onSignOut}>
        <span className="app-header__page">用地准入核查</span>
      </StaffHeader>
      <PrecheckPage canCheck={can(user.role, 'precheck.run')} />
    </div>
  )
}

/** 建设项目选址核查 inside the staff frame. */
function SitingShell({ user, onSignOut }: { user: SessionUser; onSignOut: () => void }) {
  return (
    <div className="page-frame">
      <StaffHeader user={user} page="siting" onSignOut={onSignOut}>
        <span className="app-header__page">建设项目选址核查</span>
      </StaffHeader>
      <SitingPage canCheck={can(user.role, 'siting.run')} />
    </div>
  )
}

/** The app: its pages, and the notice of a first start's sample load above them. */
export function App() {
  return (
    <>
      <SampleLoadNotice />
      <AppPage />
    </>
  )
}

/**
 * The client: `/login`, `/` (the internal map), `/statistics` (统计分析), `/admin` (administrators), `/public` (no login). Staff pages
 * need a session; a user who must change the first password sees only the change-password page.
 */
function AppPage() {
  const pathname = usePathname()
  const route = routeOf(pathname)
  const session = useSession()
  const { state } = session
  const signOut = () => void session.signOut()

  if (route === 'public') return <PublicPage />
  if (state.status === 'loading') return <PageMessage title="正在连接…" />
  if (state.status === 'error') {
    return (
      <PageMessage title="无法连接服务器" text={state.message} action={{ label: '重试', onClick: session.reload }} />
    )
  }
  const { user } = state
  if (!user) {
    if (route !== 'login') {
      const next =
        route === 'admin' ||
        route === 'statistics' ||
        route === 'coverage' ||
        route === 'indicators' ||
        route === 'safe-use-ledger' ||
        route === 'sharing' ||
        route === 'precheck' ||
        route === 'siting' ||
        route === 'land-import'
          ? `?next=/${route}`
          : route === 'ogc-keys'
            ? '?next=/admin/ogc-keys'
            : route === 'registry-lists' || route === 'admin-units' || route === 'registry-import'
              ? `?next=${route === 'admin-units' ? '/admin/units' : route === 'registry-import' ? '/registry/import' : '/registry/lists'}`
              : route === 'precheck-report'
                ? `?next=${encodeURIComponent(pathname)}`
                : ''
      return <Redirect to={`/login${next}${route === 'map' ? window.location.hash : ''}`} />
    }
    return <LoginPage onSignedIn={session.accept} onOpenPublic={() => navigate('/public')} />
  }
  if (user.mustChangePassword) return <ChangePasswordPage user={user} onChanged={session.reload} onSignOut={signOut} />
  if (route === 'login') return <Redirect to={nextPath()} />
  if (route === 'admin') {
    if (can(user.role, 'user.manage')) return <AdminShell user={user} onSignOut={signOut} />
    return (
      <PageMessage
        title="无权访问"
        text={`用户与权限管理仅限系统管理员；您的角色是${user.roleName}。`}
        action={{ label: '返回一张图', onClick: () => navigate('/') }}
      />
    )
  }
  if (route === 'ogc-keys') {
    if (can(user.role, 'ogcKey.manage')) return <OgcKeysShell user={user} onSignOut={signOut} />
    return (
      <PageMessage
        title="无权访问"
        text={`数据共享密钥仅限系统管理员；您的角色是${user.roleName}。`}
        action={{ label: '返回一张图', onClick: () => navigate('/') }}
      />
    )
  }
  if (route === 'land-import') {
    if (can(user.role, 'land.import')) return <LandImportShell user={user} onSignOut={signOut} />
    return (
      <PageMessage
        title="无权访问"
        text={`三调图斑导入仅限农业农村部门和系统管理员；您的角色是${user.roleName}。`}
        action={{ label: '返回一张图', onClick: () => navigate('/') }}
      />
    )
  }
  if (route === 'admin-units') {
    if (can(user.role, 'adminUnits.import')) return <AdminUnitsShell user={user} onSignOut={signOut} />
    return (
      <PageMessage
        title="无权访问"
        text={`行政区管理仅限系统管理员；您的角色是${user.roleName}。`}
        action={{ label: '返回一张图', onClick: () => navigate('/') }}
      />
    )
  }
  if (route === 'statistics') return <StatisticsShell user={user} onSignOut={signOut} />
  if (route === 'coverage') return <CoverageShell user={user} onSignOut={signOut} />
  if (route === 'indicators') return <IndicatorsShell user={user} onSignOut={signOut} />
  if (route === 'sharing') return <SharingShell user={user} onSignOut={signOut} />
  if (route === 'safe-use-ledger') {
    if (can(user.role, 'safeUse.view')) return <SafeUseLedgerShell user={user} onSignOut={signOut} />
    return (
      <PageMessage
        title="无权访问"
        text={`安全利用台账仅限农业农村部门、审定人和系统管理员；您的角色是${user.roleName}。`}
        action={{ label: '返回一张图', onClick: () => navigate('/') }}
      />
    )
  }
  if (route === 'registry-lists') return <RegistryListsShell user={user} onSignOut={signOut} />
  if (route === 'registry-import') return <RegistryImportShell user={user} onSignOut={signOut} />
  if ((route === 'precheck' || route === 'precheck-report') && !can(user.role, 'precheck.read')) {
    return (
      <PageMessage
        title="无权访问"
        text={`用地准入核查仅限用地核查员和审定人；您的角色是${user.roleName}。`}
        action={{ label: '返回一张图', onClick: () => navigate('/') }}
      />
    )
  }
  if (route === 'precheck') return <PrecheckShell user={user} onSignOut={signOut} />
  if (route === 'siting') {
    if (can(user.role, 'siting.read')) return <SitingShell user={user} onSignOut={signOut} />
    return (
      <PageMessage
        title="无权访问"
        text={`建设项目选址核查仅限生态环境、自然资源部门和审定人；您的角色是${user.roleName}。`}
        action={{ label: '返回一张图', onClick: () => navigate('/') }}
      />
    )
  }
  if (route === 'precheck-report')
    return <PrecheckReport id={precheckReportId(pathname)!} onBack={() => navigate('/precheck')} />
  if (route === 'not-found') {
    return (
      <PageMessage
        title="页面不存在"
        text={`没有 ${window.location.pathname} 这个页面。`}
        action={{ label: '返回一张图', onClick: () => navigate('/') }}
      />
    )
  }
  return <MapPage user={user} onSignOut={signOut} />
}
