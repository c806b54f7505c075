import {
  ENTERPRISE_STATUS,
  FARMLAND_CLASS,
  INDUSTRY,
  PLOT_STATUS,
  POINT_LEVEL,
  POINT_TYPE,
  REVIEW_STATUS,
  RISK_LEVEL,
} from './labels.ts'
import { PUBLIC_LISTS } from './public-fields.ts'

/**
 * The properties each OGC API - Features collection serves, as the GeoJSON `properties` carry them: name, Chinese
 * title and meaning, JSON Schema type, and the SQL expression the collection's page statement reads it from. A
 * property with an SQL expression is queryable (OGC 19-079r2, Part 3: filters, `/queryables`, property filters); one
 * without is built outside SQL (a label, a list, a nested object) and is served but not filtered on. Pure: no I/O.
 */

/** JSON Schema types of a property (Part 3 §6.2: string, number, integer, boolean, object, array). */
export type OgcPropertyType = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array'

export interface OgcProperty {
  /** The key in the GeoJSON `properties`. */
  name: string
  title: string
  /** What the value means, in an officer's words. */
  description: string
  type: OgcPropertyType
  /** `date-time` (an instant, RFC 3339) or `date` (a calendar day). */
  format?: 'date-time' | 'date'
  /** The codes the value takes. */
  enum?: readonly string[]
  /** The expression of the collection's page statement the value is read from; null: served, not queryable. */
  sql: string | null
}

export interface OgcCollectionQueryables {
  /** The outline or point, as the page statement names it, and its GeoJSON type. */
  geometry: { sql: string; type: 'MultiPolygon' | 'Point' }
  /** The property `datetime` (Part 1 §7.15.4) is matched against; null: the collection has no date. */
  datetime: string | null
  properties: readonly OgcProperty[]
}

const codes = (labels: Record<string, string>) => Object.keys(labels)
const meaning = (labels: Record<string, string>) =>
  Object.entries(labels)
    .map(([code, label]) => `${code} ${label}`)
    .join('、')

/** The public list of a plot from its status, in SQL, as `listOfPlotStatus` decides it (unknown: suspected). */
const PLOT_LIST_SQL = `CASE ${Object.entries(PUBLIC_LISTS)
  .map(([code, list]) => `WHEN p.status IN (${list.statuses.map((s) => `'${s}'`).join(', ')}) THEN '${code}'`)
  .join(' ')} ELSE 'suspected' END`

const AREA_MU = (alias: string) => `round((${alias}.area_m2 * 0.0015)::numeric, 2)::float8`
const AREA_M2 = (alias: string) => `round(${alias}.area_m2)::float8`

const ADCODE = (alias: string): OgcProperty => ({
  name: 'adcode',
  title: '区县代码',
  description: '所在区县的 6 位行政区划代码（GB/T 2260）',
  type: 'string',
  sql: `${alias}.adcode::text`,
})
const IS_SAMPLE: (alias: string, name?: string) => OgcProperty = (alias, name = 'isSample') => ({
  name,
  title: '示例数据',
  description: '为 true 时是系统生成的示例数据，不是真实记录',
  type: 'boolean',
  sql: `${alias}.is_generated`,
})
const PUBLIC_COUNTY: OgcProperty = {
  name: 'county',
  title: '所在区县',
  description: '所在的市和区县名称，如“益阳市 赫山区”',
  type: 'string',
  sql: `c.city || ' ' || c.name`,
}
const INTERNAL_COUNTY: OgcProperty = {
  name: 'county',
  title: '区县',
  description: '所在区县名称',
  type: 'string',
  sql: 'c.name',
}

