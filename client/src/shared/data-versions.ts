import { createContext, useContext } from 'react'

/** The kinds of data the staff map's panels show; each has its own version, bumped when that data changed. */
export type DataLayer = 'parcels' | 'classLists' | 'plots' | 'zones' | 'enterprises' | 'points' | 'reviews'

/** The version of each kind of data: a panel loads again when a version of the data it shows moves. */
export type DataVersions = Readonly<Record<DataLayer, number>>

/** The data versions of the staff map's store and the command that moves them. */
export interface DataVersionsStore {
  versions: DataVersions
  /** The data of these kinds changed (a save): what shows them reads again, nothing else. */
  dataChanged: (...layers: DataLayer[]) => void
}

const SOURCE_LAYERS: Record<string, readonly DataLayer[]> = {
  parcel: ['parcels', 'classLists'],
  'contaminated-plot': ['plots'],
  'contaminated-plot-point': ['plots'],
  'control-zone': ['zones'],
  // a 禁止生产区域 is read with the classes it was built from
  'ban-zone': ['classLists'],
  enterprise: ['enterprises'],
  'enterprise-point': ['enterprises'],
  'monitoring-point': ['points'],
}

/** The data kinds a map source draws (another user's change to those tiles changes those panels). */
export function layersOfSource(source: string): readonly DataLayer[] {
  return SOURCE_LAYERS[source] ?? []
}

/** The data kind a feature of a map source belongs to, or null (counties, townships). */
export function layerOfSource(source: string): DataLayer | null {
  return SOURCE_LAYERS[source]?.[0] ?? null
}

/** Given by the staff map's store (WorkspaceProvider) to the panels under it. */
export const DataVersionsContext = createContext<DataVersionsStore | null>(null)

/** One number that moves when the version of any of `layers` moves (versions only grow). */
export function layerVersion(versions: DataVersions, layers: readonly DataLayer[]): number {
  return layers.reduce((sum, layer) => sum + versions[layer], 0)
}

function useDataVersions(): DataVersionsStore {
  const store = useContext(DataVersionsContext)
  if (!store) throw new Error('data versions are read outside WorkspaceProvider')
  return store
}

/** The version of the data a panel shows (e.g. `useLayerVersion('zones', 'plots')`): a new value means load again. */
export function useLayerVersion(...layers: DataLayer[]): number {
  return layerVersion(useDataVersions().versions, layers)
}

/** The command a save calls with the kinds of data it changed (e.g. `dataChanged('parcels', 'classLists')`). */
export function useDataChanged(): DataVersionsStore['dataChanged'] {
  return useDataVersions().dataChanged
}
