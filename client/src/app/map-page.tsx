import { useCallback, useEffect, useState, type ReactNode } from 'react'
import { ClassEntryCard } from '../features/classification/class-entry-card'
import { ClassListDrawer } from '../features/classification/class-list-drawer'
import { EditToolbar } from '../features/editing/edit-toolbar'
import { ParcelHistory } from '../features/editing/parcel-history'
import { useParcelEditor } from '../features/editing/use-parcel-editor'
import { ZoneSummary } from '../features/zones/zone-summary'
import { InfoPanel } from '../features/info/info-panel'
import { LocateButton } from '../features/locate/locate-button'
import { PointPanel } from '../features/monitoring/point-panel'
import { PlotProfile } from '../features/registry/plot-profile'
import { RecordDocuments } from '../features/documents/record-documents'
import { RedevelopmentSection } from '../features/documents/redevelopment-section'
import { ReviewBlock } from '../features/review/review-block'
import { ReviewHistory } from '../features/review/review-history'
import { AttributeTablePanel } from '../features/attribute-table/attribute-table-panel'
import { AttributeTableToggle } from '../features/attribute-table/attribute-table-toggle'
import { MeasureTool } from '../features/measure/measure-tool'
import { useMeasure } from '../features/measure/use-measure'
import { PrintTool } from '../features/print/print-tool'
import { SearchBox } from '../features/search/search-box'
import { StatusBar } from '../features/status/status-bar'
import type { MapClient } from '../map/map-client'
import { MapView } from '../map/map-view'
import { classOfName } from '../shared/farmland-class'
import { ClassLabel } from '../shared/ui/class-label'
import type { FeatureInfo, FeatureRef, LayerGroup, MapFocus, SessionUser, ViewStatusSource } from '../shared/api-types'
import type { AttributeLayer } from '@contracts/attribute-table'
import type { LayerRow } from '../features/attribute-table/attribute-table-rows'
import { can } from '../../../server/src/domain/rights.ts'
import { isEditableInReview } from '../../../server/src/domain/review-workflow.ts'
import { ClassListReview } from './class-list-review'
import { PlotReview } from './plot-review'
import { SideTabs, type SideTab } from './side-tabs'
import { StaffHeader } from './staff-header'
import { PROFILE_PADDING, useWorkspaceCommands } from './use-workspace-commands'
import { mapViewOf } from './url-state'
import { useInitialUrlState, useUrlState } from './use-url-state'
import { isBrowsing, layersOfSources } from './workspace-state'
import { WorkspaceProvider, useWorkspace } from './workspace-store'
import { WORKSPACE_TABS } from './workspace-tabs'

/** A parcel's published class (the field 类别) with its map colour; other fields stay text. */
function renderParcelValue(field: FeatureInfo['fields'][number]): ReactNode | undefined {
  const cls = field.label === '类别' ? classOfName(field.value) : null
  return cls ? <ClassLabel value={cls} /> : undefined
}

const ignoreFeatureClick = () => undefined

/** Closest zoom when a row of the attribute table flies to its parcel (parcels are drawn from zoom 13). */
const PARCEL_ROW_MAX_ZOOM = 17

/** Width kept free on the right for a plot's profile or a point's panel (at most 520 px wide). */
const PROFILE_WIDTH = 520

/** Closest zoom when a row of the 监测点位 table flies to its point. */
const POINT_ROW_MAX_ZOOM = 16

/** The id of the feature of `source` selected on the map, if one is. */
const selectedIdOf = (selected: FeatureRef | null, source: string) => (selected?.source === source ? selected.id : null)

/** Room kept free for the info panel (right) and the attribute table (bottom) when flying to a row's parcel. */
function tablePadding(rightPanelWidth = 340): MapFocus['padding'] {
  const table = document.querySelector('[data-testid=attribute-table]')?.getBoundingClientRect().height ?? 0
  return window.innerWidth <= 760
    ? { top: 40, left: 20, right: 20, bottom: table + 20 }
    : { top: 40, left: 40, right: rightPanelWidth + 60, bottom: table + 60 }
}

/** Props of {@link MapPage}. */
export interface MapPageProps {
  user: SessionUser
  onSignOut: () => void
}

/**
 * The internal map: header with search, side panel tabs by capability (图层, 分类划定, 图斑编辑, 污染地块, 管控区域,
 * 重点监管单位, 监测点位, 待办审核, 举报处理), map, info panel or plot profile, the open class list at the foot of the
 * map, and the status line. The state lives in one store ({@link WorkspaceProvider}).
 */
export function MapPage(props: MapPageProps) {
  return (
    <WorkspaceProvider>
      <Workspace {...props} />
    </WorkspaceProvider>
  )
}

