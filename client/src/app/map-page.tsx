import { useCallback, useEffect, useState, type ReactNode } from 'react'
import { BasemapControl } from '../features/basemap/basemap-control'
import { ClassEntryCard } from '../features/classification/class-entry-card'
import { ClassListDrawer } from '../features/classification/class-list-drawer'
import { ClassificationPanel } from '../features/classification/classification-panel'
import type { ClassChange, ClassList } from '../features/classification/classification-types'
import { findClassList } from '../features/classification/find-class-list'
import { EditPanel } from '../features/editing/edit-panel'
import { EditToolbar } from '../features/editing/edit-toolbar'
import { ParcelHistory } from '../features/editing/parcel-history'
import { useParcelEditor } from '../features/editing/use-parcel-editor'
import { ZoneSummary } from '../features/zones/zone-summary'
import { ZonesPanel } from '../features/zones/zones-panel'
import { EnterprisesPanel } from '../features/enterprises/enterprises-panel'
import { InfoPanel } from '../features/info/info-panel'
import { MonitoringPanel } from '../features/monitoring/monitoring-panel'
import { PointPanel } from '../features/monitoring/point-panel'
import { LayerPanel } from '../features/layers/layer-panel'
import { NewPlotCard } from '../features/registry/new-plot-card'
import { PlotListPanel } from '../features/registry/plot-list-panel'
import { PlotProfile } from '../features/registry/plot-profile'
import { ReportQueue } from '../features/reports/report-queue'
import { ReviewBlock } from '../features/review/review-block'
import { ReviewHistory } from '../features/review/review-history'
import { ReviewQueue } from '../features/review/review-queue'
import { featureOfRecord } from '../features/review/review-source'
import { SearchBox } from '../features/search/search-box'
import { searchTarget } from '../features/search/search-target'
import { StatusBar } from '../features/status/status-bar'
import type { MapClient } from '../map/map-client'
import { MapView } from '../map/map-view'
import { getJson } from '../shared/api-client'
import { classOfName } from '../shared/farmland-class'
import { ClassLabel } from '../shared/ui/class-label'
import type {
  BasemapChoice,
  Bbox,
  FeatureInfo,
  FeatureRef,
  LayerGroup,
  MapFocus,
  ReviewQueueItem,
  SearchResult,
  SessionUser,
  ViewStatusSource,
} from '../shared/api-types'
import { can } from '../../../server/src/domain/rights.ts'
import { isEditableInReview } from '../../../server/src/domain/review-workflow.ts'
import { ClassListReview } from './class-list-review'
import { PlotReview } from './plot-review'
import { SideTabs, type SideTab } from './side-tabs'
import { StaffHeader } from './staff-header'

const FEATURE_MAX_ZOOM = 15
/** Half the side of the view around a located report, in degrees (about 200 m). */
const REPORT_VIEW_DEGREES = 0.002

/** Map sources of the internal plot layer (polygons from zoom 12, points below). */
const PLOT_SOURCES = ['contaminated-plot', 'contaminated-plot-point']
/** Room kept free for the plot profile (right) when flying to a plot. */
const PROFILE_PADDING: MapFocus['padding'] = { top: 60, left: 60, right: 520 + 60, bottom: 60 }

/** Closest zoom when flying to a monitoring point. */
const POINT_MAX_ZOOM = 15

/** Closest zoom when flying to one parcel (parcels are drawn from zoom 13). */
const PARCEL_MAX_ZOOM = 16

/** Room kept free for the info panel (right) and the class list drawer (bottom) when flying to a parcel of the list. */
function panelPadding(): MapFocus['padding'] {
  const drawer = document.querySelector('[data-testid=class-list-drawer]')?.getBoundingClientRect().height ?? 0
  return { top: 40, left: 40, right: 340 + 60, bottom: drawer + 60 }
}

/** A parcel's published class (the field 类别) with its map colour; other fields stay text. */
function renderParcelValue(field: FeatureInfo['fields'][number]): ReactNode | undefined {
  const cls = field.label === '类别' ? classOfName(field.value) : null
  return cls ? <ClassLabel value={cls} /> : undefined
}

