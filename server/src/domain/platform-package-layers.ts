import {
  CLASS_LIST_EXPORT_FIELDS,
  GENERATED_DATA_SOURCE,
  IMPORTED_DATA_SOURCE,
  type ExportEntryRow,
  type ExportListHeader,
  type ExportValue,
} from './class-list-export.ts'
import { DLBM, POINT_LEVEL, POINT_TYPE, labelOf } from './labels.ts'
import { beijingTime, type PackageCounty } from './platform-package.ts'
import type { PublicPlot } from './public-fields.ts'

/** One monitoring result with its point, as the monitoring layer of the package holds it. */
export interface MonitoringResultRow {
  pointCode: string
  pointName: string
  level: string
  pointType: string
  pointStatus: string
  townshipCode: string | null
  township: string | null
  landUse: string | null
  lon: number
  lat: number
  sampledOn: string
  medium: string
  crop: string | null
  ph: number | null
  organicMatterGKg: number | null
  valuesMgKg: Record<string, number>
  isGenerated: boolean
}

/** One column of a package layer: its local source name (the default field name) and how its value is read. */
export interface PackageField<R> {
  /** The default field name, ≤ 10 ASCII characters (the dBASE limit); the key the mapping setting renames. */
  source: string
  title: string
  type: 'text' | 'integer' | 'real'
  /** dBASE width: bytes for text (GBK in the Shapefile, UTF-8 in the GeoPackage has no limit), digits for numbers. */
  width: number
  precision?: number
  description: string
  value: (row: R, county: PackageCounty) => ExportValue
}

/** The rows of the class-list layer: an entry of the list with the list. */
export interface ClassListPackageRow {
  entry: ExportEntryRow
  list: ExportListHeader
}

const round = (value: number | null, digits: number) => (value === null ? null : Number(value.toFixed(digits)))
const dataSource = (isGenerated: boolean) => (isGenerated ? GENERATED_DATA_SOURCE : IMPORTED_DATA_SOURCE)

const CLASS_LIST_FIELDS: readonly PackageField<ClassListPackageRow>[] = CLASS_LIST_EXPORT_FIELDS.map((f) => ({
  source: f.name,
  title: f.title,
  type: f.type,
  width: f.width,
  precision: f.precision,
  description: f.description,
  value: (row: ClassListPackageRow) => f.value(row.entry, row.list),
}))

const countyFields = <R>(): PackageField<R>[] => [
  {
    source: 'XZQDM',
    title: '县级行政区代码',
    type: 'text',
    width: 6,
    description: '县级行政区划代码（GB/T 2260）',
    value: (_r, c) => c.adcode,
  },
  {
    source: 'XZQMC',
    title: '县级行政区名称',
    type: 'text',
    width: 60,
    description: '县级行政区名称',
    value: (_r, c) => c.name,
  },
]