function Workspace({ user, onSignOut }: MapPageProps) {
  const { state, dispatch } = useWorkspace()
  const commands = useWorkspaceCommands(user.role)
  const [client, setClient] = useState<MapClient | null>(null)
  const fromUrl = useInitialUrlState()
  const [statusSource, setStatusSource] = useState<ViewStatusSource | null>(null)
  const [isPanelOpen, setPanelOpen] = useState(false)
  const { tab, selected, openPlotId, openPointId, openList } = state
  const canEditParcels = can(user.role, 'parcel.edit')
  const { select, locate } = commands
  const editor = useParcelEditor({ client, isEnabled: canEditParcels, isActive: tab === 'editing' })
  const isEditorShown = canEditParcels && tab === 'editing'
  const isEditorCapturing = editor.isCapturingClicks
  const measure = useMeasure(client)
  const isTableOpen = state.isAttributeTableOpen
  const setTableOpen = (isOpen: boolean) => dispatch({ type: 'showAttributeTable', isOpen })
  const tableLayer = state.attributeTableLayer
  const showTableLayer = (layer: AttributeLayer) => dispatch({ type: 'showAttributeTable', isOpen: true, layer })
  useEffect(() => {
    dispatch(
      isEditorCapturing
        ? { type: 'enterMode', mode: { kind: 'edit-parcels' } }
        : { type: 'leaveMode', kind: 'edit-parcels' },
    )
  }, [dispatch, isEditorCapturing])
  useEffect(() => {
    if (selected || openPlotId !== null || openPointId !== null) setPanelOpen(false)
  }, [selected, openPlotId, openPointId])
  const onGroups = useCallback((groups: LayerGroup[]) => dispatch({ type: 'groupsLoaded', groups }), [dispatch])
  const onTilesChanged = useCallback(
    (sources: string[]) => dispatch({ type: 'dataChanged', layers: layersOfSources(sources) }),
    [dispatch],
  )
  const editParcel = (id: number) => {
    dispatch({ type: 'selectTab', tab: 'editing' })
    editor.requestOpen(id)
  }
  const openTableRow = (layer: AttributeLayer, row: LayerRow) => {
    commands.openFeature({ source: layer, id: row.id })
    locate(
      row.bbox,
      layer === 'monitoring-point' ? POINT_ROW_MAX_ZOOM : PARCEL_ROW_MAX_ZOOM,
      tablePadding(layer === 'parcel' ? undefined : PROFILE_WIDTH),
    )
  }
  const highlight: FeatureRef | null =
    openPlotId !== null
      ? { source: 'contaminated-plot', id: openPlotId }
      : openPointId !== null
        ? { source: 'monitoring-point', id: openPointId }
        : selected
  const tabs: SideTab[] = WORKSPACE_TABS.filter((t) => t.capability === null || can(user.role, t.capability)).map(
    ({ id, label, Panel, badge }) => ({
      id,
      label,
      badge: badge?.(state),
      content: <Panel user={user} client={client} editor={editor} commands={commands} />,
    }),
  )
  const tabIds = tabs.map((t) => t.id)
  useUrlState(client, fromUrl, tabIds, commands)

  return (
    <div className="app">
      <StaffHeader
        user={user}
        page="map"
        onSignOut={onSignOut}
        panels={tabs}
        onOpenPanel={(id) => {
          dispatch({ type: 'selectTab', tab: id })
          setPanelOpen(true)
        }}
      >
        <SearchBox onSelect={commands.openSearchResult} />
      </StaffHeader>
      <nav
        className={`side-panel${isPanelOpen ? ' side-panel--open' : ''}`}
        aria-label="工作面板"
        data-testid="side-panel"
      >
        <div className="side-panel__sheet-bar">
          <span>{tabs.find((t) => t.id === tab)?.label ?? '工作面板'}</span>
          <button
            type="button"
            className="side-panel__close"
            aria-label="收起面板"
            onClick={() => setPanelOpen(false)}
            data-testid="side-panel-close"
          >
            ×
          </button>
        </div>
        <SideTabs tabs={tabs} active={tab} onSelect={(id) => dispatch({ type: 'selectTab', tab: id })} />
      </nav>
      <main
        className={`map-area${selected ? ' map-area--with-info' : ''}${openList ? ' map-area--with-drawer' : ''}${
          openPlotId !== null || openPointId !== null ? ' map-area--with-profile' : ''
        }`}
      >
        <MapView
          initialView={mapViewOf(fromUrl)}
          visibility={state.visibility}
          basemap={state.basemap}
          focus={state.focus}
          highlight={highlight}
          onTilesChanged={onTilesChanged}
          marker={tab === 'reports' ? state.reportPin : null}
          onGroups={onGroups}
          onFeatureClick={isBrowsing(state) && !measure.state.kind ? commands.openFeature : ignoreFeatureClick}
          onStatusSource={setStatusSource}
          onClient={setClient}
        />
        {isEditorShown && <EditToolbar editor={editor} />}
        <MeasureTool measure={measure} isEnabled={isBrowsing(state)} />
        <PrintTool
          client={client}
          user={user}
          groups={state.groups}
          visibility={state.visibility}
          isEnabled={isBrowsing(state) && !measure.state.kind}
        />
        {/* the editing toolbar takes the map's top-left corner; the table stays reachable from the layer panel */}
        {!isEditorShown && <AttributeTableToggle isOpen={isTableOpen} onToggle={() => setTableOpen(!isTableOpen)} />}
        {isTableOpen && (
          <AttributeTablePanel
            key={tableLayer}
            layer={tableLayer}
            client={client}
            activeId={
              tableLayer === 'monitoring-point'
                ? openPointId
                : ((tableLayer === 'contaminated-plot' ? openPlotId : null) ?? selectedIdOf(selected, tableLayer))
            }
            onSelectRow={(row) => openTableRow(tableLayer, row)}
            onLayer={showTableLayer}
            onClose={() => setTableOpen(false)}
          />
        )}
        <LocateButton client={client} />
        {openPlotId !== null && (
          <PlotProfile
            plotId={openPlotId}
            canEdit={can(user.role, 'plot.edit')}
            onClose={() => dispatch({ type: 'openPlot', id: null })}
            onLocate={(bbox) => locate(bbox, undefined, PROFILE_PADDING)}
            renderReview={(plot) => <PlotReview plotId={plot.id} title={`${plot.code} ${plot.name}`} />}
            renderDocuments={(plot, canEditPlot) => (
              <RecordDocuments owner="plot" ownerId={plot.id} canEdit={canEditPlot} version={plot.version} />
            )}
            renderRedevelopment={(plot, canEditPlot) => <RedevelopmentSection plotId={plot.id} canEdit={canEditPlot} />}
          />
        )}
        {openPointId !== null && (
          <PointPanel pointId={openPointId} onClose={() => dispatch({ type: 'openPoint', id: null })} />
        )}
        {openList && (
          <ClassListDrawer
            key={openList.id}
            list={openList}
            activeParcelId={selected?.source === 'parcel' ? selected.id : null}
            onSelectParcel={commands.openListParcel}
            onClose={() => dispatch({ type: 'showClassList', list: null })}
            review={
              <ClassListReview
                review={openList.review}
                title={openList.title}
                priorityFallExplanation={openList.priorityFallExplanation}
                onStale={() => void commands.reloadOpenList()}
              />
            }
          />
        )}
        {selected && (
          <InfoPanel
            feature={selected}
            onClose={() => select(null)}
            onLocate={locate}
            renderValue={selected.source === 'parcel' ? renderParcelValue : undefined}
            renderTop={(info, reload) =>
              selected.source === 'parcel' && openList ? (
                <ClassEntryCard
                  key={`${openList.id}/${selected.id}`}
                  list={openList}
                  parcelId={selected.id}
                  canEdit={can(user.role, 'classification.run')}
                />
              ) : selected.source === 'parcel' ? (
                <>
                  {canEditParcels && (
                    <div className="parcel-edit-entry">
                      <button
                        type="button"
                        className="secondary-button"
                        onClick={() => editParcel(selected.id)}
                        data-testid="parcel-edit"
                      >
                        编辑此图斑
                      </button>
                    </div>
                  )}
                  <ParcelHistory
                    key={`parcel-history-${selected.id}`}
                    parcelId={selected.id}
                    client={client}
                    canRestore={canEditParcels}
                  />
                </>
              ) : selected.source === 'enterprise' && can(user.role, 'document.read') ? (
                <RecordDocuments
                  key={`enterprise-documents-${selected.id}`}
                  owner="enterprise"
                  ownerId={selected.id}
                  canEdit={can(user.role, 'enterprise.edit')}
                  title="企业档案文件"
                />
              ) : (
                info.review && (
                  <>
                    {selected.source === 'control-zone' && can(user.role, 'controlZone.edit') && (
                      <div className="zone-open-entry">
                        <button
                          type="button"
                          className="secondary-button"
                          onClick={() => dispatch({ type: 'requestZoneForm', id: selected.id })}
                          data-testid="zone-open-form"
                        >
                          {isEditableInReview(info.review.status) ? '编辑此管控区域' : '查看管控区域表单'}
                        </button>
                      </div>
                    )}
                    {selected.source === 'control-zone' && (
                      <ZoneSummary key={`zone-summary-${selected.id}`} zoneId={selected.id} />
                    )}
                    {selected.source === 'control-zone' && can(user.role, 'document.read') && (
                      <RecordDocuments
                        key={`zone-documents-${selected.id}`}
                        owner="control_zone"
                        ownerId={selected.id}
                        canEdit={can(user.role, 'controlZone.edit')}
                        title="公告扫描件与文件"
                      />
                    )}
                    <ReviewBlock
                      key={`${info.review.kind}/${info.review.id}`}
                      review={info.review}
                      recordTitle={info.title}
                      onStale={reload}
                    />
                    <ReviewHistory
                      key={`history-${info.review.kind}/${info.review.id}`}
                      kind={info.review.kind}
                      id={info.review.id}
                    />
                  </>
                )
              )
            }
          />
        )}
      </main>
      <StatusBar source={statusSource} measure={measure.readout} />
    </div>
  )
}
