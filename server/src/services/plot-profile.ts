import type { Queryable } from '../db/database.ts'
import { assessPollutant, type BackgroundSettings, type PollutantAssessment } from '../domain/gb36600.ts'
import { LAND_CLASS_NAME, type LandClass } from '../domain/gb50137.ts'
import { PLOT_STATUS, REVIEW_STATUS, RISK_LEVEL, labelOf } from '../domain/labels.ts'
import { negativeListOf } from '../domain/negative-list.ts'
import { PLOT_TRANSITIONS, staticRefusal, transitionsFrom, type Requirement } from '../domain/plot-lifecycle.ts'
import { PUBLIC_LISTS, listOfPlotStatus, publicArea } from '../domain/public-fields.ts'
import { assertCountyInScope } from '../domain/scope.ts'
import { AppError } from '../domain/errors.ts'
import { plotIndustryName } from '../domain/plot-industry.ts'
import type { PlotProfile } from '../../../contracts/registry.ts'
import {
  findPlot,
  listNegativeUses,
  listPlotEvents,
  listPlotZones,
  listPollutants,
  type PollutantRow,
} from '../repos/plots.repo.ts'
import { listHistory } from '../repos/review.repo.ts'
import type { AuthContext } from './auth.service.ts'
import { isoOf } from '../domain/changed-at.ts'
import type { PlotSettings } from './plots.service.ts'
import { TABLE, landClassOf } from './plot-writes.ts'

export function describePollutant(p: PollutantRow, landClass: LandClass, backgrounds: BackgroundSettings) {
  const a: PollutantAssessment = assessPollutant(p.substance, Number(p.value_mg_kg), landClass, backgrounds)
  return {
    id: Number(p.id),
    substance: p.substance,
    name: a.name,
    cas: a.cas,
    table: a.table,
    valueMgKg: a.valueMgKg,
    sampledOn: p.sampled_on,
    depthM: p.depth_m === null ? null : Number(p.depth_m),
    note: p.note,
    landClass: a.landClass,
    landClassName: a.landClassName,
    screening: a.screening,
    intervention: a.intervention,
    exceedsScreening: a.exceedsScreening,
    exceedsIntervention: a.exceedsIntervention,
    ratio: a.ratio,
    interventionRatio: a.interventionRatio,
    background: a.background,
    isExceedance: a.isExceedance,
  }
}

const EVENT_LABEL: Record<string, string> = {
  create: '列入疑似污染地块名单',
  import: '示例数据导入',
  registry_import: '批量导入登记',
  ...Object.fromEntries(Object.entries(PLOT_TRANSITIONS).map(([a, t]) => [a, t.label])),
}
const HISTORY_LABEL: Record<string, string> = {
  create: '新建',
  update: '修改',
  transition: '状态变更',
  pollutant: '污染物检测结果',
  negative_use: '负面清单',
  submit: '提交审定',
  approve: '审定通过',
  return: '退回',
  publish: '发布',
  reopen: '重新编辑',
}

