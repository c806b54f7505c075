import { useCallback, type ReactNode } from 'react'
import { MapView } from '../../map/map-view'
import type { BasemapChoice } from '../api-types'
import type { CheckPageState } from './use-check-page'
import './check.css'

const NO_BASEMAP: BasemapChoice = { kind: 'none' }

/** Props of {@link CheckLayout}. */
export interface CheckLayoutProps {
  /** The check's name, read out for the side panel and its tabs. */
  title: string
  /** The label of the tab holding the form. */
  checkTab: string
  /** Prefix of the `data-testid`s of the tabs (`<prefix>-tab-check`, `<prefix>-tab-records`). */
  testIdPrefix: string
  canCheck: boolean
  page: Pick<CheckPageState<never>, 'tab' | 'setTab' | 'visibility' | 'focus' | 'highlight' | 'onGroups' | 'setClient'>
  /** The form of the check, shown (for officers who check) while its tab is chosen. */
  form: ReactNode
  /** The list of earlier checks, shown while 核查记录 is chosen. */
  records: ReactNode
  /** A message under the side panel (a record that failed to load). */
  sideError: string | null
  /** The verdict panel over the map, when a check is open. */
  verdict: ReactNode
  legend: ReactNode
}

/**
 * The page of a check: the form and the records as two tabs on the left, the map without a basemap in the middle,
 * the verdict over the map on the right, and the map's legend.
 */
export function CheckLayout({
  title,
  checkTab,
  testIdPrefix,
  canCheck,
  page,
  form,
  records,
  sideError,
  verdict,
  legend,
}: CheckLayoutProps) {
  const { tab, setTab } = page
  const ignore = useCallback(() => undefined, [])
  const tabButton = (id: 'check' | 'records', label: string) => (
    <button
      type="button"
      role="tab"
      aria-selected={tab === id}
      className={`side-tabs__tab${tab === id ? ' side-tabs__tab--active' : ''}`}
      onClick={() => setTab(id)}
      data-testid={`${testIdPrefix}-tab-${id}`}
    >
      {label}
    </button>
  )
  return (
    <div className="check-layout">
      <aside className="check-side" aria-label={title}>
        <div className="side-tabs" role="tablist" aria-label={title}>
          {canCheck && tabButton('check', checkTab)}
          {tabButton('records', '核查记录')}
        </div>
        <div className="check-side__body">
          {canCheck && form}
          {tab === 'records' && records}
          {sideError && (
            <p className="form-error" role="alert">
              {sideError}
            </p>
          )}
        </div>
      </aside>
      <main className="check-map">
        <MapView
          visibility={page.visibility}
          basemap={NO_BASEMAP}
          focus={page.focus}
          highlight={page.highlight}
          onGroups={page.onGroups}
          onFeatureClick={ignore}
          onStatusSource={ignore}
          onClient={page.setClient}
        />
        {verdict}
        {legend}
      </main>
    </div>
  )
}
