import { ENTERPRISE_STATUS, INDUSTRY, POINT_LEVEL, POINT_TYPE } from './labels.ts'
import { EXAMPLE_MARK } from './monitoring-import.ts'
import type { Capability } from './rights.ts'

/**
 * The kinds of the bulk registry imports (重点监管单位, 疑似污染地块/污染地块, 监测点位, a laboratory's results of a
 * plot): their names, the right each needs, and the columns and sheet of each template. The reading and checking of
 * a filled template are in registry-import.ts.
 */

export const REGISTRY_KINDS = ['enterprises', 'plots', 'points', 'plot-results'] as const
export type RegistryKind = (typeof REGISTRY_KINDS)[number]

export const KIND_NAME: Record<RegistryKind, string> = {
  enterprises: '重点监管单位',
  plots: '疑似污染地块/污染地块',
  points: '监测点位',
  'plot-results': '地块检测结果',
}

/** The right that creates one record of each kind by hand; the import of many needs the same. */
export const KIND_CAPABILITY: Record<RegistryKind, Capability> = {
  enterprises: 'enterprise.edit',
  plots: 'plot.edit',
  points: 'monitoring.edit',
  'plot-results': 'plot.edit',
}

export interface KindColumn {
  field: string
  title: string
  isRequired: boolean
  unit: string
  /** What may be written, for the 填写说明 sheet. */
  allowed: string
  example: string
}

const note: KindColumn = {
  field: 'note',
  title: '备注',
  isRequired: false,
  unit: '—',
  allowed: `写“${EXAMPLE_MARK}”的行不导入；其他内容不保存`,
  example: EXAMPLE_MARK,
}
const lonLat = (isRequired: boolean, why: string): KindColumn[] => [
  {
    field: 'lon',
    title: '经度',
    isRequired,
    unit: '度',
    allowed: `CGCS2000 经度，十进制度（如 112.3581）${why}`,
    example: '112.3581',
  },
  {
    field: 'lat',
    title: '纬度',
    isRequired,
    unit: '度',
    allowed: `CGCS2000 纬度，十进制度（如 28.5702）${why}`,
    example: '28.5702',
  },
]
/** The names of a label table, as a refusal lists what is allowed. */
export const names = (table: Record<string, string>) => Object.values(table).join('、')