const PLOT_FIELDS: readonly PackageField<PublicPlot>[] = [
  ...countyFields<PublicPlot>(),
  {
    source: 'DKBM',
    title: '地块编码',
    type: 'text',
    width: 40,
    description: '地块编码（县内唯一）',
    value: (p) => p.code,
  },
  { source: 'DKMC', title: '地块名称', type: 'text', width: 120, description: '地块名称', value: (p) => p.name },
  {
    source: 'MLDM',
    title: '名录代码',
    type: 'text',
    width: 12,
    description:
      '所在名录：suspected 疑似污染地块名单，contaminated 污染地块名录，control 风险管控和修复名录，removed 已移出名录',
    value: (p) => p.list,
  },
  { source: 'MLMC', title: '名录名称', type: 'text', width: 60, description: '所在名录名称', value: (p) => p.listName },
  {
    source: 'ZTDM',
    title: '状态代码',
    type: 'text',
    width: 30,
    description: '地块所处环节代码（已发布的）',
    value: (p) => p.status,
  },
  { source: 'ZTMC', title: '状态', type: 'text', width: 60, description: '地块所处环节', value: (p) => p.statusName },
  {
    source: 'FXDJ',
    title: '风险等级',
    type: 'text',
    width: 4,
    description: '风险等级：高 / 中 / 低',
    value: (p) => p.riskLevelName,
  },
  {
    source: 'YHY',
    title: '原行业',
    type: 'text',
    width: 60,
    description: '地块原从事的行业',
    value: (p) => p.formerIndustry,
  },
  { source: 'DZ', title: '地址', type: 'text', width: 200, description: '地块地址', value: (p) => p.address },
  {
    source: 'FMQD',
    title: '负面清单',
    type: 'text',
    width: 254,
    description: '不得用作的用途（GB 50137-2011 城市用地分类）及依据；Shapefile 中超过 254 字节时截断',
    value: (p) => p.negativeUses.map((n) => `${n.useName}（${n.basis}）`).join('；') || null,
  },
  {
    source: 'MJ_MU',
    title: '面积（亩）',
    type: 'real',
    width: 14,
    precision: 2,
    description: '地块椭球面积，单位亩，保留 2 位小数',
    value: (p) => p.areaMu,
  },
  {
    source: 'MJ_M2',
    title: '面积（平方米）',
    type: 'integer',
    width: 12,
    description: '地块椭球面积，单位平方米，取整',
    value: (p) => p.areaM2,
  },
  {
    source: 'FBSJ',
    title: '发布时间',
    type: 'text',
    width: 20,
    description: '地块信息审定发布的时间（北京时间）',
    value: (p) => beijingTime(new Date(p.publishedAt)),
  },
  {
    source: 'SJLY',
    title: '数据来源',
    type: 'text',
    width: 60,
    description: `地块数据来源；“${GENERATED_DATA_SOURCE}”不得作为管理依据`,
    value: (p) => dataSource(p.isSample),
  },
]

/** The elements of a monitoring result with their field: GB 15618-2018 表1 eight metals, in mg/kg. */
const ELEMENT_FIELDS = [
  ['cd', 'CD_MGKG', '镉'],
  ['hg', 'HG_MGKG', '汞'],
  ['as', 'AS_MGKG', '砷'],
  ['pb', 'PB_MGKG', '铅'],
  ['cr', 'CR_MGKG', '铬'],
  ['cu', 'CU_MGKG', '铜'],
  ['ni', 'NI_MGKG', '镍'],
  ['zn', 'ZN_MGKG', '锌'],
] as const

