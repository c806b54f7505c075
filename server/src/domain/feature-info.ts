import {
  DLBM,
  ENTERPRISE_STATUS,
  FARMLAND_CLASS,
  PLOT_STATUS,
  POINT_LEVEL,
  POINT_TYPE,
  REVIEW_STATUS,
  RISK_LEVEL,
  industryNameOf,
  labelOf,
} from './labels.ts'
import { METHOD_LABEL } from './classify-farmland.ts'
import { plotIndustryName } from './plot-industry.ts'
import { negativeListOf } from './negative-list.ts'
import { formatArea } from './units.ts'
import { describeWaterSourceFeature } from './water-source.ts'
import { describeBanZoneFeature } from './ban-zone.ts'

export interface InfoField {
  label: string
  value: string
}

export interface FeatureInfo {
  title: string
  fields: InfoField[]
}

export type FeatureEntity =
  | 'county'
  | 'township'
  | 'parcel'
  | 'monitoring-point'
  | 'plot'
  | 'control-zone'
  | 'enterprise'
  | 'priority-area'
  | 'ban-zone'
  | 'water-source'

type Row = Record<string, any>

const GENERATED_NOTE = '示例数据（程序生成，非真实信息）'
const count = (n: number, unit: string) => `${n} ${unit}`
const generated = (row: Row): InfoField[] => (row.is_generated ? [{ label: '数据来源', value: GENERATED_NOTE }] : [])

/** The published class's method, basis summary and rule set (parcels published from a class list). */
function parcelClassBasis(row: Row): InfoField[] {
  if (!row.class_method) return [{ label: '分类依据', value: '尚无发布的分类清单（示例初始类别）' }]
  return [
    { label: '划定方法', value: labelOf(METHOD_LABEL, row.class_method) },
    ...(row.class_method === 'override'
      ? [
          {
            label: '人工调整',
            value: `由“${labelOf(FARMLAND_CLASS, row.class_computed)}”调整，理由：${row.class_override_reason ?? '—'}`,
          },
        ]
      : []),
    { label: '分类依据', value: row.class_summary ?? '—' },
    { label: '规则版本', value: `${row.class_rule_set ?? '—'}（分类清单 ${row.class_list_id}）` },
  ]
}

