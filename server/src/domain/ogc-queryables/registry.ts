import { ENTERPRISE_STATUS, INDUSTRY, PLOT_STATUS, REVIEW_STATUS, RISK_LEVEL } from '../labels.ts'
import {
  INTERNAL_COUNTY,
  adcode,
  coded,
  day,
  flag,
  integer,
  isSample,
  labelled,
  meaning,
  codes,
  number,
  served,
  text,
  updatedAt,
  outlines,
} from './fields.ts'

/** The area of `alias` in m², one decimal. */
const areaM2 = (alias: string, description: string, title = '面积（平方米）') =>
  number('area_m2', title, description, `round(${alias}.area_m2::numeric, 1)::float8`)

/** Whether the announcement of a control zone asks for the monitoring of `medium`. */
const monitors = (medium: string, name: string) =>
  flag(`monitor_${medium}`, `监测${name}`, `区域内要求监测${name}`, `z.monitor_${medium}`)

/** The contaminated plots of the registry, published or not. */
export const CONTAMINATED_PLOTS = outlines('p.geom', 'updated_at', [
  adcode('p'),
  INTERNAL_COUNTY,
  text('code', '地块编码', '污染地块的编码，区县内唯一', 'p.code'),
  text('name', '地块名称', '地块名称', 'p.name'),
  labelled('status', '状态', PLOT_STATUS, 'p.status', '地块所处的管理阶段：'),
  labelled('risk_level', '风险等级', RISK_LEVEL, 'p.risk_level', '', '；未评估时为空'),
  text(
    'former_industry',
    '原行业代码',
    '地块上原企业所属行业的代码，如 chemical 化工、electroplating 电镀',
    'p.former_industry',
  ),
  text(
    'former_industry_note',
    '其他行业说明',
    '原行业代码为 other（其他）时填写的原来行业，如 木材加工；其余为空',
    'p.former_industry_note',
  ),
  labelled('review_status', '审核状态', REVIEW_STATUS, 'p.review_status'),
  areaM2('p', '地块面积，单位平方米，保留一位小数'),
  updatedAt('p', '地块信息最后一次修改的时间'),
  isSample('p', 'is_generated'),
])

/** The control zones of the registry, published or not. */
export const CONTROL_ZONES_INTERNAL = outlines('z.geom', 'updated_at', [
  adcode('z'),
  INTERNAL_COUNTY,
  text('code', '区域编码', '管控区域的编码，区县内唯一', 'z.code'),
  text('name', '区域名称', '管控区域名称', 'z.name'),
  labelled('review_status', '审核状态', REVIEW_STATUS, 'z.review_status', '审核状态：'),
  integer('published_version', '已发布版本', '已发布的次数，0 为从未发布', 'z.published_version'),
  text('announcement_no', '公告文号', '划定管控区域的公告文号', 'z.announcement_no'),
  day('announcement_date', '公告日期', '公告发布日期', 'z.announcement_date'),
  monitors('soil', '土壤'),
  monitors('surface_water', '地表水'),
  monitors('groundwater', '地下水'),
  monitors('air', '大气'),
  served('plot_codes', '涉及地块', '区域保护的污染地块编码（含未发布的）', 'array'),
  areaM2('z', '区域面积，平方米'),
  updatedAt('z', '最后一次修改的时间'),
  isSample('z', 'is_generated'),
])

/** The key supervised enterprises (土壤污染重点监管单位). */
export const ENTERPRISES = outlines('e.geom', 'updated_at', [
  adcode('e'),
  INTERNAL_COUNTY,
  text('credit_code', '统一社会信用代码', '单位的 18 位统一社会信用代码（GB 32100-2015）', 'e.credit_code::text'),
  text('name', '单位名称', '重点监管单位名称', 'e.name'),
  coded(
    'industry',
    '行业代码',
    `所属行业：${meaning(INDUSTRY)}、other 其他`,
    [...codes(INDUSTRY), 'other'],
    'e.industry',
  ),
  text('industry_other', '其他行业', '行业为“其他”时填写的行业', 'e.industry_other'),
  labelled('status', '生产状态代码', ENTERPRISE_STATUS, 'e.status', '生产状态：'),
  areaM2('e', '厂区范围的面积，平方米', '厂区面积（平方米）'),
  updatedAt('e', '最后一次修改的时间'),
  isSample('e', 'is_generated'),
  served('industry_name', '行业', '行业的中文名称'),
  served('status_name', '生产状态', '生产状态的中文名称'),
])