/** The template's columns of each kind, in order. */
export const KIND_COLUMNS: Record<RegistryKind, readonly KindColumn[]> = {
  enterprises: [
    {
      field: 'name',
      title: '单位名称',
      isRequired: true,
      unit: '—',
      allowed: '不超过 100 字',
      example: '某某电镀有限公司',
    },
    {
      field: 'creditCode',
      title: '统一社会信用代码',
      isRequired: true,
      unit: '—',
      allowed: '18 位，数字或大写字母（不含 I、O、S、V、Z），末位为 GB 32100-2015 校验码；同一区县不能重复',
      example: '91430903MA4L0X0B14',
    },
    {
      field: 'industry',
      title: '行业',
      isRequired: true,
      unit: '—',
      allowed: `${names(INDUSTRY)}、其他（选“其他”时须填写“行业说明”）`,
      example: '电镀',
    },
    {
      field: 'industryOther',
      title: '行业说明',
      isRequired: false,
      unit: '—',
      allowed: '行业为“其他”时必填，不超过 100 字',
      example: '',
    },
    { field: 'status', title: '状态', isRequired: true, unit: '—', allowed: names(ENTERPRISE_STATUS), example: '在产' },
    ...lonLat(false, '；没有随附场地边界文件时必填，以该点为中心生成 50 米见方的临时场地边界'),
    note,
  ],
  plots: [
    {
      field: 'code',
      title: '地块编号',
      isRequired: true,
      unit: '—',
      allowed:
        '区县代码-DK编号（如 430903-DK0101）；与边界文件中的“地块编号”（或 DKBH）字段对应；区县须在您的管辖范围内',
      example: '430903-DK0101',
    },
    {
      field: 'name',
      title: '地块名称',
      isRequired: true,
      unit: '—',
      allowed: '不超过 100 字',
      example: '原某某化工厂地块',
    },
    {
      field: 'status',
      title: '名录',
      isRequired: true,
      unit: '—',
      allowed: '疑似污染地块 或 污染地块（已列入建设用地土壤污染风险管控和修复名录前的污染地块）',
      example: '疑似污染地块',
    },
    {
      field: 'formerIndustry',
      title: '原行业',
      isRequired: true,
      unit: '—',
      allowed: names(INDUSTRY),
      example: '化工',
    },
    {
      field: 'address',
      title: '地址',
      isRequired: false,
      unit: '—',
      allowed: '不超过 200 字',
      example: '某某镇某某村',
    },
    { field: 'landUser', title: '土地使用权人', isRequired: false, unit: '—', allowed: '不超过 100 字', example: '' },
    {
      field: 'contact',
      title: '联系方式',
      isRequired: false,
      unit: '—',
      allowed: '不超过 100 字（不公开）',
      example: '',
    },
    {
      field: 'plannedLandClass',
      title: '规划用地类别',
      isRequired: false,
      unit: '—',
      allowed: '第一类用地 或 第二类用地（GB 36600-2018 3.1）；留空按第一类用地评价',
      example: '第二类用地',
    },
    note,
  ],
  points: [
    {
      field: 'code',
      title: '点位编号',
      isRequired: true,
      unit: '—',
      allowed: '同一区县不能重复，不超过 40 字',
      example: '430903-JC0101',
    },
    {
      field: 'name',
      title: '点位名称',
      isRequired: true,
      unit: '—',
      allowed: '不超过 100 字',
      example: '某某村水田点',
    },
    { field: 'level', title: '级别', isRequired: true, unit: '—', allowed: names(POINT_LEVEL), example: '县控' },
    { field: 'type', title: '类型', isRequired: true, unit: '—', allowed: names(POINT_TYPE), example: '基础点位' },
    {
      field: 'status',
      title: '状态',
      isRequired: false,
      unit: '—',
      allowed: '在用 或 规划；留空按在用',
      example: '在用',
    },
    ...lonLat(false, '；与高斯-克吕格坐标二选一'),
    {
      field: 'x',
      title: 'X坐标',
      isRequired: false,
      unit: '米',
      allowed: 'CGCS2000 高斯-克吕格投影北坐标（纵坐标），与经纬度二选一',
      example: '',
    },
    {
      field: 'y',
      title: 'Y坐标',
      isRequired: false,
      unit: '米',
      allowed: 'CGCS2000 高斯-克吕格投影东坐标（横坐标，可带带号）',
      example: '',
    },
    {
      field: 'zone',
      title: '带号或EPSG',
      isRequired: false,
      unit: '—',
      allowed: '填写 X/Y 时必填：3 度带带号 25–45、6 度带带号 13–23，或 EPSG 代码 4491–4554（如 EPSG:4526）',
      example: '',
    },
    note,
  ],
  'plot-results': [
    {
      field: 'plotCode',
      title: '地块编号',
      isRequired: true,
      unit: '—',
      allowed: '系统中已登记、在您管辖范围内的地块编号',
      example: '430903-DK0001',
    },
    {
      field: 'sampleId',
      title: '样品编号',
      isRequired: true,
      unit: '—',
      allowed: '实验室的样品编号，不超过 40 字',
      example: 'S01-0.5',
    },
    {
      field: 'sampledOn',
      title: '采样日期',
      isRequired: true,
      unit: '—',
      allowed: 'YYYY-MM-DD（也可写 2024/5/3），不晚于今天',
      example: '2024-05-03',
    },
    { field: 'depthM', title: '采样深度', isRequired: false, unit: 'm', allowed: '0–100 米', example: '0.5' },
    {
      field: 'substance',
      title: '污染物',
      isRequired: true,
      unit: '—',
      allowed: 'GB 36600-2018 表1、表2 中的名称（如 镉、苯并[a]芘）或 CAS 号（如 7440-43-9）',
      example: '镉',
    },
    {
      field: 'value',
      title: '检测值',
      isRequired: true,
      unit: '—',
      allowed: '不小于 0 的数（未检出请按检出限填写或不填此行）',
      example: '0.85',
    },
    {
      field: 'unit',
      title: '单位',
      isRequired: true,
      unit: '—',
      allowed: 'mg/kg、μg/kg（ug/kg）、g/kg 或 ppm（= mg/kg），均为干重；其他单位不接受',
      example: 'mg/kg',
    },
    note,
  ],
}

/** The name of the data sheet of each template. */
export const KIND_SHEET: Record<RegistryKind, string> = {
  enterprises: '重点监管单位',
  plots: '地块',
  points: '监测点位',
  'plot-results': '检测结果',
}
