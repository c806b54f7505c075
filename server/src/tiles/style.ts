import { FALLBACK_LAND_CLASS, LAND_CLASSES } from '../domain/land-class.ts'
import { PUBLIC_LISTS } from '../domain/public-fields.ts'
import { TILE_LAYERS, type TileLayer } from './layers.ts'
import type { LayerGroup } from '../../../contracts/map.ts'
import {
  BASIC_FARMLAND_COLOR,
  CLASS_COLORS,
  COUNTY_LINE,
  ENTERPRISE_CLOSED_COLOR,
  ENTERPRISE_COLOR,
  LAYER_GROUPS,
  LEVEL_COLORS,
  PLOT_STATUS_GROUPS,
  PRIORITY_AREA_COLOR,
  TOWNSHIP_GROUP,
  TYPE_STROKES,
  WATER_SOURCE_COLORS,
  WATER_SOURCE_LEGEND,
  ZONE_COLOR,
  ZONE_LEGEND,
  BAN_ZONE_COLOR,
  BAN_ZONE_LEGEND,
} from './layer-groups.ts'

/** Highest zoom at which tiles are fetched; the map overzooms them beyond. */
const SOURCE_MAX_ZOOM = 16

const classColor = ['match', ['get', 'class'], ...Object.entries(CLASS_COLORS).flat(), CLASS_COLORS.unclassified]
const plotColor = [
  'match',
  ['get', 'status'],
  ...PLOT_STATUS_GROUPS.flatMap((g) => [[...g.statuses], g.color]),
  '#fdae61',
]
const enterpriseColor = ['match', ['get', 'status'], 'operating', ENTERPRISE_COLOR, ENTERPRISE_CLOSED_COLOR]
const landClassColor = [
  'match',
  ['get', 'class'],
  ...LAND_CLASSES.flatMap((c) => [c.key, c.color]),
  LAND_CLASSES.find((c) => c.key === FALLBACK_LAND_CLASS)!.color,
]
const labelPaint = { 'text-color': '#263238', 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 }

function layer(id: string, group: string, source: string, spec: Record<string, unknown>, clickable = false) {
  return {
    id,
    source,
    'source-layer': source,
    ...spec,
    metadata: { 'soil:group': group, ...(clickable ? { 'soil:clickable': true } : {}) },
  }
}

/** One vector source per tile layer, with its tile URL on `baseUrl` and the layer's data version. */
function vectorSources(
  layers: readonly TileLayer[],
  baseUrl: string,
  versionOf: (layer: string) => number,
  bounds?: [number, number, number, number],
) {
  return Object.fromEntries(
    layers.map((l) => [
      l.name,
      {
        type: 'vector',
        tiles: [`${baseUrl}/tiles/${l.name}/{z}/{x}/{y}.pbf?v=${versionOf(l.name)}`],
        minzoom: l.minzoom,
        maxzoom: Math.min(l.maxzoom, SOURCE_MAX_ZOOM),
        ...(bounds ? { bounds } : {}),
      },
    ]),
  )
}

/** The tile layers of the staff map (every layer but the published copies). */
export const STAFF_MAP_LAYERS = TILE_LAYERS.filter((l) => !l.name.startsWith('public-'))
/** The tile layers of the public map: those open to anyone. */
export const PUBLIC_MAP_LAYERS = TILE_LAYERS.filter((l) => l.access === 'public')
/** Where each map reads the current versions of its layers (a style's `metadata["soil:versions"]`). */
export const STAFF_VERSIONS_PATH = '/api/map/versions'
export const PUBLIC_VERSIONS_PATH = '/api/public/map/versions'

const BACKGROUND = { id: 'background', type: 'background', paint: { 'background-color': '#f4f1ea' } }

const townshipLine = () =>
  layer('township-line', 'township', 'township', {
    type: 'line',
    paint: { 'line-color': '#78909c', 'line-width': 1, 'line-dasharray': [3, 2] },
  })
const countyLine = () =>
  layer('county-line', 'county', 'county', {
    type: 'line',
    paint: { 'line-color': '#37474f', 'line-width': ['interpolate', ['linear'], ['zoom'], 6, 1, 12, 2.5] },
  })

/** Names never overprint one another: a label that would touch another (with this margin in pixels) is left out. */
const noCollision = { 'text-allow-overlap': false, 'text-ignore-placement': false, 'text-padding': 6 } as const

