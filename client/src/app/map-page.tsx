import { useCallback, useState } from 'react'
import { BasemapControl } from '../features/basemap/basemap-control'
import { InfoPanel } from '../features/info/info-panel'
import { LayerPanel } from '../features/layers/layer-panel'
import { ReportQueue } from '../features/reports/report-queue'
import { ReviewBlock } from '../features/review/review-block'
import { ReviewHistory } from '../features/review/review-history'
import { ReviewQueue } from '../features/review/review-queue'
import { featureOfRecord } from '../features/review/review-source'
import { SearchBox } from '../features/search/search-box'
import { searchTarget } from '../features/search/search-target'
import { StatusBar } from '../features/status/status-bar'
import { MapView } from '../map/map-view'
import { getJson } from '../shared/api-client'
import type {
  BasemapChoice,
  Bbox,
  FeatureInfo,
  FeatureRef,
  LayerGroup,
  MapFocus,
  ReviewQueueItem,
  Role,
  SearchResult,
  SessionUser,
  ViewStatusSource,
} from '../shared/api-types'
import { SideTabs, type SideTab } from './side-tabs'
import { StaffHeader } from './staff-header'

const FEATURE_MAX_ZOOM = 15
/** Half the side of the view around a located report, in degrees (about 200 m). */
const REPORT_VIEW_DEGREES = 0.002

/** Roles whose work includes the review queue (the keepers of the registry, the approvers, the administrator). */
const REVIEW_QUEUE_ROLES: readonly Role[] = ['environment', 'approver', 'admin']
/** Roles that moderate public reports (举报). */
const REPORT_ROLES: readonly Role[] = ['environment', 'approver', 'admin']

/** Props of {@link MapPage}. */
export interface MapPageProps {
  user: SessionUser
  onSignOut: () => void
}

/** The internal map: header with search, side panel tabs (图层, 待办审核, 举报处理), map, info panel and status line. */
export function MapPage({ user, onSignOut }: MapPageProps) {
  const [groups, setGroups] = useState<LayerGroup[]>([])
  const [visibility, setVisibility] = useState<Record<string, boolean>>({})
  const [basemap, setBasemap] = useState<BasemapChoice>({ kind: 'none' })
  const [focus, setFocus] = useState<MapFocus | null>(null)
  const [selected, setSelected] = useState<FeatureRef | null>(null)
  const [statusSource, setStatusSource] = useState<ViewStatusSource | null>(null)
  const [tab, setTab] = useState('layers')
  const [dataVersion, setDataVersion] = useState(0)
  const [queueCount, setQueueCount] = useState<number | undefined>(undefined)
  const [activeRecord, setActiveRecord] = useState<string | null>(null)
  const [reportPin, setReportPin] = useState<[number, number] | null>(null)

  const onGroups = useCallback((loaded: LayerGroup[]) => {
    setGroups(loaded)
    setVisibility(Object.fromEntries(loaded.map((g) => [g.id, g.visible])))
  }, [])
  const onToggle = useCallback((groupId: string, visible: boolean) => {
    setVisibility((current) => ({ ...current, [groupId]: visible }))
  }, [])
  const select = useCallback((ref: FeatureRef | null) => {
    setSelected(ref)
    setActiveRecord(null)
  }, [])
  const onSearchSelect = useCallback((result: SearchResult) => {
    const target = searchTarget(result)
    setFocus(target.focus)
    if (target.feature) select(target.feature)
  }, [select])
  const onLocate = useCallback((bbox: Bbox) => setFocus({ bbox, maxZoom: FEATURE_MAX_ZOOM }), [])
  const onOpenRecord = useCallback(async (item: ReviewQueueItem) => {
    const feature = featureOfRecord(item.kind, item.id)
    setSelected(feature)
    setActiveRecord(`${item.kind}/${item.id}`)
    try {
      const info = await getJson<FeatureInfo>(`/api/features/${feature.source}/${feature.id}`)
      if (info.bbox) setFocus({ bbox: info.bbox, maxZoom: FEATURE_MAX_ZOOM })
    } catch (error) {
      console.warn('记录定位失败', error)
    }
  }, [])
  const onReviewChanged = useCallback(() => setDataVersion((n) => n + 1), [])
  const onLocateReport = useCallback(([lon, lat]: [number, number]) => {
    setReportPin([lon, lat])
    setFocus({ bbox: [lon - REPORT_VIEW_DEGREES, lat - REPORT_VIEW_DEGREES, lon + REPORT_VIEW_DEGREES, lat + REPORT_VIEW_DEGREES], maxZoom: 16 })
  }, [])

  const tabs: SideTab[] = [
    {
      id: 'layers',
      label: '图层',
      content: (
        <div className="side-tabs__stack">
          <LayerPanel groups={groups} visibility={visibility} onToggle={onToggle} />
          <BasemapControl value={basemap} onChange={setBasemap} />
        </div>
      ),
    },
  ]
  if (REVIEW_QUEUE_ROLES.includes(user.role)) {
    tabs.push({
      id: 'reviews',
      label: '待办审核',
      badge: queueCount,
      content: <ReviewQueue refreshKey={dataVersion} activeKey={activeRecord} onOpen={onOpenRecord} onCount={setQueueCount} />,
    })
  }
  if (REPORT_ROLES.includes(user.role)) {
    tabs.push({ id: 'reports', label: '举报处理', content: <ReportQueue onLocate={onLocateReport} /> })
  }

  return (
    <div className="app">
      <StaffHeader user={user} page="map" onSignOut={onSignOut}>
        <SearchBox onSelect={onSearchSelect} />
      </StaffHeader>
      <nav className="side-panel" aria-label="工作面板">
        <SideTabs tabs={tabs} active={tab} onSelect={setTab} />
      </nav>
      <main className="map-area">
        <MapView
          visibility={visibility}
          basemap={basemap}
          focus={focus}
          highlight={selected}
          dataVersion={dataVersion}
          marker={tab === 'reports' ? reportPin : null}
          onGroups={onGroups}
          onFeatureClick={select}
          onStatusSource={setStatusSource}
        />
        {selected && (
          <InfoPanel
            feature={selected}
            onClose={() => select(null)}
            onLocate={onLocate}
            renderTop={(info, reload) =>
              info.review && (
                <>
                  <ReviewBlock
                    key={`${info.review.kind}/${info.review.id}`}
                    review={info.review}
                    recordTitle={info.title}
                    onStale={reload}
                    onChanged={() => {
                      reload()
                      onReviewChanged()
                    }}
                  />
                  <ReviewHistory
                    key={`history-${info.review.kind}/${info.review.id}`}
                    kind={info.review.kind}
                    id={info.review.id}
                    refreshKey={info.review.version}
                  />
                </>
              )
            }
          />
        )}
      </main>
      <StatusBar source={statusSource} />
    </div>
  )
}