/** The plot page: facts, next steps for this user, chronology, pollutants against GB 36600, negative list, zones, history. */
export async function plotProfile(
  db: Queryable,
  settings: PlotSettings,
  ctx: AuthContext,
  id: number,
): Promise<PlotProfile> {
  const row = await findPlot(db, id)
  if (!row) throw new AppError('NOT_FOUND', `没有编号为 ${id} 的污染地块`)
  assertCountyInScope(ctx, row.adcode, row.county)
  const landClass = landClassOf(row)
  const [events, pollutantRows, stored, zones, history] = await Promise.all([
    listPlotEvents(db, row.adcode, row.id),
    listPollutants(db, row.adcode, row.id),
    listNegativeUses(db, row.adcode, row.id),
    listPlotZones(db, row.adcode, row.id),
    listHistory(db, TABLE, row.id),
  ])
  const pollutants = pollutantRows.map((p) => describePollutant(p, landClass, settings.backgroundMgKg))
  const hasExceedance = pollutants.some((p) => p.isExceedance)
  const list = listOfPlotStatus(row.status)
  const keeper = {
    suspected: '县级生态环境主管部门',
    contaminated: '设区的市级生态环境主管部门',
    control: '省级生态环境主管部门',
    removed: '—',
  }[list]
  const isUnderReview = row.review_status === 'submitted' || row.review_status === 'approved'
  return {
    id: Number(row.id),
    code: row.code,
    name: row.name,
    adcode: row.adcode,
    county: row.county,
    status: row.status,
    statusName: labelOf(PLOT_STATUS, row.status),
    list: { code: list, name: PUBLIC_LISTS[list].name, keeper },
    riskLevel: row.risk_level,
    riskLevelName: row.risk_level ? labelOf(RISK_LEVEL, row.risk_level) : null,
    formerIndustry: row.former_industry,
    formerIndustryName: row.former_industry ? plotIndustryName(row.former_industry, row.former_industry_note) : null,
    formerIndustryNote: row.former_industry_note,
    landUser: row.land_user,
    address: row.address,
    contact: row.contact,
    plannedLandClass: row.planned_land_class,
    landClass,
    landClassName: LAND_CLASS_NAME[landClass],
    ...publicArea(row.area_m2),
    version: row.version,
    reviewStatus: row.review_status,
    reviewStatusName: labelOf(REVIEW_STATUS, row.review_status),
    updatedAt: isoOf(row.updated_at),
    updatedBy: row.updated_by,
    updatedByName: row.updated_by_name,
    isSample: row.is_generated,
    geometry: row.geometry,
    transitions: transitionsFrom(row.status).map((action) => {
      const t = PLOT_TRANSITIONS[action]
      const refusal = staticRefusal(row.status, action, ctx.user.role, hasExceedance, LAND_CLASS_NAME[landClass])
      const reviewRefusal = isUnderReview
        ? `地块正在审定中（${labelOf(REVIEW_STATUS, row.review_status)}），暂不能变更状态`
        : null
      const message = refusal && !refusal.ok ? refusal.message : reviewRefusal
      return {
        action,
        label: t.label,
        to: t.to,
        toName: labelOf(PLOT_STATUS, t.to),
        by: t.by,
        requires: t.requires as readonly Requirement[],
        publicEffect: t.publicEffect,
        isAllowed: message === null,
        ...(message ? { refusal: message } : {}),
      }
    }),
    events: events.map((e) => ({
      id: Number(e.id),
      action: e.action,
      label: EVENT_LABEL[e.action] ?? e.action,
      from: e.from_status,
      fromName: e.from_status ? labelOf(PLOT_STATUS, e.from_status) : null,
      to: e.to_status,
      toName: labelOf(PLOT_STATUS, e.to_status),
      at: isoOf(e.at),
      actor: e.actor,
      actorName: e.actor_name ?? e.actor,
      riskLevel: e.risk_level,
      ...(e.document ? { document: e.document } : {}),
      ...(e.review_document ? { reviewDocument: e.review_document } : {}),
      ...(e.reason ? { reason: e.reason } : {}),
    })),
    pollutants,
    hasExceedance,
    negativeList: negativeListOf(
      row.status,
      stored.map((s) => ({ useCode: s.use_code, basis: s.basis, reason: s.reason })),
    ),
    controlZones: zones.map((z) => ({
      id: Number(z.id),
      code: z.code,
      name: z.name,
      reviewStatus: z.review_status,
      reviewStatusName: labelOf(REVIEW_STATUS, z.review_status),
    })),
    history: history.map((h) => ({
      id: Number(h.id),
      action: h.action,
      actionName: HISTORY_LABEL[h.action] ?? h.action,
      actor: h.actor,
      actorName: h.actor_name ?? h.actor,
      reason: h.reason,
      changedAt: isoOf(h.changed_at),
      before: h.before,
      after: h.after,
    })),
  }
}