/**
 * Township and county names, drawn on top of everything. The county's layer lies above the townships', so MapLibre
 * places it first: a township name that would collide with it moves to another side of its point, else is left out.
 */
function labelLayers() {
  return [
    layer('township-label', 'township', 'township-label', {
      type: 'symbol',
      minzoom: 9,
      layout: {
        'text-field': ['get', 'name'],
        'text-size': 12,
        'text-font': ['Noto Sans CJK SC Regular'],
        'text-variable-anchor': ['center', 'top', 'bottom', 'left', 'right'],
        'text-radial-offset': 0.8,
        ...noCollision,
      },
      paint: labelPaint,
    }),
    layer('county-label', 'county', 'county-label', {
      type: 'symbol',
      layout: {
        'text-field': ['get', 'name'],
        'text-size': ['interpolate', ['linear'], ['zoom'], 6, 12, 10, 16],
        'text-font': ['Noto Sans CJK SC Bold'],
        ...noCollision,
        'text-padding': 10,
      },
      paint: { ...labelPaint, 'text-color': '#1a237e', 'text-halo-width': 2 },
    }),
  ]
}

/** The hatched outline of control zones from `source`. */
function zoneLayers(idPrefix: string, group: string, source: string) {
  return [
    layer(`${idPrefix}-fill`, group, source, { type: 'fill', paint: { 'fill-pattern': 'hatch-control-zone' } }, true),
    layer(`${idPrefix}-line`, group, source, { type: 'line', paint: { 'line-color': ZONE_COLOR, 'line-width': 2 } }),
  ]
}

/** A 特定农产品禁止生产区域: a light veil of its colour and a dashed edge. */
function banZoneLayers(idPrefix: string, group: string, source: string) {
  return [
    layer(
      `${idPrefix}-fill`,
      group,
      source,
      { type: 'fill', paint: { 'fill-color': BAN_ZONE_COLOR, 'fill-opacity': 0.15 } },
      true,
    ),
    layer(`${idPrefix}-line`, group, source, {
      type: 'line',
      paint: { 'line-color': BAN_ZONE_COLOR, 'line-width': 2, 'line-dasharray': [2, 1] },
    }),
  ]
}

/** 饮用水水源保护区 from `source`: a veil by level (一级 darkest) and its edge; clickable on the staff map only. */
function waterSourceLayers(idPrefix: string, group: string, source: string, clickable = true) {
  const color = ['match', ['get', 'level'], ...Object.entries(WATER_SOURCE_COLORS).flat(), WATER_SOURCE_COLORS.quasi]
  return [
    layer(
      `${idPrefix}-fill`,
      group,
      source,
      { type: 'fill', paint: { 'fill-color': color, 'fill-opacity': 0.3 } },
      clickable,
    ),
    layer(`${idPrefix}-line`, group, source, { type: 'line', paint: { 'line-color': color, 'line-width': 1.5 } }),
  ]
}

