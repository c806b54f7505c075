import { useCallback, useMemo, type ComponentType } from 'react'
import { TABLE_LAYERS } from '../features/attribute-table/attribute-layer-switch'
import { BanZoneSection } from '../features/ban-zones/ban-zone-section'
import { BasemapControl } from '../features/basemap/basemap-control'
import { ClassificationPanel } from '../features/classification/classification-panel'
import { BasicFarmlandSection } from '../features/context-layers/basic-farmland-section'
import { EditPanel } from '../features/editing/edit-panel'
import type { useParcelEditor } from '../features/editing/use-parcel-editor'
import { EnterprisesPanel } from '../features/enterprises/enterprises-panel'
import { LayerPanel } from '../features/layers/layer-panel'
import { useLayerPrefs } from '../features/layers/use-layer-prefs'
import { MonitoringPanel } from '../features/monitoring/monitoring-panel'
import { NewPlotCard } from '../features/registry/new-plot-card'
import { PlotListPanel } from '../features/registry/plot-list-panel'
import { ReportQueue } from '../features/reports/report-queue'
import { ReviewQueue } from '../features/review/review-queue'
import { ApplyMeasurePanel } from '../features/safe-use-ledger/apply-measure-panel'
import { WaterSourceSection } from '../features/water-source/water-source-section'
import { ZonesPanel } from '../features/zones/zones-panel'
import type { MapClient } from '../map/map-client'
import type { SessionUser } from '../shared/api-types'
import { useDataChanged } from '../shared/data-versions'
import { can, type Capability } from '../../../server/src/domain/rights.ts'
import type { WorkspaceCommands } from './use-workspace-commands'
import type { InteractionMode, WorkspaceState } from './workspace-state'
import { useWorkspace } from './workspace-store'

/** What every tab panel is given by the staff map. */
export interface TabPanelProps {
  user: SessionUser
  client: MapClient | null
  editor: ReturnType<typeof useParcelEditor>
  commands: WorkspaceCommands
}

/** One tab of the staff map's side panel: shown to the roles holding `capability` (every staff role when null). */
export interface WorkspaceTab {
  id: string
  label: string
  capability: Capability | null
  Panel: ComponentType<TabPanelProps>
  /** A small count after the label. */
  badge?: (state: WorkspaceState) => number | undefined
}

/** A stable reporter for a panel's "my tool takes the map click" flag: enters or leaves `kind`. */
function useModeReporter(kind: Exclude<InteractionMode['kind'], 'browse'>): (isCapturing: boolean) => void {
  const { dispatch } = useWorkspace()
  return useCallback(
    (isCapturing: boolean) =>
      dispatch(isCapturing ? { type: 'enterMode', mode: { kind } } : { type: 'leaveMode', kind }),
    [dispatch, kind],
  )
}

function LayersTab({ user, client }: TabPanelProps) {
  const { state, dispatch } = useWorkspace()
  const tables = useMemo(
    () => ({
      groupIds: TABLE_LAYERS.map((l) => l.id),
      onOpen: (id: string) =>
        dispatch({ type: 'showAttributeTable', isOpen: true, layer: TABLE_LAYERS.find((l) => l.id === id)?.id }),
    }),
    [dispatch],
  )
  const layers = useLayerPrefs(user.id, client)
  const onToggle = useCallback(
    (id: string, visible: boolean) => dispatch({ type: 'toggleGroup', id, visible }),
    [dispatch],
  )
  return (
    <div className="side-tabs__stack">
      <LayerPanel
        groups={state.groups}
        visibility={state.visibility}
        onToggle={onToggle}
        order={layers.order}
        opacity={layers.opacity}
        onMove={layers.move}
        onOpacity={layers.changeOpacity}
        tables={tables}
      />
      <BasemapControl value={state.basemap} onChange={(basemap) => dispatch({ type: 'setBasemap', basemap })} />
    </div>
  )
}

function ClassificationTab({ user, client }: TabPanelProps) {
  const { state, dispatch } = useWorkspace()
  const onOpenList = useCallback(
    (list: NonNullable<WorkspaceState['openList']>) => dispatch({ type: 'showClassList', list }),
    [dispatch],
  )
  return (
    <ClassificationPanel
      counties={user.counties}
      canClassify={can(user.role, 'classification.run')}
      activeListId={state.openList?.id ?? null}
      onOpenList={onOpenList}
      countyExtras={(adcode) => (
        <>
          <BasicFarmlandSection
            adcode={adcode}
            onLocate={(bbox) => client?.fitBbox(bbox, { maxZoom: 17, animate: true })}
          />
          <BanZoneSection adcode={adcode} client={client} canPropose={can(user.role, 'classification.run')} />
        </>
      )}
    />
  )
}

function EditingTab({ user, client, editor }: TabPanelProps) {
  return <EditPanel editor={editor} client={client} counties={user.counties} />
}

