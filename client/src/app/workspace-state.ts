import type { AttributeLayer } from '@contracts/attribute-table'
import type { ClassList } from '@contracts/classification'
import type { BasemapChoice, FeatureRef, LayerGroup, MapFocus } from '../shared/api-types.ts'
import { layersOfSource, type DataLayer, type DataVersions } from '../shared/data-versions.ts'

const DATA_LAYERS: readonly DataLayer[] = [
  'parcels',
  'classLists',
  'plots',
  'zones',
  'enterprises',
  'points',
  'reviews',
]

/**
 * What a click on the map does: `browse` opens the feature under it; in every other mode a tool owns the click
 * (the parcel editor's tools, the control-zone editor drawing an outline or placing a sign, a new plot's outline,
 * a new monitoring point's place).
 */
export type InteractionMode =
  | { kind: 'browse' }
  | { kind: 'edit-parcels' }
  | { kind: 'edit-zone' }
  | { kind: 'draw-plot' }
  | { kind: 'place-point' }
  | { kind: 'select-parcels' }

/** The state of the staff map: what is open, what the map click does and the version of each kind of data. */
export interface WorkspaceState {
  tab: string
  selected: FeatureRef | null
  openPlotId: number | null
  openPointId: number | null
  openList: ClassList | null
  /** The review queue item open (`kind/id`). */
  activeRecord: string | null
  mode: InteractionMode
  versions: DataVersions
  groups: LayerGroup[]
  visibility: Record<string, boolean>
  basemap: BasemapChoice
  focus: MapFocus | null
  reportPin: [number, number] | null
  /** A request to open a zone's form in the zones tab (`n` counts requests, so the same zone opens again). */
  zoneRequest: { id: number; n: number } | null
  queueCount: number | undefined
  /** The attribute table (属性表) is open at the foot of the map. */
  isAttributeTableOpen: boolean
  /** The layer the attribute table shows. */
  attributeTableLayer: AttributeLayer
}

export const INITIAL_WORKSPACE: WorkspaceState = {
  tab: 'layers',
  selected: null,
  openPlotId: null,
  openPointId: null,
  openList: null,
  activeRecord: null,
  mode: { kind: 'browse' },
  versions: { parcels: 0, classLists: 0, plots: 0, zones: 0, enterprises: 0, points: 0, reviews: 0 },
  groups: [],
  visibility: {},
  basemap: { kind: 'none' },
  focus: null,
  reportPin: null,
  zoneRequest: null,
  queueCount: undefined,
  isAttributeTableOpen: false,
  attributeTableLayer: 'parcel',
}

/** The tab each tool mode belongs to: leaving the tab leaves the mode. */
const MODE_TABS: Record<Exclude<InteractionMode['kind'], 'browse'>, string> = {
  'edit-parcels': 'editing',
  'edit-zone': 'zones',
  'draw-plot': 'plots',
  'place-point': 'monitoring',
  'select-parcels': 'safe-use',
}

/** Shows another tab; a tool of the tab left is left too. */
export function selectTab(state: WorkspaceState, tab: string): WorkspaceState {
  const mode =
    state.mode.kind !== 'browse' && MODE_TABS[state.mode.kind] !== tab ? { kind: 'browse' as const } : state.mode
  return { ...state, tab, mode }
}

/** A tool takes the map click. */
export function enterMode(state: WorkspaceState, mode: InteractionMode): WorkspaceState {
  return state.mode.kind === mode.kind ? state : { ...state, mode }
}

/** A tool lets the map click go (only when it is the tool holding it). */
export function leaveMode(state: WorkspaceState, kind: InteractionMode['kind']): WorkspaceState {
  return state.mode.kind === kind ? { ...state, mode: { kind: 'browse' } } : state
}

/** Whether a click on the map opens the feature under it (no tool holds the click). */
export function isBrowsing(state: WorkspaceState): boolean {
  return state.mode.kind === 'browse'
}

/** Opens a feature in the info panel (null closes it); an open monitoring point closes. */
export function selectFeature(state: WorkspaceState, ref: FeatureRef | null): WorkspaceState {
  return { ...state, selected: ref, activeRecord: null, openPointId: ref ? null : state.openPointId }
}

/** Opens a plot's profile; the info panel and a point close. */
export function openPlot(state: WorkspaceState, id: number | null): WorkspaceState {
  return id === null ? { ...state, openPlotId: null } : { ...state, selected: null, openPointId: null, openPlotId: id }
}

/** Opens a monitoring point's panel; the info panel and a plot close. */
export function openPoint(state: WorkspaceState, id: number | null): WorkspaceState {
  return id === null ? { ...state, openPointId: null } : { ...state, selected: null, openPlotId: null, openPointId: id }
}