/** The MapLibre style of the one map, with tile URLs on `baseUrl` and each layer's data version. */
export function buildStyle(
  baseUrl: string,
  versionOf: (layer: string) => number,
  bounds?: [number, number, number, number],
) {
  return {
    version: 8,
    name: '土壤环境一张图',
    metadata: { 'soil:groups': LAYER_GROUPS, 'soil:versions': STAFF_VERSIONS_PATH },
    sources: vectorSources(STAFF_MAP_LAYERS, baseUrl, versionOf, bounds),
    layers: [
      BACKGROUND,
      layer('land-context-fill', 'land-context', 'land-context', {
        type: 'fill',
        minzoom: 12,
        paint: {
          'fill-color': landClassColor,
          'fill-opacity': ['interpolate', ['linear'], ['zoom'], 12, 0.6, 14, 0.9],
        },
      }),
      layer(
        'county-fill',
        'county',
        'county',
        {
          type: 'fill',
          // fades out where the 三调 ground shows (z12 and above), so the white veil does not wash it out
          paint: { 'fill-color': '#ffffff', 'fill-opacity': ['interpolate', ['linear'], ['zoom'], 11, 0.35, 13, 0.05] },
        },
        true,
      ),
      layer(
        'township-fill',
        'township',
        'township',
        { type: 'fill', paint: { 'fill-color': '#ffffff', 'fill-opacity': 0 } },
        true,
      ),
      layer('parcel-overview-fill', 'parcel', 'parcel-overview', {
        type: 'fill',
        maxzoom: 13,
        paint: { 'fill-color': classColor, 'fill-opacity': 0.75 },
      }),
      layer(
        'parcel-fill',
        'parcel',
        'parcel',
        { type: 'fill', minzoom: 13, paint: { 'fill-color': classColor, 'fill-opacity': 0.7 } },
        true,
      ),
      layer('parcel-line', 'parcel', 'parcel', {
        type: 'line',
        minzoom: 14,
        paint: { 'line-color': '#33691e', 'line-width': 0.6, 'line-opacity': 0.8 },
      }),
      layer('basic-farmland-line', 'basic-farmland', 'basic-farmland', {
        type: 'line',
        paint: {
          'line-color': BASIC_FARMLAND_COLOR,
          'line-width': ['interpolate', ['linear'], ['zoom'], 11, 1, 15, 2.5],
          'line-dasharray': [3, 1.5],
        },
      }),
      layer(
        'priority-area-line',
        'priority-area',
        'priority-area',
        {
          type: 'line',
          paint: {
            'line-color': PRIORITY_AREA_COLOR,
            'line-width': ['interpolate', ['linear'], ['zoom'], 9, 1.5, 15, 3.5],
            'line-opacity': 0.9,
          },
        },
        true,
      ),
      townshipLine(),
      countyLine(),
      ...banZoneLayers('ban-zone', 'ban-zone', 'ban-zone'),
      ...zoneLayers('control-zone', 'control-zone', 'control-zone'),
      ...waterSourceLayers('water-source', 'water-source', 'water-source'),
      layer(
        'plot-fill',
        'contaminated-plot',
        'contaminated-plot',
        { type: 'fill', paint: { 'fill-color': plotColor, 'fill-opacity': 0.6 } },
        true,
      ),
      layer('plot-line', 'contaminated-plot', 'contaminated-plot', {
        type: 'line',
        paint: { 'line-color': plotColor, 'line-width': 1.5 },
      }),
      layer(
        'plot-point',
        'contaminated-plot',
        'contaminated-plot-point',
        {
          type: 'circle',
          maxzoom: 12,
          paint: {
            'circle-color': plotColor,
            'circle-radius': 5,
            'circle-stroke-color': '#ffffff',
            'circle-stroke-width': 1,
          },
        },
        true,
      ),
      layer(
        'enterprise-fill',
        'enterprise',
        'enterprise',
        { type: 'fill', paint: { 'fill-color': enterpriseColor, 'fill-opacity': 0.45 } },
        true,
      ),
      layer('enterprise-line', 'enterprise', 'enterprise', {
        type: 'line',
        paint: { 'line-color': enterpriseColor, 'line-width': 1.5 },
      }),
      layer(
        'enterprise-point',
        'enterprise',
        'enterprise-point',
        {
          type: 'circle',
          maxzoom: 12,
          paint: {
            'circle-color': enterpriseColor,
            'circle-radius': 4.5,
            'circle-stroke-color': '#ffffff',
            'circle-stroke-width': 1.5,
          },
        },
        true,
      ),
      layer(
        'monitoring-point-circle',
        'monitoring-point',
        'monitoring-point',
        {
          type: 'circle',
          paint: {
            'circle-color': ['match', ['get', 'level'], ...Object.entries(LEVEL_COLORS).flat(), '#4db6ac'],
            'circle-radius': ['interpolate', ['linear'], ['zoom'], 6, 3, 12, 6, 16, 8],
            'circle-stroke-color': [
              'match',
              ['get', 'point_type'],
              ...Object.entries(TYPE_STROKES).flatMap(([k, [c]]) => [k, c]),
              '#ffffff',
            ],
            'circle-stroke-width': 1.5,
          },
        },
        true,
      ),
      ...labelLayers(),
    ],
  }
}

/** Below this zoom a county is too small to see on the public map, so a dot in its coverage colour marks it. */
const COUNTY_DOT_MAX_ZOOM = 7

/** Fill of a county on the public map by the `covered` feature state the page sets from the coverage figures. */
export const COVERAGE_COLORS = { covered: '#8fd19e', uncovered: '#f4a582' } as const