function PlotsTab({ user, client, commands }: TabPanelProps) {
  const { state, dispatch } = useWorkspace()
  const dataChanged = useDataChanged()
  if (state.mode.kind === 'draw-plot') {
    return (
      <NewPlotCard
        client={client}
        counties={user.counties}
        onCancel={() => dispatch({ type: 'leaveMode', kind: 'draw-plot' })}
        onOpenProposals={
          can(user.role, 'enterprise.edit') ? () => dispatch({ type: 'selectTab', tab: 'enterprises' }) : undefined
        }
        onCreated={(id) => {
          dispatch({ type: 'leaveMode', kind: 'draw-plot' })
          dataChanged('plots', 'reviews')
          commands.openPlot(id, false)
        }}
      />
    )
  }
  return (
    <PlotListPanel
      counties={user.counties}
      activePlotId={state.openPlotId}
      canCreate={can(user.role, 'plot.edit')}
      onOpen={(plot) => commands.openPlot(plot.id, true)}
      onNew={() => dispatch({ type: 'startNewPlot' })}
    />
  )
}

function ZonesTab({ user, client, commands }: TabPanelProps) {
  const { state } = useWorkspace()
  const onCapturingClicks = useModeReporter('edit-zone')
  return (
    <>
      <ZonesPanel
        client={client}
        isActive={state.tab === 'zones'}
        counties={user.counties}
        canEdit={can(user.role, 'controlZone.edit')}
        onCapturingClicks={onCapturingClicks}
        onShowOnMap={commands.showRecord}
        openRequest={state.zoneRequest}
      />
      {user.counties.map((c) => (
        <WaterSourceSection
          key={c.adcode}
          adcode={c.adcode}
          countyName={c.name}
          canEdit={can(user.role, 'waterSource.edit')}
          onLocate={(bbox) => commands.locate(bbox)}
        />
      ))}
    </>
  )
}

function EnterprisesTab({ user, commands }: TabPanelProps) {
  return (
    <EnterprisesPanel
      counties={user.counties}
      canEdit={can(user.role, 'enterprise.edit')}
      onShowOnMap={commands.showRecord}
      onLocate={(bbox) => commands.locate(bbox)}
    />
  )
}

function MonitoringTab({ user, client, commands }: TabPanelProps) {
  const { state } = useWorkspace()
  const onCapturingClicks = useModeReporter('place-point')
  return (
    <MonitoringPanel
      counties={user.counties}
      client={client}
      isActive={state.tab === 'monitoring'}
      canCreate={can(user.role, 'monitoring.edit')}
      canImport={can(user.role, 'monitoring.import')}
      activePointId={state.openPointId}
      onOpen={(id) => commands.openPoint(id, true)}
      onCapturingClicks={onCapturingClicks}
      onCreated={(id) => commands.openPoint(id, false)}
    />
  )
}

function SafeUseTab({ user, client }: TabPanelProps) {
  const { state } = useWorkspace()
  const onCapturingClicks = useModeReporter('select-parcels')
  return (
    <ApplyMeasurePanel
      client={client}
      counties={user.counties}
      isActive={state.tab === 'safe-use'}
      onCapturingClicks={onCapturingClicks}
    />
  )
}

function ReviewsTab({ commands }: TabPanelProps) {
  const { state, dispatch } = useWorkspace()
  const onCount = useCallback((count: number | undefined) => dispatch({ type: 'queueCounted', count }), [dispatch])
  return <ReviewQueue activeKey={state.activeRecord} onOpen={commands.openRecord} onCount={onCount} />
}

function ReportsTab({ user, client, commands }: TabPanelProps) {
  const { state } = useWorkspace()
  return (
    <ReportQueue
      client={client}
      isActive={state.tab === 'reports'}
      onLocate={commands.locateReport}
      onOpenPlot={(id) => commands.openPlot(id, true)}
      canMakePlot={can(user.role, 'plot.edit')}
      canInspect={can(user.role, 'enterprise.edit')}
    />
  )
}

/** The tabs of the staff map's side panel, in order. */
export const WORKSPACE_TABS: readonly WorkspaceTab[] = [
  { id: 'layers', label: '图层', capability: null, Panel: LayersTab },
  { id: 'classification', label: '分类划定', capability: 'classification.view', Panel: ClassificationTab },
  { id: 'editing', label: '图斑编辑', capability: 'parcel.edit', Panel: EditingTab },
  { id: 'plots', label: '污染地块', capability: 'plot.view', Panel: PlotsTab },
  { id: 'zones', label: '管控区域', capability: 'controlZone.edit', Panel: ZonesTab },
  { id: 'enterprises', label: '重点监管单位', capability: 'enterprise.edit', Panel: EnterprisesTab },
  { id: 'monitoring', label: '监测点位', capability: null, Panel: MonitoringTab },
  { id: 'safe-use', label: '安全利用', capability: 'safeUse.edit', Panel: SafeUseTab },
  {
    id: 'reviews',
    label: '待办审核',
    capability: 'review.queue',
    Panel: ReviewsTab,
    badge: (state) => state.queueCount,
  },
  { id: 'reports', label: '举报处理', capability: 'report.handle', Panel: ReportsTab },
]