/** The properties of each collection, by collection id. */
export const OGC_QUERYABLES: Readonly<Record<string, OgcCollectionQueryables>> = {
  plots: {
    geometry: { sql: 'p.geom', type: 'MultiPolygon' },
    datetime: 'publishedAt',
    properties: [
      { name: 'id', title: '要素编号', description: '地块在本系统中的编号', type: 'integer', sql: 'p.id' },
      ADCODE('p'),
      PUBLIC_COUNTY,
      { name: 'code', title: '地块编码', description: '污染地块的编码', type: 'string', sql: 'p.code' },
      { name: 'name', title: '地块名称', description: '地块名称', type: 'string', sql: 'p.name' },
      { name: 'address', title: '地址', description: '地块所在地址', type: 'string', sql: 'p.address' },
      {
        name: 'formerIndustry',
        title: '原行业',
        description: '地块上原企业所属行业的中文名称',
        type: 'string',
        sql: null,
      },
      {
        name: 'status',
        title: '状态代码',
        description: `地块所处的管理阶段：${meaning(PLOT_STATUS)}`,
        type: 'string',
        enum: codes(PLOT_STATUS),
        sql: 'p.status',
      },
      { name: 'statusName', title: '状态', description: '状态代码的中文名称', type: 'string', sql: null },
      {
        name: 'list',
        title: '名录代码',
        description: `地块所在的公开名录：${Object.entries(PUBLIC_LISTS)
          .map(([code, l]) => `${code} ${l.name}`)
          .join('、')}`,
        type: 'string',
        enum: Object.keys(PUBLIC_LISTS),
        sql: PLOT_LIST_SQL,
      },
      { name: 'listName', title: '名录', description: '名录代码的中文名称', type: 'string', sql: null },
      {
        name: 'riskLevel',
        title: '风险等级代码',
        description: `风险评估得出的等级：${meaning(RISK_LEVEL)}；未评估时为空`,
        type: 'string',
        enum: codes(RISK_LEVEL),
        sql: 'p.risk_level',
      },
      { name: 'riskLevelName', title: '风险等级', description: '风险等级的中文名称', type: 'string', sql: null },
      {
        name: 'negativeUses',
        title: '负面清单',
        description: '地块不得用作的用途（GB 50137-2011 用地代码及名称）和依据',
        type: 'array',
        sql: null,
      },
      {
        name: 'areaMu',
        title: '面积（亩）',
        description: '地块面积，单位亩，保留两位小数',
        type: 'number',
        sql: AREA_MU('p'),
      },
      {
        name: 'areaM2',
        title: '面积（平方米）',
        description: '地块面积，单位平方米，取整',
        type: 'number',
        sql: AREA_M2('p'),
      },
      {
        name: 'publishedAt',
        title: '发布时间',
        description: '地块信息向社会公开的时间',
        type: 'string',
        format: 'date-time',
        sql: 'p.published_at',
      },
      IS_SAMPLE('p'),
    ],
  },
  'control-zones': {
    geometry: { sql: 'z.geom', type: 'MultiPolygon' },
    datetime: 'publishedAt',
    properties: [
      { name: 'id', title: '要素编号', description: '管控区域在本系统中的编号', type: 'integer', sql: 'z.id' },
      ADCODE('z'),
      { ...PUBLIC_COUNTY },
      { name: 'code', title: '区域编码', description: '管控区域的编码', type: 'string', sql: 'z.code' },
      { name: 'name', title: '区域名称', description: '管控区域名称', type: 'string', sql: 'z.name' },
      {
        name: 'announcement',
        title: '公告',
        description: '划定管控区域的公告：文号、日期和正文',
        type: 'object',
        sql: null,
      },
      {
        name: 'monitoring',
        title: '监测要求',
        description: '公告要求监测的环境介质：土壤、地表水、地下水、环境空气',
        type: 'array',
        sql: null,
      },
      { name: 'plotCodes', title: '涉及地块', description: '区域内已公开的污染地块编码', type: 'array', sql: null },
      { name: 'signs', title: '警示标志', description: '设立的警示标志及其经纬度', type: 'array', sql: null },
      {
        name: 'areaMu',
        title: '面积（亩）',
        description: '区域面积，单位亩，保留两位小数',
        type: 'number',
        sql: AREA_MU('z'),
      },
      {
        name: 'areaM2',
        title: '面积（平方米）',
        description: '区域面积，单位平方米，取整',
        type: 'number',
        sql: AREA_M2('z'),
      },
      {
        name: 'publishedAt',
        title: '发布时间',
        description: '管控区域信息向社会公开的时间',
        type: 'string',
        format: 'date-time',
        sql: 'z.published_at',
      },
      IS_SAMPLE('z'),
    ],
  },
  counties: {
    geometry: { sql: 'c.geom', type: 'MultiPolygon' },
    datetime: null,
    properties: [
      ADCODE('c'),
      { name: 'name', title: '区县名称', description: '区县名称', type: 'string', sql: 'c.name' },
      { name: 'city', title: '所属市', description: '区县所属的地级市', type: 'string', sql: 'c.city' },
      {
        name: 'province',
        title: '所属省',
        description: '区县所属的省（自治区、直辖市）',
        type: 'string',
        sql: 'c.province',
      },
      {
        name: 'coverage',
        title: '监测点位覆盖',
        description: '土壤环境监测点位数（按国控、省控、市控、县控）、耕地面积（亩）、每个点位代表的耕地亩数及是否覆盖',
        type: 'object',
        sql: null,
      },
    ],
  },
  'farmland-parcels': {
    geometry: { sql: 'p.geom', type: 'MultiPolygon' },
    datetime: 'updated_at',
    properties: [
      ADCODE('p'),
      INTERNAL_COUNTY,
      {
        name: 'township_code',
        title: '乡镇代码',
        description: '所在乡镇（街道）的 9 位代码',
        type: 'string',
        sql: 'p.township_code::text',
      },
      { name: 'township', title: '乡镇', description: '所在乡镇（街道）名称', type: 'string', sql: 't.name' },
      { name: 'code', title: '图斑编号', description: '耕地图斑编号，区县内唯一', type: 'string', sql: 'p.code' },
      {
        name: 'dlbm',
        title: '地类编码',
        description: '第三次全国国土调查地类编码（GB/T 21010-2017），如 0101 水田、0102 水浇地、0103 旱地',
        type: 'string',
        sql: 'p.dlbm::text',
      },
      {
        name: 'area_mu',
        title: '面积（亩）',
        description: '图斑面积，单位亩，保留两位小数',
        type: 'number',
        sql: AREA_MU('p'),
      },
      {
        name: 'class',
        title: '类别代码',
        description: `已发布的类别：${meaning(FARMLAND_CLASS)}`,
        type: 'string',
        enum: codes(FARMLAND_CLASS),
        sql: 'p.class',
      },
      {
        name: 'class_method',
        title: '划分方法',
        description:
          '类别的得出方法：samples 样点判定、interpolated 插值推断、no_data 未划定（数据不足）、override 人工调整',
        type: 'string',
        enum: ['samples', 'interpolated', 'no_data', 'override'],
        sql: 'p.class_method',
      },
      {
        name: 'class_list_id',
        title: '类别清单编号',
        description: '发布该类别的耕地土壤环境质量类别清单的编号',
        type: 'integer',
        sql: 'p.class_list_id',
      },
      {
        name: 'basis_summary',
        title: '划分依据',
        description: '类别划分依据的摘要（点位、超标元素、规则版本）',
        type: 'string',
        sql: `p.class_basis ->> 'summary'`,
      },
      {
        name: 'updated_at',
        title: '更新时间',
        description: '图斑最后一次修改的时间',
        type: 'string',
        format: 'date-time',
        sql: 'p.updated_at',
      },
      IS_SAMPLE('p', 'is_generated'),
      { name: 'class_label', title: '类别', description: '类别代码的中文名称', type: 'string', sql: null },
    ],
  },
  'monitoring-points': {
    geometry: { sql: 'm.geom', type: 'Point' },
    datetime: 'latest_sampled_on',
    properties: [
      ADCODE('m'),
      INTERNAL_COUNTY,
      { name: 'code', title: '点位编码', description: '监测点位编码，区县内唯一', type: 'string', sql: 'm.code' },
      { name: 'name', title: '点位名称', description: '监测点位名称', type: 'string', sql: 'm.name' },
      {
        name: 'level',
        title: '点位级别',
        description: `点位的管理级别：${meaning(POINT_LEVEL)}`,
        type: 'string',
        enum: codes(POINT_LEVEL),
        sql: 'm.level',
      },
      {
        name: 'point_type',
        title: '点位类型',
        description: `点位类型：${meaning(POINT_TYPE)}`,
        type: 'string',
        enum: codes(POINT_TYPE),
        sql: 'm.point_type',
      },
      {
        name: 'status',
        title: '点位状态',
        description: 'active 在用、planned 规划、retired 已撤销',
        type: 'string',
        enum: ['active', 'planned', 'retired'],
        sql: 'm.status',
      },
      {
        name: 'township_code',
        title: '乡镇代码',
        description: '所在乡镇（街道）的 9 位代码',
        type: 'string',
        sql: 'm.township_code::text',
      },
      {
        name: 'land_use',
        title: '地类编码',
        description: '点位所在地块的第三次全国国土调查地类编码（GB/T 21010-2017）',
        type: 'string',
        sql: 'm.land_use::text',
      },
      IS_SAMPLE('m', 'is_generated'),
      {
        name: 'latest_sampled_on',
        title: '最近采样日期',
        description: '该点位最近一次采样的日期；从未采样时为空',
        type: 'string',
        format: 'date',
        sql: 'r.sampled_on',
      },
      {
        name: 'latest_medium',
        title: '最近采样介质',
        description: 'soil 土壤、crop 农产品',
        type: 'string',
        enum: ['soil', 'crop'],
        sql: 'r.medium',
      },
      {
        name: 'latest_ph',
        title: '最近 pH',
        description: '最近一次采样的土壤 pH 值',
        type: 'number',
        sql: 'r.ph::float8',
      },
      {
        name: 'latest_values_mg_kg',
        title: '最近含量（mg/kg）',
        description: '最近一次采样各元素的含量，单位 mg/kg，如 {"cd": 0.31, "pb": 35}',
        type: 'object',
        sql: null,
      },
    ],
  },
  'contaminated-plots': {
    geometry: { sql: 'p.geom', type: 'MultiPolygon' },
    datetime: 'updated_at',
    properties: [
      ADCODE('p'),
      INTERNAL_COUNTY,
      { name: 'code', title: '地块编码', description: '污染地块的编码，区县内唯一', type: 'string', sql: 'p.code' },
      { name: 'name', title: '地块名称', description: '地块名称', type: 'string', sql: 'p.name' },
      {
        name: 'status',
        title: '状态',
        description: `地块所处的管理阶段：${meaning(PLOT_STATUS)}`,
        type: 'string',
        enum: codes(PLOT_STATUS),
        sql: 'p.status',
      },
      {
        name: 'risk_level',
        title: '风险等级',
        description: `${meaning(RISK_LEVEL)}；未评估时为空`,
        type: 'string',
        enum: codes(RISK_LEVEL),
        sql: 'p.risk_level',
      },
      {
        name: 'former_industry',
        title: '原行业代码',
        description: '地块上原企业所属行业的代码，如 chemical 化工、electroplating 电镀',
        type: 'string',
        sql: 'p.former_industry',
      },
      {
        name: 'review_status',
        title: '审核状态',
        description: `${meaning(REVIEW_STATUS)}`,
        type: 'string',
        enum: codes(REVIEW_STATUS),
        sql: 'p.review_status',
      },
      {
        name: 'area_m2',
        title: '面积（平方米）',
        description: '地块面积，单位平方米，保留一位小数',
        type: 'number',
        sql: 'round(p.area_m2::numeric, 1)::float8',
      },
      {
        name: 'updated_at',
        title: '更新时间',
        description: '地块信息最后一次修改的时间',
        type: 'string',
        format: 'date-time',
        sql: 'p.updated_at',
      },
      IS_SAMPLE('p', 'is_generated'),
    ],
  },
  townships: {
    geometry: { sql: 't.geom', type: 'MultiPolygon' },
    datetime: null,
    properties: [
      {
        name: 'code',
        title: '乡镇代码',
        description: '乡镇（街道）的 9 位代码，前 6 位是区县代码',
        type: 'string',
        sql: 't.code::text',
      },
      { name: 'name', title: '乡镇名称', description: '乡镇（街道）名称', type: 'string', sql: 't.name' },
      ADCODE('t'),
      PUBLIC_COUNTY,
    ],
  },
  'class-list': {
    geometry: { sql: 'p.geom', type: 'MultiPolygon' },
    datetime: 'list_published_at',
    properties: [
      ADCODE('e'),
      INTERNAL_COUNTY,
      {
        name: 'list_id',
        title: '清单编号',
        description: '该区县最新发布的类别清单在本系统中的编号',
        type: 'integer',
        sql: 'l.id',
      },
      { name: 'list_title', title: '清单名称', description: '类别清单的名称', type: 'string', sql: 'l.title' },
      {
        name: 'list_version',
        title: '发布版本',
        description: '清单第几次发布（重新编辑后再发布时加 1）',
        type: 'integer',
        sql: 'l.published_version',
      },
      {
        name: 'list_published_at',
        title: '发布时间',
        description: '清单经审定后发布的时间',
        type: 'string',
        format: 'date-time',
        sql: 'l.published_at',
      },
      {
        name: 'rule_set_version',
        title: '划分规则版本',
        description: '划分类别所用规则的版本',
        type: 'string',
        sql: 'l.rule_set_version',
      },
      {
        name: 'parcel_code',
        title: '图斑编号',
        description: '耕地图斑编号，区县内唯一',
        type: 'string',
        sql: 'p.code',
      },
      {
        name: 'township_code',
        title: '乡镇代码',
        description: '图斑所在乡镇（街道）的 9 位代码',
        type: 'string',
        sql: 'p.township_code::text',
      },
      { name: 'township', title: '乡镇', description: '所在乡镇（街道）名称', type: 'string', sql: 't.name' },
      {
        name: 'dlbm',
        title: '地类编码',
        description: '三调地类编码（GB/T 21010-2017，如 0101 水田、0102 水浇地、0103 旱地）',
        type: 'string',
        sql: 'p.dlbm::text',
      },
      {
        name: 'area_mu',
        title: '面积（亩）',
        description: '图斑面积，亩（1 亩 = 666.67 平方米）',
        type: 'number',
        sql: AREA_MU('p'),
      },
      {
        name: 'class',
        title: '类别代码',
        description: `清单中的类别：${meaning(FARMLAND_CLASS)}`,
        type: 'string',
        enum: codes(FARMLAND_CLASS),
        sql: 'e.class',
      },
      {
        name: 'method',
        title: '划分方法',
        description:
          '类别的得出方法：samples 样点判定、interpolated 插值推断、no_data 未划定（数据不足）、override 人工调整',
        type: 'string',
        enum: ['samples', 'interpolated', 'no_data', 'override'],
        sql: 'e.method',
      },
      {
        name: 'soil_grade',
        title: '土壤污染程度',
        description:
          '按 GB 15618-2018 判定的土壤等级：A 低于筛选值、B 介于筛选值和管制值之间、C 高于管制值、review 待复核',
        type: 'string',
        enum: ['A', 'B', 'C', 'review'],
        sql: 'e.soil_grade',
      },
      { name: 'main_pollutants', title: '主要污染物', description: '超过筛选值的污染物', type: 'array', sql: null },
      {
        name: 'sample_count',
        title: '样点数',
        description: '判定所依据的样点个数',
        type: 'integer',
        sql: 'e.sample_count',
      },
      {
        name: 'basis_summary',
        title: '划分依据',
        description: '划分依据摘要：样点、污染物、含量与标准值',
        type: 'string',
        sql: `e.basis ->> 'summary'`,
      },
      IS_SAMPLE('p', 'is_generated'),
      { name: 'class_label', title: '类别', description: '类别代码的中文名称', type: 'string', sql: null },
    ],
  },
  'control-zones-internal': {
    geometry: { sql: 'z.geom', type: 'MultiPolygon' },
    datetime: 'updated_at',
    properties: [
      ADCODE('z'),
      INTERNAL_COUNTY,
      { name: 'code', title: '区域编码', description: '管控区域的编码，区县内唯一', type: 'string', sql: 'z.code' },
      { name: 'name', title: '区域名称', description: '管控区域名称', type: 'string', sql: 'z.name' },
      {
        name: 'review_status',
        title: '审核状态',
        description: `审核状态：${meaning(REVIEW_STATUS)}`,
        type: 'string',
        enum: codes(REVIEW_STATUS),
        sql: 'z.review_status',
      },
      {
        name: 'published_version',
        title: '已发布版本',
        description: '已发布的次数，0 为从未发布',
        type: 'integer',
        sql: 'z.published_version',
      },
      {
        name: 'announcement_no',
        title: '公告文号',
        description: '划定管控区域的公告文号',
        type: 'string',
        sql: 'z.announcement_no',
      },
      {
        name: 'announcement_date',
        title: '公告日期',
        description: '公告发布日期',
        type: 'string',
        format: 'date',
        sql: 'z.announcement_date',
      },
      {
        name: 'monitor_soil',
        title: '监测土壤',
        description: '区域内要求监测土壤',
        type: 'boolean',
        sql: 'z.monitor_soil',
      },
      {
        name: 'monitor_surface_water',
        title: '监测地表水',
        description: '区域内要求监测地表水',
        type: 'boolean',
        sql: 'z.monitor_surface_water',
      },
      {
        name: 'monitor_groundwater',
        title: '监测地下水',
        description: '区域内要求监测地下水',
        type: 'boolean',
        sql: 'z.monitor_groundwater',
      },
      {
        name: 'monitor_air',
        title: '监测大气',
        description: '区域内要求监测大气',
        type: 'boolean',
        sql: 'z.monitor_air',
      },
      {
        name: 'plot_codes',
        title: '涉及地块',
        description: '区域保护的污染地块编码（含未发布的）',
        type: 'array',
        sql: null,
      },
      {
        name: 'area_m2',
        title: '面积（平方米）',
        description: '区域面积，平方米',
        type: 'number',
        sql: 'round(z.area_m2::numeric, 1)::float8',
      },
      {
        name: 'updated_at',
        title: '更新时间',
        description: '最后一次修改的时间',
        type: 'string',
        format: 'date-time',
        sql: 'z.updated_at',
      },
      IS_SAMPLE('z', 'is_generated'),
    ],
  },
  enterprises: {
    geometry: { sql: 'e.geom', type: 'MultiPolygon' },
    datetime: 'updated_at',
    properties: [
      ADCODE('e'),
      INTERNAL_COUNTY,
      {
        name: 'credit_code',
        title: '统一社会信用代码',
        description: '单位的 18 位统一社会信用代码（GB 32100-2015）',
        type: 'string',
        sql: 'e.credit_code::text',
      },
      { name: 'name', title: '单位名称', description: '重点监管单位名称', type: 'string', sql: 'e.name' },
      {
        name: 'industry',
        title: '行业代码',
        description: `所属行业：${meaning(INDUSTRY)}、other 其他`,
        type: 'string',
        enum: [...codes(INDUSTRY), 'other'],
        sql: 'e.industry',
      },
      {
        name: 'industry_other',
        title: '其他行业',
        description: '行业为“其他”时填写的行业',
        type: 'string',
        sql: 'e.industry_other',
      },
      {
        name: 'status',
        title: '生产状态代码',
        description: `生产状态：${meaning(ENTERPRISE_STATUS)}`,
        type: 'string',
        enum: codes(ENTERPRISE_STATUS),
        sql: 'e.status',
      },
      {
        name: 'area_m2',
        title: '厂区面积（平方米）',
        description: '厂区范围的面积，平方米',
        type: 'number',
        sql: 'round(e.area_m2::numeric, 1)::float8',
      },
      {
        name: 'updated_at',
        title: '更新时间',
        description: '最后一次修改的时间',
        type: 'string',
        format: 'date-time',
        sql: 'e.updated_at',
      },
      IS_SAMPLE('e', 'is_generated'),
      { name: 'industry_name', title: '行业', description: '行业的中文名称', type: 'string', sql: null },
      { name: 'status_name', title: '生产状态', description: '生产状态的中文名称', type: 'string', sql: null },
    ],
  },
  'land-context': {
    geometry: { sql: 'l.geom', type: 'MultiPolygon' },
    datetime: null,
    properties: [
      ADCODE('l'),
      INTERNAL_COUNTY,
      {
        name: 'bsm',
        title: '标识码',
        description: '三调地类图斑的标识码（BSM），同区县文件中的',
        type: 'string',
        sql: 'l.bsm',
      },
      {
        name: 'dlbm',
        title: '地类编码',
        description: '三调地类编码（GB/T 21010-2017、TD/T 1055-2019 工作分类），保留文件中的后缀（如 1104A、0201K）',
        type: 'string',
        sql: 'l.dlbm::text',
      },
      { name: 'dlmc', title: '地类名称', description: '地类名称，同文件中的', type: 'string', sql: 'l.dlmc' },
      {
        name: 'tbmj',
        title: '图斑面积（平方米）',
        description: '文件中的图斑面积，平方米',
        type: 'number',
        sql: 'l.tbmj',
      },
      IS_SAMPLE('l', 'is_generated'),
      {
        name: 'land_class',
        title: '一级地类代码',
        description: '底图着色所用的一级地类（GB/T 21010-2017），湿地按三调工作分类单列',
        type: 'string',
        sql: null,
      },
      { name: 'land_class_name', title: '一级地类', description: '一级地类的中文名称', type: 'string', sql: null },
    ],
  },
  'basic-farmland': {
    geometry: { sql: 'b.geom', type: 'MultiPolygon' },
    datetime: null,
    properties: [
      ADCODE('b'),
      INTERNAL_COUNTY,
      {
        name: 'bsm',
        title: '标识码',
        description: '永久基本农田图斑的标识码（BSM），同文件中的',
        type: 'string',
        sql: 'b.bsm',
      },
      {
        name: 'code',
        title: '图斑编号',
        description: '永久基本农田图斑编号（YJJBNTTBBH）',
        type: 'string',
        sql: 'b.code',
      },
      {
        name: 'dlbm',
        title: '地类编码',
        description: '三调地类编码（GB/T 21010-2017）',
        type: 'string',
        sql: 'b.dlbm::text',
      },
      {
        name: 'tbmj',
        title: '图斑面积（平方米）',
        description: '文件中的图斑面积，平方米',
        type: 'number',
        sql: 'b.tbmj',
      },
      {
        name: 'zldwdm',
        title: '坐落单位代码',
        description: '图斑坐落的村级单位代码（ZLDWDM）',
        type: 'string',
        sql: 'b.zldwdm',
      },
      {
        name: 'zldwmc',
        title: '坐落单位名称',
        description: '图斑坐落的村级单位名称（ZLDWMC）',
        type: 'string',
        sql: 'b.zldwmc',
      },
      IS_SAMPLE('b', 'is_generated'),
    ],
  },
}

