import type { Position } from 'geojson'
import type { SitingCheckRecord, SitingReason } from '../../../contracts/siting.ts'
import type { SitingSeverity, SitingVerdict } from '../domain/siting.ts'
import type { SitingReportFeature } from '../repos/siting.repo.ts'
import { drawMap, positionsOf } from './precheck-report-map.ts'
import {
  drawFactGrid,
  drawFooters,
  drawHeading,
  drawReasonTable,
  drawSignatures,
  drawVerdictBox,
  openReport,
  verdictSummary,
} from './precheck-report-pdf.ts'
import {
  BODY_BOTTOM,
  CONTENT_WIDTH,
  INK,
  MUTED,
  PAGE,
  beijingTime,
  fmtNumber,
  type Doc,
} from './precheck-report-style.ts'

const VERDICT_COLOR: Record<SitingVerdict, string> = {
  clear: '#2e7d32',
  assess: '#e65100',
  unsuited: '#d84315',
  controlled: '#c62828',
}
const SEVERITY_COLOR: Record<SitingSeverity, string> = {
  note: '#1565c0',
  assess: '#e65100',
  unsuited: '#d84315',
  controlled: '#c62828',
}

const DISCLAIMER =
  '本意见书由土壤环境一张图系统依据已发布数据生成，可凭核查编号在系统中查询。核查结论不代替建设项目环境影响评价、用地预审与选址意见等法定审批。'

/** The features the map must show: for each polygon, its vertex nearest the site's middle. */
function nearestVertices(check: SitingCheckRecord, features: SitingReportFeature[]): Position[] {
  const site = positionsOf(check.geometry)
  const cx = site.reduce((s, p) => s + p[0], 0) / site.length
  const cy = site.reduce((s, p) => s + p[1], 0) / site.length
  return features
    .filter((f) => f.geometry.type !== 'Point')
    .map((f) =>
      positionsOf(f.geometry).reduce((best, p) =>
        (p[0] - cx) ** 2 + (p[1] - cy) ** 2 < (best[0] - cx) ** 2 + (best[1] - cy) ** 2 ? p : best,
      ),
    )
}

function reasonCells(r: SitingReason, i: number): string[] {
  const feature = r.featureTypeName
    ? [r.featureTypeName, r.featureCode, r.featureName !== r.featureCode ? r.featureName : null]
        .filter(Boolean)
        .join('\n')
    : '—'
  const extent =
    r.overlapM2 !== null && r.overlapM2 > 0
      ? `重叠 ${fmtNumber(r.overlapM2)} 平方米`
      : r.distanceM !== null
        ? r.distanceM <= 0
          ? '与拟选址相接'
          : `距拟选址 ${fmtNumber(r.distanceM)} 米`
        : '—'
  return [String(i + 1), r.severityName, feature, extent, r.message, r.basis]
}

/** The nearest monitoring points and their latest soil result, as information. */
function drawMonitoring(doc: Doc, check: SitingCheckRecord, top: number): number {
  const reach = (check.rules as { monitoringM?: number } | null)?.monitoringM
  const lines = check.monitoring.length
    ? check.monitoring.map(
        (p, i) =>
          `${i + 1}. ${p.code}${p.name ? ` ${p.name}` : ''}（${p.distanceM <= 0 ? '位于拟选址内' : `距拟选址 ${fmtNumber(p.distanceM)} 米`}）：${p.sampledOn ? `${p.sampledOn} 采样，${p.flagName}` : p.flagName}${p.exceedances.length ? `；${p.exceedances.join('；')}` : ''}`,
      )
    : [`拟选址内及周边${reach ? ` ${reach} 米` : ''}内没有土壤监测点位`]
  let y = top
  if (y + 40 > BODY_BOTTOM) {
    doc.addPage()
    y = PAGE.margin
  }
  doc.font('bold').fontSize(11).fillColor(INK).text('周边土壤监测结果（供参考，不作为核查结论的依据）', PAGE.margin, y)
  doc.font('regular').fontSize(8.5).fillColor(INK)
  y = doc.y + 2
  for (const l of lines) {
    if (y + doc.heightOfString(l, { width: CONTENT_WIDTH }) > BODY_BOTTOM) {
      doc.addPage()
      y = PAGE.margin
    }
    doc.text(l, PAGE.margin, y, { width: CONTENT_WIDTH, lineGap: 1 })
    y = doc.y + 1
  }
  return y
}

function rulesLine(check: SitingCheckRecord): string {
  const r = (check.rules ?? {}) as Record<string, any>
  return `核查规则：${r.version ?? '—'}；距离（本地设置）：优先保护类耕地集中区域 ${r.priorityAreaM ?? '—'} 米，饮用水水源保护区 ${r.waterSourceM ?? '—'} 米，特定农产品禁止生产区域 ${r.banZoneM ?? '—'} 米，管控区域 ${r.controlZoneM ?? '—'} 米；监测点位 ${r.monitoringM ?? '—'} 米内最近 ${r.monitoringPoints ?? '—'} 个`
}

/**
 * 建设项目选址核查意见书 as a PDF, laid out as the 用地准入核查意见书 and drawn by its parts (heading, facts, verdict,
 * map, reasons table, signatures, footers): the project, the verdict, a map of the site and the features its reasons
 * name and the nearest monitoring points, the reasons with their basis, the monitoring results and the rules used.
 */
export function renderSitingReport(check: SitingCheckRecord, features: SitingReportFeature[]): Promise<Buffer> {
  const { doc, done } = openReport({ title: `建设项目选址核查意见书 ${check.number}`, check })
  let y = drawHeading(doc, '建设项目选址核查意见书', check)
  y = drawFactGrid(
    doc,
    [
      ['建设项目', check.projectName],
      ['所在区县', check.county],
      ['拟建行业', `${check.industryName}${check.isControlledIndustry ? '（严格控制行业）' : ''}`],
      ['项目文号', check.reference ?? '—'],
      ['拟选址面积', `${fmtNumber(check.areaM2, 0)} 平方米（${check.areaMu.toFixed(2)} 亩）`],
      ['核查编号', check.number],
      ['核查人', `${check.checkedByName}（${check.checkedBy}）`],
      ['核查时间', beijingTime.format(new Date(check.checkedAt))],
    ],
    y + 10,
  )
  y = drawVerdictBox(
    doc,
    { verdictName: check.verdictName, color: VERDICT_COLOR[check.verdict], summary: verdictSummary(check) },
    y + 10,
  )
  y = drawMap(doc, check, features, y + 12, {
    title: '拟选址位置及周边要素示意图',
    outlineLabel: '拟选址',
    note: '注：图中圆圈数字为核查理由序号；各要素为出具本意见书时的现状（监测点位为内部数据）；仅示意位置关系；坐标系 CGCS2000（EPSG:4490）。',
    fitTo: nearestVertices(check, features),
  })
  y = drawReasonTable(
    doc,
    check.reasons.map((r, i) => ({ cells: reasonCells(r, i), color: SEVERITY_COLOR[r.severity] })),
    y + 14,
  )
  y = drawMonitoring(doc, check, y + 14)
  doc
    .font('regular')
    .fontSize(8.5)
    .fillColor(MUTED)
    .text(rulesLine(check), PAGE.margin, y + 8, { width: CONTENT_WIDTH })
  drawSignatures(doc, check.checkedByName, doc.y + 14, DISCLAIMER)
  drawFooters(doc, check)
  doc.end()
  return done
}
