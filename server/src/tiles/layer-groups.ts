import { FARMLAND_CLASS, PLOT_STATUS, POINT_LEVEL } from '../domain/labels.ts'
import { LAND_CLASSES } from '../domain/land-class.ts'
import type { LayerGroup, LegendItem } from '../../../contracts/map.ts'

/** The colours of the map and its layer groups with their legends (the staff map's layer panel). */

export const CLASS_COLORS: Record<keyof typeof FARMLAND_CLASS, string> = {
  priority: '#2e9d4f',
  safe_use: '#f2c12e',
  strict: '#d7301f',
  unclassified: '#9e9e9e',
}
export const LEVEL_COLORS: Record<keyof typeof POINT_LEVEL, string> = {
  national: '#b2182b',
  provincial: '#ef6c00',
  city: '#1f78b4',
  county: '#4db6ac',
}
export const TYPE_STROKES = {
  basic: ['#ffffff', '基础点位：白边'],
  risk: ['#000000', '风险监控点位：黑边'],
  background: ['#1b9e77', '背景点位：绿边'],
  produce: ['#ffd54f', '农产品产地点位：黄边'],
} as const
export const PLOT_STATUS_GROUPS = [
  { label: '疑似污染地块', color: '#fdae61', statuses: ['suspected', 'preliminary_investigation'] },
  {
    label: '污染地块（调查评估中）',
    color: '#f46d43',
    statuses: ['contaminated', 'detailed_investigation', 'risk_assessment'],
  },
  {
    label: '风险管控和修复名录',
    color: '#a50026',
    statuses: ['listed', 'risk_control', 'remediation', 'effect_evaluation', 'removal_applied'],
  },
  { label: '暂不开发利用（管控区域）', color: '#762a83', statuses: ['control_zone'] },
  { label: '已移出或无需管控', color: '#4575b4', statuses: ['removed', 'cleared'] },
] as const satisfies readonly { label: string; color: string; statuses: readonly (keyof typeof PLOT_STATUS)[] }[]
export const ZONE_COLOR = '#e8590c'
/** Outline of the 永久基本农田图斑: a colour no class, plot or zone uses, so it reads over any parcel fill. */
export const BASIC_FARMLAND_COLOR = '#ad1457'
export const ENTERPRISE_COLOR = '#6a3d9a'
/** Outline of the 优先保护类耕地集中区域: the priority class's green, darker, so it reads around the parcels. */
export const PRIORITY_AREA_COLOR = '#1b5e20'
/** 饮用水水源保护区 by level: blues, darkest for the 一级保护区. */
export const WATER_SOURCE_COLORS = { level1: '#0d47a1', level2: '#1e88e5', quasi: '#90caf9' } as const
export const WATER_SOURCE_LEGEND: LegendItem[] = [
  { label: '一级保护区', color: WATER_SOURCE_COLORS.level1, kind: 'fill' },
  { label: '二级保护区', color: WATER_SOURCE_COLORS.level2, kind: 'fill' },
  { label: '准保护区', color: WATER_SOURCE_COLORS.quasi, kind: 'fill' },
]
/** 特定农产品禁止生产区域: the strict class's red, darker, with a dashed edge so it reads over the parcels. */
export const BAN_ZONE_COLOR = '#7f0000'
export const BAN_ZONE_LEGEND: LegendItem = { label: '特定农产品禁止生产区域', color: BAN_ZONE_COLOR, kind: 'line' }
/** Closed or relocated enterprises. */
export const ENTERPRISE_CLOSED_COLOR = '#b39ddb'

export const COUNTY_LINE: LegendItem = { label: '区县界线', color: '#37474f', kind: 'line' }
export const TOWNSHIP_GROUP: LayerGroup = {
  id: 'township',
  name: '乡镇（街道）',
  visible: true,
  // generated sample boundaries say so in their info panel; imported ones are the county's own
  legend: [{ label: '乡镇界线', color: '#78909c', kind: 'line' }],
}
export const ZONE_LEGEND: LegendItem = { label: '管控区域', color: ZONE_COLOR, kind: 'hatch' }

export const LAYER_GROUPS: LayerGroup[] = [
  { id: 'county', name: '区县', visible: true, legend: [COUNTY_LINE] },
  TOWNSHIP_GROUP,
  {
    id: 'parcel',
    name: '耕地图斑',
    visible: true,
    legend: (Object.keys(FARMLAND_CLASS) as (keyof typeof FARMLAND_CLASS)[]).map((k) => ({
      label: FARMLAND_CLASS[k],
      color: CLASS_COLORS[k],
      kind: 'fill',
    })),
  },
  {
    id: 'priority-area',
    name: '优先保护类耕地集中区域',
    // derived from the published classes (a new version each time a class list is published); on by default
    // because siting and the plan's protection duties are read from it
    visible: true,
    legend: [{ label: '优先保护类耕地集中区域', color: PRIORITY_AREA_COLOR, kind: 'line' }],
  },
  { id: 'water-source', name: '饮用水水源保护区', visible: true, legend: WATER_SOURCE_LEGEND },
  {
    id: 'basic-farmland',
    name: '永久基本农田',
    // off by default: most 优先保护类 parcels lie inside it, so its outline would double the parcel edges; the
    // classification page and the pre-check report it, and the officer turns it on to compare
    visible: false,
    legend: [{ label: '永久基本农田图斑', color: BASIC_FARMLAND_COLOR, kind: 'line' }],
  },
  {
    id: 'monitoring-point',
    name: '监测点位',
    visible: true,
    legend: [
      ...(Object.keys(POINT_LEVEL) as (keyof typeof POINT_LEVEL)[]).map((k) => ({
        label: POINT_LEVEL[k],
        color: LEVEL_COLORS[k],
        kind: 'circle' as const,
      })),
      ...Object.values(TYPE_STROKES).map(([color, label]) => ({ label, color, kind: 'line' as const })),
    ],
  },
  {
    id: 'contaminated-plot',
    name: '污染地块',
    visible: true,
    legend: PLOT_STATUS_GROUPS.map((g) => ({ label: g.label, color: g.color, kind: 'fill' })),
  },
  { id: 'control-zone', name: '管控区域', visible: true, legend: [ZONE_LEGEND] },
  { id: 'ban-zone', name: '特定农产品禁止生产区域', visible: true, legend: [BAN_ZONE_LEGEND] },
  {
    id: 'enterprise',
    name: '重点监管单位',
    visible: true,
    legend: [
      { label: '在产', color: ENTERPRISE_COLOR, kind: 'circle' },
      { label: '关闭或搬迁', color: ENTERPRISE_CLOSED_COLOR, kind: 'circle' },
    ],
  },
  {
    id: 'land-context',
    name: '三调地类（底图，12 级以上）',
    visible: true,
    legend: LAND_CLASSES.map((c) => ({ label: c.name, color: c.color, kind: 'fill' as const })),
  },
]
