import { PLOT_STATUS, RISK_LEVEL } from '../labels.ts'
import { PUBLIC_LISTS } from '../public-fields.ts'
import {
  PUBLIC_COUNTY,
  adcode,
  areaMu,
  coded,
  instant,
  integer,
  isSample,
  labelled,
  number,
  served,
  text,
  outlines,
} from './fields.ts'

/** The public list of a plot from its status, in SQL, as `listOfPlotStatus` decides it (unknown: suspected). */
const PLOT_LIST_SQL = `CASE ${Object.entries(PUBLIC_LISTS)
  .map(([code, list]) => `WHEN p.status IN (${list.statuses.map((s) => `'${s}'`).join(', ')}) THEN '${code}'`)
  .join(' ')} ELSE 'suspected' END`

const areaM2 = (alias: string, description: string) =>
  number('areaM2', '面积（平方米）', description, `round(${alias}.area_m2)::float8`)

/** The published contaminated plots (名录), as the public page serves them. */
export const PLOTS = outlines('p.geom', 'publishedAt', [
  integer('id', '要素编号', '地块在本系统中的编号', 'p.id'),
  adcode('p'),
  PUBLIC_COUNTY,
  text('code', '地块编码', '污染地块的编码', 'p.code'),
  text('name', '地块名称', '地块名称', 'p.name'),
  text('address', '地址', '地块所在地址', 'p.address'),
  served('formerIndustry', '原行业', '地块上原企业所属行业的中文名称；“其他”时写作 其他（所填行业）'),
  labelled('status', '状态代码', PLOT_STATUS, 'p.status', '地块所处的管理阶段：'),
  served('statusName', '状态', '状态代码的中文名称'),
  coded(
    'list',
    '名录代码',
    `地块所在的公开名录：${Object.entries(PUBLIC_LISTS)
      .map(([code, l]) => `${code} ${l.name}`)
      .join('、')}`,
    Object.keys(PUBLIC_LISTS),
    PLOT_LIST_SQL,
  ),
  served('listName', '名录', '名录代码的中文名称'),
  labelled('riskLevel', '风险等级代码', RISK_LEVEL, 'p.risk_level', '风险评估得出的等级：', '；未评估时为空'),
  served('riskLevelName', '风险等级', '风险等级的中文名称'),
  served('negativeUses', '负面清单', '地块不得用作的用途（GB 50137-2011 用地代码及名称）和依据', 'array'),
  areaMu('p', 'areaMu', '地块面积，单位亩，保留两位小数'),
  areaM2('p', '地块面积，单位平方米，取整'),
  instant('publishedAt', '发布时间', '地块信息向社会公开的时间', 'p.published_at'),
  isSample('p'),
])

/** The published control zones (管控区域), as the public page serves them. */
export const CONTROL_ZONES = outlines('z.geom', 'publishedAt', [
  integer('id', '要素编号', '管控区域在本系统中的编号', 'z.id'),
  adcode('z'),
  PUBLIC_COUNTY,
  text('code', '区域编码', '管控区域的编码', 'z.code'),
  text('name', '区域名称', '管控区域名称', 'z.name'),
  served('announcement', '公告', '划定管控区域的公告：文号、日期和正文', 'object'),
  served('monitoring', '监测要求', '公告要求监测的环境介质：土壤、地表水、地下水、环境空气', 'array'),
  served('plotCodes', '涉及地块', '区域内已公开的污染地块编码', 'array'),
  served('signs', '警示标志', '设立的警示标志及其经纬度', 'array'),
  areaMu('z', 'areaMu', '区域面积，单位亩，保留两位小数'),
  areaM2('z', '区域面积，单位平方米，取整'),
  instant('publishedAt', '发布时间', '管控区域信息向社会公开的时间', 'z.published_at'),
  isSample('z'),
])

/** The counties and their monitoring-point coverage. */
export const COUNTIES = outlines('c.geom', null, [
  adcode('c'),
  text('name', '区县名称', '区县名称', 'c.name'),
  text('city', '所属市', '区县所属的地级市', 'c.city'),
  text('province', '所属省', '区县所属的省（自治区、直辖市）', 'c.province'),
  served(
    'coverage',
    '监测点位覆盖',
    '土壤环境监测点位数（按国控、省控、市控、县控）、耕地面积（亩）、每个点位代表的耕地亩数及是否覆盖',
    'object',
  ),
])

/** The township outlines the public map draws. */
export const TOWNSHIPS = outlines('t.geom', null, [
  text('code', '乡镇代码', '乡镇（街道）的 9 位代码，前 6 位是区县代码', 't.code::text'),
  text('name', '乡镇名称', '乡镇（街道）名称', 't.name'),
  adcode('t'),
  PUBLIC_COUNTY,
])
