import type { StyleSpecification } from 'maplibre-gl'
import type { LayerGroup, LegendItem } from '@contracts/map'

/** Style layer ids by group, and the ids and source layers of the clickable layers. */
export interface StyleIndex {
  groups: LayerGroup[]
  layersByGroup: Map<string, string[]>
  clickableLayers: string[]
  sourceLayers: Map<string, string>
  firstDataLayer: string | undefined
}

type Metadata = Record<string, unknown> | undefined

const LEGEND_KINDS = new Set(['fill', 'line', 'circle', 'hatch'])

function toLegend(value: unknown): LegendItem[] {
  if (!Array.isArray(value)) return []
  return value.filter(
    (item): item is LegendItem =>
      typeof item?.label === 'string' && typeof item?.color === 'string' && LEGEND_KINDS.has(item?.kind),
  )
}

function toGroups(value: unknown): LayerGroup[] {
  if (!Array.isArray(value)) return []
  return value
    .filter((g) => typeof g?.id === 'string' && typeof g?.name === 'string')
    .map((g) => ({ id: g.id, name: g.name, visible: g.visible !== false, legend: toLegend(g.legend) }))
}

/** Reads the layer groups (`metadata["soil:groups"]`) and the layer metadata of a style. */
export function indexStyle(style: StyleSpecification): StyleIndex {
  const groups = toGroups((style.metadata as Metadata)?.['soil:groups'])
  const layersByGroup = new Map<string, string[]>(groups.map((g) => [g.id, []]))
  const clickableLayers: string[] = []
  const sourceLayers = new Map<string, string>()
  let firstDataLayer: string | undefined
  for (const layer of style.layers) {
    if (layer.type !== 'background' && firstDataLayer === undefined) firstDataLayer = layer.id
    if ('source-layer' in layer && typeof layer.source === 'string' && layer['source-layer']) {
      sourceLayers.set(layer.source, layer['source-layer'])
    }
    const metadata = layer.metadata as Metadata
    const group = metadata?.['soil:group']
    if (typeof group === 'string') {
      if (!layersByGroup.has(group)) layersByGroup.set(group, [])
      layersByGroup.get(group)!.push(layer.id)
    }
    if (metadata?.['soil:clickable'] === true) clickableLayers.push(layer.id)
  }
  return { groups, layersByGroup, clickableLayers, sourceLayers, firstDataLayer }
}