/** Opens an item of the review queue: its feature in the info panel (or none for a class list). */
export function openRecord(state: WorkspaceState, key: string, feature: FeatureRef | null): WorkspaceState {
  return { ...state, activeRecord: key, selected: feature ?? state.selected }
}

/** Opens a class list at the foot of the map (null closes it), or puts the list read again in its place. */
export function showClassList(state: WorkspaceState, list: ClassList | null): WorkspaceState {
  return { ...state, openList: list }
}

/** Starts drawing a new plot in the plots tab (the open plot closes). */
export function startNewPlot(state: WorkspaceState): WorkspaceState {
  return { ...state, openPlotId: null, tab: 'plots', mode: { kind: 'draw-plot' } }
}

/** Opens a zone's form in the zones tab. */
export function requestZoneForm(state: WorkspaceState, id: number): WorkspaceState {
  return { ...selectTab(state, 'zones'), zoneRequest: { id, n: (state.zoneRequest?.n ?? 0) + 1 } }
}

/** The data of the given kinds changed: what shows them reads again, nothing else. */
export function dataChanged(state: WorkspaceState, layers: readonly DataLayer[]): WorkspaceState {
  if (layers.length === 0) return state
  const versions: Record<DataLayer, number> = { ...state.versions }
  for (const layer of layers) versions[layer] += 1
  return { ...state, versions }
}

/** The layer groups of the style arrived: each shown as the style says. */
export function groupsLoaded(state: WorkspaceState, groups: LayerGroup[]): WorkspaceState {
  return { ...state, groups, visibility: Object.fromEntries(groups.map((g) => [g.id, g.visible])) }
}

/** The data kinds behind the map sources whose tiles changed; the review queue reads again with any of them. */
export function layersOfSources(sources: readonly string[]): DataLayer[] {
  const layers = new Set<DataLayer>(sources.flatMap(layersOfSource))
  if (sources.length > 0) layers.add('reviews')
  return DATA_LAYERS.filter((l) => layers.has(l))
}

/** Every change of the map state the staff map makes, each a named pure transition. */
export type WorkspaceAction =
  | { type: 'selectTab'; tab: string }
  | { type: 'enterMode'; mode: InteractionMode }
  | { type: 'leaveMode'; kind: InteractionMode['kind'] }
  | { type: 'selectFeature'; ref: FeatureRef | null }
  | { type: 'openPlot'; id: number | null }
  | { type: 'openPoint'; id: number | null }
  | { type: 'openRecord'; key: string; feature: FeatureRef | null }
  | { type: 'showClassList'; list: ClassList | null }
  | { type: 'startNewPlot' }
  | { type: 'requestZoneForm'; id: number }
  | { type: 'dataChanged'; layers: readonly DataLayer[] }
  | { type: 'groupsLoaded'; groups: LayerGroup[] }
  | { type: 'toggleGroup'; id: string; visible: boolean }
  | { type: 'setBasemap'; basemap: BasemapChoice }
  | { type: 'focus'; focus: MapFocus }
  | { type: 'pinReport'; at: [number, number] }
  | { type: 'queueCounted'; count: number | undefined }
  | { type: 'showAttributeTable'; isOpen: boolean; layer?: AttributeLayer }

/** The reducer of the staff map's store. */
export function workspaceReducer(state: WorkspaceState, action: WorkspaceAction): WorkspaceState {
  switch (action.type) {
    case 'selectTab':
      return selectTab(state, action.tab)
    case 'enterMode':
      return enterMode(state, action.mode)
    case 'leaveMode':
      return leaveMode(state, action.kind)
    case 'selectFeature':
      return selectFeature(state, action.ref)
    case 'openPlot':
      return openPlot(state, action.id)
    case 'openPoint':
      return openPoint(state, action.id)
    case 'openRecord':
      return openRecord(state, action.key, action.feature)
    case 'showClassList':
      return showClassList(state, action.list)
    case 'startNewPlot':
      return startNewPlot(state)
    case 'requestZoneForm':
      return requestZoneForm(state, action.id)
    case 'dataChanged':
      return dataChanged(state, action.layers)
    case 'groupsLoaded':
      return groupsLoaded(state, action.groups)
    case 'toggleGroup':
      return { ...state, visibility: { ...state.visibility, [action.id]: action.visible } }
    case 'setBasemap':
      return { ...state, basemap: action.basemap }
    case 'focus':
      return { ...state, focus: action.focus }
    case 'pinReport':
      return { ...state, reportPin: action.at }
    case 'queueCounted':
      return { ...state, queueCount: action.count }
    case 'showAttributeTable':
      return {
        ...state,
        isAttributeTableOpen: action.isOpen,
        attributeTableLayer: action.layer ?? state.attributeTableLayer,
      }
  }
}