/** The info-panel content of a feature: a title and its attributes in Chinese, in the order an officer reads them. */
export function describeFeature(entity: FeatureEntity, row: Row): FeatureInfo {
  switch (entity) {
    case 'county':
      return {
        title: row.name,
        fields: [
          { label: '行政区划代码', value: row.adcode },
          { label: '所属', value: `${row.province} ${row.city}` },
          { label: '面积', value: `${(row.area_m2 / 1e6).toFixed(1)} 平方公里` },
          { label: '乡镇（街道）', value: count(row.townships, '个') },
          { label: '耕地图斑', value: `${row.parcels} 个，${formatArea(row.farmland_m2)}` },
          { label: '监测点位', value: `${row.points} 个（其中国控 ${row.national_points} 个）` },
          { label: '疑似及污染地块', value: count(row.plots, '块') },
          { label: '边界来源', value: `${row.source}，网络地图概化边界，仅供示意` },
        ],
      }
    case 'priority-area':
      return {
        title: `优先保护类耕地集中区域 ${row.code}`,
        fields: [
          { label: '区域编号', value: row.code },
          { label: '所属区县', value: `${row.city} ${row.county}` },
          { label: '面积', value: formatArea(row.area_m2) },
          { label: '耕地图斑', value: count(row.parcel_count, '个') },
          {
            label: '涉及乡镇',
            value:
              (row.townships as { name: string; areaM2: number }[])
                .map((t) => `${t.name} ${formatArea(t.areaM2)}`)
                .join('；') || '—',
          },
          {
            label: '划定依据',
            value: `已发布耕地类别中相邻不超过 ${row.gap_m} 米的优先保护类图斑连片，合计不少于 ${Math.round(row.min_area_m2 * 0.0015)} 亩（本地设置，非国家标准）`,
          },
          {
            label: '版本',
            value: `第 ${row.version} 版（${row.list_title ? `分类清单“${row.list_title}”第 ${row.list_version} 版发布时计算` : '按示例数据（生成）的耕地类别计算'}）`,
          },
        ],
      }
    case 'township':
      return {
        title: row.name,
        fields: [
          { label: '乡镇代码', value: row.code },
          { label: '所属区县', value: `${row.city} ${row.county}` },
          { label: '面积', value: `${(row.area_m2 / 1e6).toFixed(1)} 平方公里` },
          { label: '耕地图斑', value: count(row.parcels, '个') },
          ...(row.is_generated
            ? [{ label: '边界', value: '示例边界（按乡镇代表点生成的泰森多边形），非真实界线' }]
            : []),
        ],
      }
    case 'parcel':
      return {
        title: `耕地图斑 ${row.code}`,
        fields: [
          { label: '图斑编号', value: row.code },
          { label: '类别', value: labelOf(FARMLAND_CLASS, row.class) },
          ...parcelClassBasis(row),
          { label: '地类', value: `${row.dlbm} ${labelOf(DLBM, row.dlbm)}` },
          { label: '面积', value: formatArea(row.area_m2) },
          { label: '坐落', value: `${row.city} ${row.county} ${row.township ?? ''}`.trim() },
          { label: '版本', value: `第 ${row.version} 版` },
          ...generated(row),
        ],
      }
    case 'monitoring-point': {
      const soil = row.latest_soil
      const metals = soil
        ? Object.entries(soil.values_mg_kg as Record<string, number>)
            .map(([k, v]) => `${k[0].toUpperCase()}${k.slice(1)} ${v}`)
            .join('，')
        : ''
      return {
        title: row.name,
        fields: [
          { label: '点位编号', value: row.code },
          { label: '点位级别', value: labelOf(POINT_LEVEL, row.level) },
          { label: '点位类型', value: labelOf(POINT_TYPE, row.point_type) },
          { label: '坐落', value: `${row.city} ${row.county} ${row.township ?? ''}`.trim() },
          { label: '土地利用', value: row.land_use ? `${row.land_use} ${labelOf(DLBM, row.land_use)}` : '—' },
          { label: '土壤类型', value: row.soil_type ?? '—' },
          { label: '经纬度（CGCS2000）', value: `${row.lon.toFixed(6)}, ${row.lat.toFixed(6)}` },
          { label: '监测记录', value: count(row.results, '次') },
          ...(soil
            ? [
                { label: '最近土壤监测', value: `${soil.sampled_on}，pH ${soil.ph ?? '缺失'}` },
                { label: '含量（mg/kg）', value: metals },
              ]
            : []),
          ...generated(row),
        ],
      }
    }
    case 'plot':
      return {
        title: row.name,
        fields: [
          { label: '地块编号', value: row.code },
          { label: '状态', value: labelOf(PLOT_STATUS, row.status) },
          { label: '审核状态', value: labelOf(REVIEW_STATUS, row.review_status) },
          { label: '风险等级', value: labelOf(RISK_LEVEL, row.risk_level) },
          { label: '原行业', value: plotIndustryName(row.former_industry, row.former_industry_note) },
          { label: '土地使用权人', value: row.land_user ?? '—' },
          { label: '地址', value: row.address ?? '—' },
          { label: '联系人', value: row.contact ?? '—' },
          { label: '面积', value: formatArea(row.area_m2) },
          {
            label: '负面清单',
            value:
              negativeListOf(
                row.status,
                row.negative_uses.map((n: Row) => ({ useCode: n.useCode, basis: n.basis, reason: null })),
              )
                .map((u) => `${u.useCode === '*' ? '不得建设' : '不得用作'}${u.useName}（${u.basis}）`)
                .join('；') || '—',
          },
          { label: '管控区域', value: row.zones ?? '—' },
          ...generated(row),
        ],
      }
    case 'control-zone': {
      const monitored = [
        row.monitor_soil && '土壤',
        row.monitor_surface_water && '地表水',
        row.monitor_groundwater && '地下水',
        row.monitor_air && '环境空气',
      ].filter(Boolean)
      return {
        title: row.name,
        fields: [
          { label: '管控区域编号', value: row.code },
          { label: '审核状态', value: labelOf(REVIEW_STATUS, row.review_status) },
          ...(row.published_version ? [{ label: '已发布版本', value: `第 ${row.published_version} 版` }] : []),
          { label: '所属区县', value: `${row.city} ${row.county}` },
          { label: '面积', value: formatArea(row.area_m2) },
          { label: '保护地块', value: row.plots ?? '—' },
          { label: '公告文号', value: row.announcement_no ?? '—' },
          { label: '公告日期', value: row.announcement_date ?? '—' },
          { label: '公告内容', value: row.announcement_text ?? '—' },
          { label: '监测要求', value: monitored.length ? monitored.join('、') : '—' },
          { label: '标识牌', value: count(row.signs, '处') },
          ...generated(row),
        ],
      }
    }
    case 'ban-zone':
      return describeBanZoneFeature(row)
    case 'water-source':
      return describeWaterSourceFeature(row)
    case 'enterprise':
      return {
        title: row.name,
        fields: [
          { label: '统一社会信用代码', value: row.credit_code },
          { label: '行业', value: industryNameOf(row.industry, row.industry_other ?? null) },
          { label: '生产状态', value: labelOf(ENTERPRISE_STATUS, row.status) },
          { label: '所属区县', value: `${row.city} ${row.county}` },
          { label: '厂区面积', value: formatArea(row.area_m2) },
          ...generated(row),
        ],
      }
  }
}
