import type { StyleSpecification } from 'maplibre-gl'
import type { LayerGroup, LegendItem } from '@contracts/map'

/** Style layer ids by group, and the ids and source layers of the clickable layers. */
export interface StyleIndex {
  groups: LayerGroup[]
  layersByGroup: Map<string, string[]>
  clickableLayers: string[]
  sourceLayers: Map<string, string>
  firstDataLayer: string | undefined
  /** The groups as drawn, top first: by the lowest non-label layer of each (labels always lie on top). */
  drawOrder: string[]
  /** The style's own opacity paint values of each group layer (see {@link OPACITY_PROPERTIES}). */
  opacityPaint: Map<string, Record<string, unknown>>
  /** The kind of each group layer: areas lie under lines, lines under points, points under labels. */
  tiers: Map<string, LayerTier>
}

/** How a layer draws, for ordering: a group moves among the layers of the same kind only. */
export type LayerTier = 'area' | 'line' | 'point' | 'label'

const TIERS: Record<string, LayerTier> = {
  fill: 'area',
  raster: 'area',
  'fill-extrusion': 'area',
  heatmap: 'area',
  hillshade: 'area',
  line: 'line',
  circle: 'point',
  symbol: 'label',
}

/** The paint properties a group's opacity scales, by layer type. */
const OPACITY_PROPERTIES: Record<string, string[]> = {
  fill: ['fill-opacity'],
  line: ['line-opacity'],
  raster: ['raster-opacity'],
  circle: ['circle-opacity', 'circle-stroke-opacity'],
  symbol: ['text-opacity', 'icon-opacity'],
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
  const lowest = new Map<string, number>()
  const opacityPaint = new Map<string, Record<string, unknown>>()
  const tiers = new Map<string, LayerTier>()
  for (const [position, layer] of style.layers.entries()) {
    if (layer.type !== 'background' && firstDataLayer === undefined) firstDataLayer = layer.id
    if ('source-layer' in layer && typeof layer.source === 'string' && layer['source-layer']) {
      sourceLayers.set(layer.source, layer['source-layer'])
    }
    const metadata = layer.metadata as Metadata
    const group = metadata?.['soil:group']
    if (typeof group === 'string') {
      if (!layersByGroup.has(group)) layersByGroup.set(group, [])
      layersByGroup.get(group)!.push(layer.id)
      const tier = TIERS[layer.type] ?? 'area'
      tiers.set(layer.id, tier)
      if (tier !== 'label' && !lowest.has(group)) lowest.set(group, position)
      const paint = ('paint' in layer ? layer.paint : undefined) as Record<string, unknown> | undefined
      opacityPaint.set(layer.id, Object.fromEntries((OPACITY_PROPERTIES[layer.type] ?? []).map((p) => [p, paint?.[p]])))
    }
    if (metadata?.['soil:clickable'] === true) clickableLayers.push(layer.id)
  }
  const drawOrder = groups.map((g) => g.id).sort((a, b) => (lowest.get(b) ?? -1) - (lowest.get(a) ?? -1))
  return { groups, layersByGroup, clickableLayers, sourceLayers, firstDataLayer, drawOrder, opacityPaint, tiers }
}

/**
 * A paint value scaled by `factor` (0–1): a number times the factor, a zoom curve with each stop scaled, any other
 * expression multiplied, and an unset value (1) the factor itself.
 */
export function scaleOpacity(value: unknown, factor: number): unknown {
  if (value === undefined || value === null) return factor
  if (typeof value === 'number') return value * factor
  if (!Array.isArray(value)) return value
  const scale = (v: unknown) => (typeof v === 'number' ? v * factor : ['*', factor, v])
  if (value[0] === 'interpolate' || value[0] === 'interpolate-hcl' || value[0] === 'interpolate-lab') {
    return value.map((v, i) => (i >= 4 && i % 2 === 0 ? scale(v) : v))
  }
  if (value[0] === 'step') return value.map((v, i) => (i >= 2 && i % 2 === 0 ? scale(v) : v))
  return ['*', factor, value]
}

/** The opacity paint values of every layer of the groups in `opacity` (0–1 by group id). */
export function groupOpacityPaint(index: StyleIndex, opacity: Record<string, number>): [string, string, unknown][] {
  const values: [string, string, unknown][] = []
  for (const [group, factor] of Object.entries(opacity)) {
    for (const layerId of index.layersByGroup.get(group) ?? []) {
      for (const [property, base] of Object.entries(index.opacityPaint.get(layerId) ?? {})) {
        values.push([layerId, property, factor >= 1 ? base : scaleOpacity(base, factor)])
      }
    }
  }
  return values
}

/**
 * The layer ids of `current` (the map's order, bottom first) with the group layers drawn in `order` (group ids, top
 * first): each kind of layer keeps the places it holds (areas stay under lines, lines under points), and within a
 * kind the layers of a group higher in `order` come above. Names stay on top in the style's own order (a county's
 * name is placed before the townships'); layers of no group stay where they are. Groups missing from `order` keep
 * their drawn rank below those named.
 */
export function orderLayers(current: readonly string[], index: StyleIndex, order: readonly string[]): string[] {
  const groupOf = new Map<string, string>()
  for (const [group, ids] of index.layersByGroup) for (const id of ids) groupOf.set(id, group)
  const ranked = [...order, ...index.drawOrder.filter((g) => !order.includes(g))]
  const rank = (id: string) => ranked.length - ranked.indexOf(groupOf.get(id)!)
  const result = [...current]
  for (const tier of ['area', 'line', 'point'] as const) {
    const places = current.flatMap((id, i) => (index.tiers.get(id) === tier && groupOf.has(id) ? [i] : []))
    const layers = places.map((i) => current[i]).sort((a, b) => rank(a) - rank(b))
    places.forEach((place, k) => (result[place] = layers[k]))
  }
  return result
}
