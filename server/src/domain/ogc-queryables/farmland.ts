import { FARMLAND_CLASS, POINT_LEVEL, POINT_TYPE } from '../labels.ts'
import {
  INTERNAL_COUNTY,
  TOWNSHIP,
  adcode,
  areaMu,
  coded,
  day,
  instant,
  dlbm,
  integer,
  isSample,
  labelled,
  number,
  served,
  text,
  townshipCode,
  updatedAt,
  outlines,
  points,
} from './fields.ts'

const classMethod = (name: string, sql: string) =>
  coded(
    name,
    '划分方法',
    '类别的得出方法：samples 样点判定、interpolated 插值推断、no_data 未划定（数据不足）、override 人工调整',
    ['samples', 'interpolated', 'no_data', 'override'],
    sql,
  )
const CLASS_LABEL = served('class_label', '类别', '类别代码的中文名称')
const tbmj = (alias: string) => number('tbmj', '图斑面积（平方米）', '文件中的图斑面积，平方米', `${alias}.tbmj`)

/** The farmland parcels and their published class. */
export const FARMLAND_PARCELS = outlines('p.geom', 'updated_at', [
  adcode('p'),
  INTERNAL_COUNTY,
  townshipCode('p'),
  TOWNSHIP,
  text('code', '图斑编号', '耕地图斑编号，区县内唯一', 'p.code'),
  dlbm('p', '第三次全国国土调查地类编码（GB/T 21010-2017），如 0101 水田、0102 水浇地、0103 旱地'),
  areaMu('p', 'area_mu', '图斑面积，单位亩，保留两位小数'),
  labelled('class', '类别代码', FARMLAND_CLASS, 'p.class', '已发布的类别：'),
  classMethod('class_method', 'p.class_method'),
  integer('class_list_id', '类别清单编号', '发布该类别的耕地土壤环境质量类别清单的编号', 'p.class_list_id'),
  text('basis_summary', '划分依据', '类别划分依据的摘要（点位、超标元素、规则版本）', `p.class_basis ->> 'summary'`),
  updatedAt('p', '图斑最后一次修改的时间'),
  isSample('p', 'is_generated'),
  CLASS_LABEL,
])

/** The soil monitoring points and their latest sample. */
export const MONITORING_POINTS = points('m.geom', 'latest_sampled_on', [
  adcode('m'),
  INTERNAL_COUNTY,
  text('code', '点位编码', '监测点位编码，区县内唯一', 'm.code'),
  text('name', '点位名称', '监测点位名称', 'm.name'),
  labelled('level', '点位级别', POINT_LEVEL, 'm.level', '点位的管理级别：'),
  labelled('point_type', '点位类型', POINT_TYPE, 'm.point_type', '点位类型：'),
  coded(
    'status',
    '点位状态',
    'active 在用、planned 规划、retired 已撤销',
    ['active', 'planned', 'retired'],
    'm.status',
  ),
  townshipCode('m'),
  text('land_use', '地类编码', '点位所在地块的第三次全国国土调查地类编码（GB/T 21010-2017）', 'm.land_use::text'),
  isSample('m', 'is_generated'),
  day('latest_sampled_on', '最近采样日期', '该点位最近一次采样的日期；从未采样时为空', 'r.sampled_on'),
  coded('latest_medium', '最近采样介质', 'soil 土壤、crop 农产品', ['soil', 'crop'], 'r.medium'),
  number('latest_ph', '最近 pH', '最近一次采样的土壤 pH 值', 'r.ph::float8'),
  served(
    'latest_values_mg_kg',
    '最近含量（mg/kg）',
    '最近一次采样各元素的含量，单位 mg/kg，如 {"cd": 0.31, "pb": 35}',
    'object',
  ),
])

/** The entries of each county's latest published class list. */
export const CLASS_LIST = outlines('p.geom', 'list_published_at', [
  adcode('e'),
  INTERNAL_COUNTY,
  integer('list_id', '清单编号', '该区县最新发布的类别清单在本系统中的编号', 'l.id'),
  text('list_title', '清单名称', '类别清单的名称', 'l.title'),
  integer('list_version', '发布版本', '清单第几次发布（重新编辑后再发布时加 1）', 'l.published_version'),
  instant('list_published_at', '发布时间', '清单经审定后发布的时间', 'l.published_at'),
  text('rule_set_version', '划分规则版本', '划分类别所用规则的版本', 'l.rule_set_version'),
  text('parcel_code', '图斑编号', '耕地图斑编号，区县内唯一', 'p.code'),
  townshipCode('p', '图斑所在乡镇（街道）的 9 位代码'),
  TOWNSHIP,
  dlbm('p', '三调地类编码（GB/T 21010-2017，如 0101 水田、0102 水浇地、0103 旱地）'),
  areaMu('p', 'area_mu', '图斑面积，亩（1 亩 = 666.67 平方米）'),
  labelled('class', '类别代码', FARMLAND_CLASS, 'e.class', '清单中的类别：'),
  classMethod('method', 'e.method'),
  coded(
    'soil_grade',
    '土壤污染程度',
    '按 GB 15618-2018 判定的土壤等级：A 低于筛选值、B 介于筛选值和管制值之间、C 高于管制值、review 待复核',
    ['A', 'B', 'C', 'review'],
    'e.soil_grade',
  ),
  served('main_pollutants', '主要污染物', '超过筛选值的污染物', 'array'),
  integer('sample_count', '样点数', '判定所依据的样点个数', 'e.sample_count'),
  text('basis_summary', '划分依据', '划分依据摘要：样点、污染物、含量与标准值', `e.basis ->> 'summary'`),
  isSample('p', 'is_generated'),
  CLASS_LABEL,
])

/** The 三调 land-class parcels other than farmland, drawn under the map. */
export const LAND_CONTEXT = outlines('l.geom', null, [
  adcode('l'),
  INTERNAL_COUNTY,
  text('bsm', '标识码', '三调地类图斑的标识码（BSM），同区县文件中的', 'l.bsm'),
  dlbm('l', '三调地类编码（GB/T 21010-2017、TD/T 1055-2019 工作分类），保留文件中的后缀（如 1104A、0201K）'),
  text('dlmc', '地类名称', '地类名称，同文件中的', 'l.dlmc'),
  tbmj('l'),
  isSample('l', 'is_generated'),
  served('land_class', '一级地类代码', '底图着色所用的一级地类（GB/T 21010-2017），湿地按三调工作分类单列'),
  served('land_class_name', '一级地类', '一级地类的中文名称'),
])

/** The permanent basic farmland (永久基本农田) parcels. */
export const BASIC_FARMLAND = outlines('b.geom', null, [
  adcode('b'),
  INTERNAL_COUNTY,
  text('bsm', '标识码', '永久基本农田图斑的标识码（BSM），同文件中的', 'b.bsm'),
  text('code', '图斑编号', '永久基本农田图斑编号（YJJBNTTBBH）', 'b.code'),
  dlbm('b', '三调地类编码（GB/T 21010-2017）'),
  tbmj('b'),
  text('zldwdm', '坐落单位代码', '图斑坐落的村级单位代码（ZLDWDM）', 'b.zldwdm'),
  text('zldwmc', '坐落单位名称', '图斑坐落的村级单位名称（ZLDWMC）', 'b.zldwmc'),
  isSample('b', 'is_generated'),
])