/** The property dictionary of collection `id`, or null when none is written for it. */
export function queryablesOf(id: string): OgcCollectionQueryables | null {
  return Object.hasOwn(OGC_QUERYABLES, id) ? OGC_QUERYABLES[id] : null
}

/** Whether `property` can be filtered on: it has an SQL expression in the page statement. */
export const isQueryable = (property: OgcProperty): property is OgcProperty & { sql: string } => property.sql !== null

/** The link relation from a collection to its queryables (Part 3 §6.3). */
export const QUERYABLES_REL = 'http://www.opengis.net/def/rel/ogc/1.0/queryables'

/** The JSON Schema of one queryable (Part 3 §6.2): title, meaning, type and format, and the codes it takes. */
function propertySchema(p: OgcProperty, isInstant: boolean): Record<string, unknown> {
  return {
    title: p.title,
    description: p.description,
    type: p.type,
    ...(p.format ? { format: p.format } : {}),
    ...(p.enum ? { enum: p.enum } : {}),
    ...(isInstant ? { 'x-ogc-role': 'primary-instant' } : {}),
  }
}

/**
 * The queryables of collection `id` as a JSON Schema 2020-12 document (Part 3 §6.2, /req/queryables): the geometry
 * (format `geometry-…`) and every property with an SQL expression; other properties cannot be filtered on.
 */
export function queryablesSchema(id: string, title: string, href: string): Record<string, unknown> {
  const q = queryablesOf(id)
  const geometry = q
    ? {
        geometry: {
          title: '图形',
          description: 'S_INTERSECTS 用的图形，CGCS2000 经纬度（filter-crs 可选 CRS84 或 EPSG:4490）',
          format: q.geometry.type === 'Point' ? 'geometry-point' : 'geometry-multipolygon',
          'x-ogc-role': 'primary-geometry',
        },
      }
    : {}
  const properties = Object.fromEntries(
    (q?.properties ?? []).filter(isQueryable).map((p) => [p.name, propertySchema(p, p.name === q?.datetime)]),
  )
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: href,
    type: 'object',
    title,
    properties: { ...geometry, ...properties },
    additionalProperties: false,
  }
}
