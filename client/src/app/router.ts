import { useEffect, useState } from 'react'

/** The pages of the client. */
export type Route =
  | 'login'
  | 'map'
  | 'admin'
  | 'admin-units'
  | 'ogc-keys'
  | 'land-import'
  | 'registry-import'
  | 'statistics'
  | 'registry-lists'
  | 'precheck'
  | 'precheck-report'
  | 'siting'
  | 'coverage'
  | 'indicators'
  | 'safe-use-ledger'
  | 'sharing'
  | 'public'
  | 'not-found'

const ROUTES: Record<string, Route> = {
  '/': 'map',
  '/login': 'login',
  '/admin': 'admin',
  '/admin/units': 'admin-units',
  '/admin/ogc-keys': 'ogc-keys',
  '/land-import': 'land-import',
  '/statistics': 'statistics',
  '/registry/lists': 'registry-lists',
  '/registry/import': 'registry-import',
  '/precheck': 'precheck',
  '/siting': 'siting',
  '/coverage': 'coverage',
  '/indicators': 'indicators',
  '/safe-use-ledger': 'safe-use-ledger',
  '/sharing': 'sharing',
  '/public': 'public',
}
/** `/precheck/<id>/report`: the printable report of one pre-check. */
const PRECHECK_REPORT = /^\/precheck\/(\d{1,15})\/report$/

/** The page of a path; a trailing slash is ignored. */
export function routeOf(pathname: string): Route {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname
  if (PRECHECK_REPORT.test(path)) return 'precheck-report'
  return ROUTES[path] ?? 'not-found'
}

/** The id of the pre-check whose report `pathname` shows, or null. */
export function precheckReportId(pathname: string): number | null {
  const match = PRECHECK_REPORT.exec(pathname.replace(/\/+$/, ''))
  return match ? Number(match[1]) : null
}

const listeners = new Set<() => void>()

/** Goes to `path` without reloading the page; `replace` leaves no history entry (redirects). */
export function navigate(path: string, { replace = false }: { replace?: boolean } = {}): void {
  if (path === window.location.pathname + window.location.search) return
  if (replace) window.history.replaceState(null, '', path)
  else window.history.pushState(null, '', path)
  listeners.forEach((listener) => listener())
}

/** Replaces what follows `#` in the address (`''` removes it), leaving no history entry and no page change. */
export function replaceHash(hash: string): void {
  if (hash === window.location.hash) return
  const { pathname, search } = window.location
  window.history.replaceState(window.history.state, '', `${pathname}${search}${hash}`)
}

/** The current path, updated on {@link navigate} and on the browser's back and forward buttons. */
export function usePathname(): string {
  const [pathname, setPathname] = useState(window.location.pathname)
  useEffect(() => {
    const update = () => setPathname(window.location.pathname)
    listeners.add(update)
    window.addEventListener('popstate', update)
    return () => {
      listeners.delete(update)
      window.removeEventListener('popstate', update)
    }
  }, [])
  return pathname
}