/** Props of {@link MapPage}. */
export interface MapPageProps {
  user: SessionUser
  onSignOut: () => void
}

/**
 * The internal map: header with search, side panel tabs by role (图层, 分类划定, 图斑编辑, 污染地块, 管控区域,
 * 重点监管单位, 待办审核, 举报处理), map, info panel or plot profile, the open class list at the foot of the map, and
 * the status line.
 */
export function MapPage({ user, onSignOut }: MapPageProps) {
  const [groups, setGroups] = useState<LayerGroup[]>([])
  const [visibility, setVisibility] = useState<Record<string, boolean>>({})
  const [basemap, setBasemap] = useState<BasemapChoice>({ kind: 'none' })
  const [focus, setFocus] = useState<MapFocus | null>(null)
  const [selected, setSelected] = useState<FeatureRef | null>(null)
  const [statusSource, setStatusSource] = useState<ViewStatusSource | null>(null)
  const [tab, setTab] = useState('layers')
  const [dataVersion, setDataVersion] = useState(0)
  /** Bumped when another user changed data the open map shows: the open panel and the lists read it again. */
  const [liveVersion, setLiveVersion] = useState(0)
  const [queueCount, setQueueCount] = useState<number | undefined>(undefined)
  const [activeRecord, setActiveRecord] = useState<string | null>(null)
  const [reportPin, setReportPin] = useState<[number, number] | null>(null)
  const [openList, setOpenList] = useState<ClassList | null>(null)
  const [classVersion, setClassVersion] = useState(0)
  const [client, setClient] = useState<MapClient | null>(null)
  const [openPlotId, setOpenPlotId] = useState<number | null>(null)
  const [isCreatingPlot, setCreatingPlot] = useState(false)
  const [openPointId, setOpenPointId] = useState<number | null>(null)
  const canEditParcels = can(user.role, 'parcel.edit')

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
    if (ref) setOpenPointId(null)
  }, [])
  const onSearchSelect = useCallback((result: SearchResult) => {
    const target = searchTarget(result)
    setFocus(target.feature?.source === 'contaminated-plot' ? { ...target.focus, padding: PROFILE_PADDING } : target.focus)
    if (!target.feature) return
    if (can(user.role, 'plot.view') && PLOT_SOURCES.includes(target.feature.source)) {
      setSelected(null)
      setOpenPlotId(target.feature.id)
      return
    }
    setOpenPlotId(null)
    select(target.feature)
  }, [select, user.role])
  const onLocate = useCallback((bbox: Bbox) => setFocus({ bbox, maxZoom: FEATURE_MAX_ZOOM }), [])
  const flyToFeature = useCallback(async (feature: FeatureRef, maxZoom: number, padding?: MapFocus['padding']) => {
    try {
      const info = await getJson<FeatureInfo>(`/api/features/${feature.source}/${feature.id}`)
      if (info.bbox) setFocus({ bbox: info.bbox, maxZoom, padding })
    } catch (error) {
      console.warn('要素定位失败', error)
    }
  }, [])
  const onOpenList = useCallback((list: ClassList) => setOpenList(list), [])
  const reloadOpenList = useCallback(async () => {
    if (!openList) return
    try {
      setOpenList(await findClassList(openList.adcode, openList.id))
    } catch (error) {
      console.warn('分类清单刷新失败', error)
    }
  }, [openList])
  const onSelectChange = useCallback((change: ClassChange) => {
    const feature = { source: 'parcel', id: change.parcelId }
    select(feature)
    void flyToFeature(feature, PARCEL_MAX_ZOOM, panelPadding())
  }, [select, flyToFeature])
  const onEntryChanged = useCallback(() => {
    setClassVersion((n) => n + 1)
    void reloadOpenList()
  }, [reloadOpenList])
  const onOpenRecord = useCallback(async (item: ReviewQueueItem) => {
    const feature = featureOfRecord(item.kind, item.id)
    setActiveRecord(`${item.kind}/${item.id}`)
    if (!feature) {
      try {
        setOpenList(await findClassList(item.adcode, item.id))
      } catch (error) {
        console.warn('分类清单加载失败', error)
      }
      return
    }
    setSelected(feature)
    await flyToFeature(feature, FEATURE_MAX_ZOOM)
  }, [flyToFeature])
  const onReviewChanged = useCallback(() => setDataVersion((n) => n + 1), [])
  const onTilesChanged = useCallback((sources: string[]) => {
    setLiveVersion((n) => n + 1)
    if (sources.includes('parcel')) void reloadOpenList()
  }, [reloadOpenList])
  const editor = useParcelEditor({ client, isEnabled: canEditParcels, isActive: tab === 'editing', onSaved: onReviewChanged })
  const ignoreFeatureClick = useCallback(() => undefined, [])
  const [isZoneCapturing, setZoneCapturing] = useState(false)
  const [isPointPlacing, setPointPlacing] = useState(false)
  const [zoneRequest, setZoneRequest] = useState<{ id: number; n: number } | null>(null)
  const openZoneForm = useCallback((id: number) => {
    setTab('zones')
    setZoneRequest((r) => ({ id, n: (r?.n ?? 0) + 1 }))
  }, [])
  const showRecord = useCallback((feature: FeatureRef) => {
    select(feature)
    void flyToFeature(feature, FEATURE_MAX_ZOOM)
  }, [select, flyToFeature])
  const editParcel = useCallback((id: number) => {
    setTab('editing')
    editor.requestOpen(id)
  }, [editor])
  const onLocateReport = useCallback(([lon, lat]: [number, number]) => {
    setReportPin([lon, lat])
    setFocus({ bbox: [lon - REPORT_VIEW_DEGREES, lat - REPORT_VIEW_DEGREES, lon + REPORT_VIEW_DEGREES, lat + REPORT_VIEW_DEGREES], maxZoom: 16 })
  }, [])

  const openPlot = useCallback((id: number, isFlying: boolean) => {
    setSelected(null)
    setOpenPointId(null)
    setOpenPlotId(id)
    if (isFlying) void flyToFeature({ source: 'contaminated-plot', id }, FEATURE_MAX_ZOOM, PROFILE_PADDING)
  }, [flyToFeature])
  const openPoint = useCallback((id: number, isFlying: boolean) => {
    setSelected(null)
    setOpenPlotId(null)
    setOpenPointId(id)
    if (isFlying) void flyToFeature({ source: 'monitoring-point', id }, POINT_MAX_ZOOM, PROFILE_PADDING)
  }, [flyToFeature])
  const onMapFeatureClick = useCallback((ref: FeatureRef) => {
    if (ref.source === 'monitoring-point') return openPoint(ref.id, false)
    if (can(user.role, 'plot.view') && PLOT_SOURCES.includes(ref.source)) return openPlot(ref.id, false)
    setOpenPlotId(null)
    select(ref)
  }, [user.role, openPlot, openPoint, select])
  /** A link from another page (`/?parcel=<id>`, `/?plot=<id>`, e.g. the rows behind an indicator) opens that feature once. */
  useEffect(() => {
    const params = new URLSearchParams(window.location.search)
    for (const [param, source, maxZoom] of [['parcel', 'parcel', PARCEL_MAX_ZOOM], ['plot', 'contaminated-plot', FEATURE_MAX_ZOOM]] as const) {
      const id = Number(params.get(param))
      if (!Number.isSafeInteger(id) || id <= 0) continue
      onMapFeatureClick({ source, id })
      void flyToFeature({ source, id }, maxZoom, panelPadding())
      return
    }
  }, [])
  const selectTab = useCallback((id: string) => {
    setTab(id)
    if (id !== 'plots') setCreatingPlot(false)
  }, [])
  const isPlotDrawing = isCreatingPlot && tab === 'plots'

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
  if (can(user.role, 'classification.view')) {
    tabs.push({
      id: 'classification',
      label: '分类划定',
      content: (
        <ClassificationPanel
          counties={user.counties}
          canClassify={can(user.role, 'classification.run')}
          activeListId={openList?.id ?? null}
          refreshKey={`${classVersion}/${dataVersion}/${liveVersion}`}
          onOpenList={onOpenList}
        />
      ),
    })
  }
  if (canEditParcels) {
    tabs.push({
      id: 'editing',
      label: '图斑编辑',
      content: <EditPanel editor={editor} client={client} counties={user.counties} refreshKey={dataVersion} />,
    })
  }
  if (can(user.role, 'plot.view')) {
    tabs.push({
      id: 'plots',
      label: '污染地块',
      content: isPlotDrawing ? (
        <NewPlotCard
          client={client}
          counties={user.counties}
          onCancel={() => setCreatingPlot(false)}
          onOpenProposals={can(user.role, 'enterprise.edit') ? () => selectTab('enterprises') : undefined}
          onCreated={(id) => {
            setCreatingPlot(false)
            onReviewChanged()
            openPlot(id, false)
          }}
        />
      ) : (
        <PlotListPanel
          counties={user.counties}
          activePlotId={openPlotId}
          refreshKey={dataVersion}
          canCreate={can(user.role, 'plot.edit')}
          onOpen={(plot) => openPlot(plot.id, true)}
          onNew={() => {
            setOpenPlotId(null)
            setCreatingPlot(true)
          }}
        />
      ),
    })
  }
  if (can(user.role, 'controlZone.edit')) {
    tabs.push({
      id: 'zones',
      label: '管控区域',
      content: (
        <ZonesPanel client={client} isActive={tab === 'zones'} counties={user.counties} canEdit={can(user.role, 'controlZone.edit')} refreshKey={dataVersion}
          onChanged={onReviewChanged} onCapturingClicks={setZoneCapturing} onShowOnMap={showRecord} openRequest={zoneRequest} />
      ),
    })
    tabs.push({
      id: 'enterprises',
      label: '重点监管单位',
      content: (
        <EnterprisesPanel counties={user.counties} canEdit={can(user.role, 'enterprise.edit')} refreshKey={dataVersion} onChanged={onReviewChanged}
          onShowOnMap={showRecord} onLocate={onLocate} />
      ),
    })
  }
  tabs.push({
    id: 'monitoring',
    label: '监测点位',
    content: (
      <MonitoringPanel counties={user.counties} client={client} isActive={tab === 'monitoring'} canCreate={can(user.role, 'monitoring.edit')}
        canImport={can(user.role, 'monitoring.import')} activePointId={openPointId} refreshKey={dataVersion}
        onOpen={(id) => openPoint(id, true)} onChanged={onReviewChanged} onCapturingClicks={setPointPlacing}
        onCreated={(id) => {
          onReviewChanged()
          openPoint(id, false)
        }} />
    ),
  })
  if (can(user.role, 'review.queue')) {
    tabs.push({
      id: 'reviews',
      label: '待办审核',
      badge: queueCount,
      content: <ReviewQueue refreshKey={`${dataVersion}/${liveVersion}`} activeKey={activeRecord} onOpen={onOpenRecord} onCount={setQueueCount} />,
    })
  }
  if (can(user.role, 'report.handle')) {
    tabs.push({ id: 'reports', label: '举报处理', content: <ReportQueue onLocate={onLocateReport} /> })
  }

  return (
    <div className="app">
      <StaffHeader user={user} page="map" onSignOut={onSignOut}>
        <SearchBox onSelect={onSearchSelect} />
      </StaffHeader>
      <nav className="side-panel" aria-label="工作面板">
        <SideTabs tabs={tabs} active={tab} onSelect={selectTab} />
      </nav>
      <main className={`map-area${selected ? ' map-area--with-info' : ''}${openList ? ' map-area--with-drawer' : ''}`}>
        <MapView
          visibility={visibility}
          basemap={basemap}
          focus={focus}
          highlight={openPlotId !== null ? { source: 'contaminated-plot', id: openPlotId } : openPointId !== null ? { source: 'monitoring-point', id: openPointId } : selected}
          dataVersion={dataVersion}
          onTilesChanged={onTilesChanged}
          marker={tab === 'reports' ? reportPin : null}
          onGroups={onGroups}
          onFeatureClick={editor.isCapturingClicks || isZoneCapturing || isPlotDrawing || isPointPlacing ? ignoreFeatureClick : onMapFeatureClick}
          onStatusSource={setStatusSource}
          onClient={setClient}
        />
        {canEditParcels && tab === 'editing' && <EditToolbar editor={editor} />}
        {openPlotId !== null && (
          <PlotProfile
            plotId={openPlotId}
            canEdit={can(user.role, 'plot.edit')}
            refreshKey={dataVersion}
            onClose={() => setOpenPlotId(null)}
            onLocate={(bbox) => setFocus({ bbox, maxZoom: FEATURE_MAX_ZOOM, padding: PROFILE_PADDING })}
            onChanged={onReviewChanged}
            renderReview={(plot, reload) => (
              <PlotReview
                plotId={plot.id}
                title={`${plot.code} ${plot.name}`}
                refreshKey={`${plot.version}/${plot.reviewStatus}`}
                onChanged={() => {
                  reload()
                  onReviewChanged()
                }}
              />
            )}
          />
        )}
        {openPointId !== null && (
          <PointPanel pointId={openPointId} refreshKey={dataVersion} onClose={() => setOpenPointId(null)} onChanged={onReviewChanged} />
        )}
        {openList && (
          <ClassListDrawer
            key={openList.id}
            list={openList}
            refreshKey={`${classVersion}/${openList.review.version}`}
            activeParcelId={selected?.source === 'parcel' ? selected.id : null}
            onSelectParcel={onSelectChange}
            onClose={() => setOpenList(null)}
            review={
              <ClassListReview
                review={openList.review}
                title={openList.title}
                onStale={() => void reloadOpenList()}
                onChanged={(next) => {
                  setOpenList({ ...openList, review: next })
                  void reloadOpenList()
                  setClassVersion((n) => n + 1)
                  onReviewChanged()
                }}
              />
            }
          />
        )}
        {selected && (
          <InfoPanel
            feature={selected}
            onClose={() => select(null)}
            onLocate={onLocate}
            refreshKey={`${dataVersion}/${liveVersion}`}
            renderValue={selected.source === 'parcel' ? renderParcelValue : undefined}
            renderTop={(info, reload) =>
              selected.source === 'parcel' && openList ? (
                <ClassEntryCard
                  key={`${openList.id}/${selected.id}`}
                  list={openList}
                  parcelId={selected.id}
                  canEdit={can(user.role, 'classification.run')}
                  refreshKey={classVersion}
                  onChanged={onEntryChanged}
                />
              ) : selected.source === 'parcel' ? (
                <>
                  {canEditParcels && (
                    <div className="parcel-edit-entry">
                      <button type="button" className="secondary-button" onClick={() => editParcel(selected.id)} data-testid="parcel-edit">
                        编辑此图斑
                      </button>
                    </div>
                  )}
                  <ParcelHistory
                    key={`parcel-history-${selected.id}`}
                    parcelId={selected.id}
                    client={client}
                    canRestore={canEditParcels}
                    refreshKey={dataVersion}
                    onRestored={onReviewChanged}
                  />
                </>
              ) : (
                info.review && (
                <>
                  {selected.source === 'control-zone' && can(user.role, 'controlZone.edit') && (
                    <div className="zone-open-entry">
                      <button type="button" className="secondary-button" onClick={() => openZoneForm(selected.id)} data-testid="zone-open-form">
                        {isEditableInReview(info.review.status) ? '编辑此管控区域' : '查看管控区域表单'}
                      </button>
                    </div>
                  )}
                  {selected.source === 'control-zone' && <ZoneSummary key={`zone-summary-${selected.id}`} zoneId={selected.id} refreshKey={info.review.version} />}
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
              )
            }
          />
        )}
      </main>
      <StatusBar source={statusSource} />
    </div>
  )
}