const publicPlotColor = [
  'match',
  ['get', 'status'],
  ...Object.values(PUBLIC_LISTS).flatMap((l) => [[...l.statuses], l.color]),
  PUBLIC_LISTS.suspected.color,
]

/** Layer groups of the public map and their legends. */
export const PUBLIC_LAYER_GROUPS: LayerGroup[] = [
  {
    id: 'county',
    name: '区县（土壤监测覆盖）',
    visible: true,
    legend: [
      { label: '已覆盖（符合监测网络覆盖规则）', color: COVERAGE_COLORS.covered, kind: 'fill' },
      { label: '未覆盖', color: COVERAGE_COLORS.uncovered, kind: 'fill' },
      COUNTY_LINE,
    ],
  },
  TOWNSHIP_GROUP,
  { id: 'public-water-source', name: '饮用水水源保护区（已公布）', visible: true, legend: WATER_SOURCE_LEGEND },
  {
    id: 'public-plot',
    name: '污染地块（已公开）',
    visible: true,
    legend: Object.values(PUBLIC_LISTS).map((l) => ({ label: l.name, color: l.color, kind: 'fill' as const })),
  },
  { id: 'public-control-zone', name: '管控区域（已公告）', visible: true, legend: [ZONE_LEGEND] },
  { id: 'public-ban-zone', name: '特定农产品禁止生产区域（已公告）', visible: true, legend: [BAN_ZONE_LEGEND] },
]

/**
 * The MapLibre style of the public map: administrative units, published control zones and the published
 * registry only (the `public` tile layers, which read the published tables).
 */
export function buildPublicStyle(baseUrl: string, versionOf: (layer: string) => number) {
  const covered = ['feature-state', 'covered']
  return {
    version: 8,
    name: '土壤环境信息公开',
    metadata: { 'soil:groups': PUBLIC_LAYER_GROUPS, 'soil:versions': PUBLIC_VERSIONS_PATH },
    sources: vectorSources(PUBLIC_MAP_LAYERS, baseUrl, versionOf),
    layers: [
      BACKGROUND,
      layer(
        'county-fill',
        'county',
        'county',
        {
          type: 'fill',
          paint: {
            'fill-color': [
              'case',
              ['==', covered, true],
              COVERAGE_COLORS.covered,
              ['==', covered, false],
              COVERAGE_COLORS.uncovered,
              '#ffffff',
            ],
            'fill-opacity': ['interpolate', ['linear'], ['zoom'], 6, 0.45, 12, 0.15],
          },
        },
        true,
      ),
      townshipLine(),
      countyLine(),
      ...banZoneLayers('public-ban-zone', 'public-ban-zone', 'public-ban-zone'),
      ...zoneLayers('public-control-zone', 'public-control-zone', 'public-control-zone'),
      ...waterSourceLayers('public-water-source', 'public-water-source', 'public-water-source', false),
      layer(
        'public-plot-fill',
        'public-plot',
        'public-plot',
        { type: 'fill', paint: { 'fill-color': publicPlotColor, 'fill-opacity': 0.6 } },
        true,
      ),
      layer('public-plot-line', 'public-plot', 'public-plot', {
        type: 'line',
        paint: { 'line-color': publicPlotColor, 'line-width': 1.5 },
      }),
      layer(
        'public-plot-point',
        'public-plot',
        'public-plot-point',
        {
          type: 'circle',
          maxzoom: 12,
          paint: {
            'circle-color': publicPlotColor,
            'circle-radius': 5,
            'circle-stroke-color': '#ffffff',
            'circle-stroke-width': 1,
          },
        },
        true,
      ),
      layer('county-dot', 'county', 'county-label', {
        type: 'circle',
        maxzoom: COUNTY_DOT_MAX_ZOOM,
        paint: {
          'circle-color': ['case', ['==', covered, false], COVERAGE_COLORS.uncovered, COVERAGE_COLORS.covered],
          'circle-radius': 7,
          'circle-stroke-color': '#1d6b4f',
          'circle-stroke-width': 1.5,
        },
      }),
      ...labelLayers().map((l) =>
        l.id !== 'county-label'
          ? l
          : {
              ...l,
              layout: {
                ...(l as { layout?: object }).layout,
                'text-offset': ['step', ['zoom'], ['literal', [0, 1.2]], COUNTY_DOT_MAX_ZOOM, ['literal', [0, 0]]],
              },
            },
      ),
    ],
  }
}