const MONITORING_FIELDS: readonly PackageField<MonitoringResultRow>[] = [
  ...countyFields<MonitoringResultRow>(),
  {
    source: 'XZDM',
    title: '乡镇代码',
    type: 'text',
    width: 9,
    description: '点位所在乡级行政区代码',
    value: (r) => r.townshipCode,
  },
  {
    source: 'XZMC',
    title: '乡镇名称',
    type: 'text',
    width: 60,
    description: '乡级行政区名称',
    value: (r) => r.township,
  },
  {
    source: 'DWBM',
    title: '点位编码',
    type: 'text',
    width: 40,
    description: '监测点位编码（县内唯一）',
    value: (r) => r.pointCode,
  },
  {
    source: 'DWMC',
    title: '点位名称',
    type: 'text',
    width: 120,
    description: '监测点位名称',
    value: (r) => r.pointName,
  },
  {
    source: 'DWJB',
    title: '点位级别',
    type: 'text',
    width: 8,
    description: '国控 / 省控 / 市控 / 县控',
    value: (r) => labelOf(POINT_LEVEL, r.level),
  },
  {
    source: 'DWLX',
    title: '点位类型',
    type: 'text',
    width: 30,
    description: '基础点位 / 风险监控点位 / 背景点位 / 农产品产地点位',
    value: (r) => labelOf(POINT_TYPE, r.pointType),
  },
  {
    source: 'DLBM',
    title: '地类编码',
    type: 'text',
    width: 5,
    description: '点位处第三次全国国土调查工作分类地类编码',
    value: (r) => r.landUse,
  },
  {
    source: 'DLMC',
    title: '地类名称',
    type: 'text',
    width: 30,
    description: '点位处地类名称',
    value: (r) => (r.landUse === null ? null : labelOf(DLBM, r.landUse)),
  },
  {
    source: 'JD',
    title: '经度',
    type: 'real',
    width: 14,
    precision: 7,
    description: '点位经度（CGCS2000，度）',
    value: (r) => round(r.lon, 7),
  },
  {
    source: 'WD',
    title: '纬度',
    type: 'real',
    width: 13,
    precision: 7,
    description: '点位纬度（CGCS2000，度）',
    value: (r) => round(r.lat, 7),
  },
  {
    source: 'CYRQ',
    title: '采样日期',
    type: 'text',
    width: 10,
    description: '采样日期（年-月-日）',
    value: (r) => r.sampledOn,
  },
  {
    source: 'JZ',
    title: '监测介质',
    type: 'text',
    width: 8,
    description: '土壤 / 农产品',
    value: (r) => (r.medium === 'soil' ? '土壤' : '农产品'),
  },
  {
    source: 'NCP',
    title: '农产品',
    type: 'text',
    width: 30,
    description: '农产品种类（介质为农产品时）',
    value: (r) => r.crop,
  },
  {
    source: 'PH',
    title: 'pH',
    type: 'real',
    width: 6,
    precision: 2,
    description: '土壤 pH（无量纲）',
    value: (r) => round(r.ph, 2),
  },
  {
    source: 'YJZ_GKG',
    title: '有机质（g/kg）',
    type: 'real',
    width: 10,
    precision: 2,
    description: '土壤有机质含量，g/kg',
    value: (r) => round(r.organicMatterGKg, 2),
  },
  ...ELEMENT_FIELDS.map(([key, source, name]): PackageField<MonitoringResultRow> => ({
    source,
    title: `${name}（mg/kg）`,
    type: 'real',
    width: 14,
    precision: 4,
    description: `${name}含量，mg/kg（土壤为干重，农产品为鲜重）；未测为空`,
    value: (r) => round(r.valuesMgKg[key] ?? null, 4),
  })),
  {
    source: 'SJLY',
    title: '数据来源',
    type: 'text',
    width: 60,
    description: `监测数据来源；“${GENERATED_DATA_SOURCE}”不得作为管理依据`,
    value: (r) => dataSource(r.isGenerated),
  },
]

/** The layers of a package, in the order of the manifest. */
export const PACKAGE_DATASETS = {
  class_list: {
    code: 'FLQD',
    title: '耕地土壤环境质量类别分类清单',
    description: '最新发布的分类清单：每个耕地图斑的类别、划定方法、土壤等级、主要污染物与划分依据摘要',
    fields: CLASS_LIST_FIELDS,
  },
  plots: {
    code: 'DKML',
    title: '污染地块名单名录',
    description: '已发布的疑似污染地块名单、污染地块名录、风险管控和修复名录及已移出名录的地块（按发布时的信息）',
    fields: PLOT_FIELDS,
  },
  monitoring: {
    code: 'JCJG',
    title: '土壤环境监测结果',
    description: '在用及已撤销监测点位的每次采样结果（规划点位不在其中）',
    fields: MONITORING_FIELDS,
  },
} as const

export type PackageDatasetId = keyof typeof PACKAGE_DATASETS
export const PACKAGE_DATASET_IDS = Object.keys(PACKAGE_DATASETS) as PackageDatasetId[]

/** The ASCII layer (and file) name of a dataset in a county's package, e.g. `FLQD_430903`. */
export function packageLayerName(dataset: PackageDatasetId, adcode: string): string {
  return `${PACKAGE_DATASETS[dataset].code}_${adcode}`
}
