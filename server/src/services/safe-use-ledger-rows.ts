import type { Queryable } from '../db/database.ts'
import { DEFAULT_RULE_SET } from '../domain/class-rules.ts'
import { AppError, type Problem } from '../domain/errors.ts'
import { flagResult, type MonitoringJudgeSettings } from '../domain/monitoring.ts'
import { can } from '../domain/rights.ts'
import { REVIEW_STATUS_LABEL, isEditableInReview } from '../domain/review-workflow.ts'
import {
  BUCKET_NAME,
  CLASS_NAME,
  DEGREE_NAME,
  defaultDegree,
  describeVocabulary,
  ledgerInconsistency,
  needsDegreeReason,
  produceName,
  type Measure,
} from '../domain/safe-use-ledger.ts'
import { assignTerm, type PollutionDegree, type TermRule } from '../domain/safe-use-rate.ts'
import { assertCountyInScope } from '../domain/scope.ts'
import { MU_PER_M2, m2ToMu } from '../domain/units.ts'
import { listCounties } from '../repos/indicators.repo.ts'
import {
  listProduceResults,
  type LedgerHead,
  type LedgerParcel,
  type LedgerRow as StoredLedgerRow,
  type RowValues,
} from '../repos/safe-use-ledger.repo.ts'
import type { AuthContext } from './auth.service.ts'
import type { LedgerRow } from '../../../contracts/safe-use-ledger.ts'

/*
 * The pieces every change of the 受污染耕地安全利用台账 shares (the form, the map's measure, the import): the county
 * and lock checks, the produce outcome from the monitoring, a row's values checked, and a stored row as answered.
 */

export const round2 = (n: number) => Math.round(n * 100) / 100
const JUDGE: MonitoringJudgeSettings = {
  constructionLandClass: 'first',
  cropRules: { gb2762Edition: DEFAULT_RULE_SET.gb2762Edition, cropSeriousRatio: DEFAULT_RULE_SET.cropSeriousRatio },
}

/** The county of a code in the caller's scope (404 for an unknown code, 403 naming it outside the scope). */
export async function countyOf(
  db: Queryable,
  ctx: AuthContext,
  adcode: string,
): Promise<{ adcode: string; name: string }> {
  const [county] = await listCounties(db, [adcode])
  if (!county) throw new AppError('NOT_FOUND', `没有行政区划代码为 ${adcode} 的区县`)
  assertCountyInScope(ctx, county.adcode, county.name)
  return county
}

export const ledgerTitle = (head: { county: string; year: number }) =>
  `${head.county} ${head.year} 年受污染耕地安全利用台账`

/** Why the ledger cannot be changed by this user now, or null when it can. */
export function lockedReason(head: LedgerHead, ctx: AuthContext): string | null {
  if (!can(ctx.user.role, 'safeUse.edit')) return '台账由农业农村部门填报，您只能查看'
  if (isEditableInReview(head.review_status)) return null
  const status = REVIEW_STATUS_LABEL[head.review_status]
  const next = head.review_status === 'published' ? '请先“重新编辑”' : '如需修改，请审定人退回，或审定发布后“重新编辑”'
  return `${ledgerTitle(head)}${status}，已锁定，不能修改；${next}`
}

export function assertEditable(head: LedgerHead, ctx: AuthContext): void {
  const reason = lockedReason(head, ctx)
  if (reason) throw new AppError('CONFLICT', reason, { reason: 'LEDGER_LOCKED' })
}

/** The produce outcome of each parcel from the year's crop results at 农产品产地 points in or near it (GB 2762). */
export async function produceFromMonitoring(
  db: Queryable,
  adcode: string,
  parcelIds: number[],
  year: number,
  nearM: number,
): Promise<Map<number, { compliant: boolean | null; basis: string }>> {
  const results = await listProduceResults(db, adcode, parcelIds, year, nearM)
  const out = new Map<number, { compliant: boolean | null; basis: string }>()
  for (const id of parcelIds) {
    const mine = results.filter((r) => r.parcelId === id)
    const judged = mine.map((r) => {
      const flags = flagResult(
        { medium: 'crop', crop: r.crop, ph: null, values: r.values },
        { kind: 'none', label: '' },
        JUDGE,
      )
      const where = `点位 ${r.pointCode}（${r.distanceM < 1 ? '图斑内' : `距图斑 ${Math.round(r.distanceM)} 米`}）${r.sampledOn} ${r.crop ?? ''}`
      const over = flags.filter((f) => f.level === 'limit')
      if (over.length) return { compliant: false, basis: `${where}：${over.map((f) => f.message).join('；')}` }
      if (flags.some((f) => f.level === 'ok'))
        return { compliant: true, basis: `${where}：各项未超过 ${JUDGE.cropRules.gb2762Edition} 限量` }
      return null
    })
    const exceeded = judged.find((j) => j?.compliant === false)
    const met = judged.find((j) => j?.compliant === true)
    out.set(
      id,
      exceeded ??
        met ?? {
          compliant: null,
          basis: `图斑内及 ${nearM} 米内没有 ${year} 年农产品产地点位的农产品监测结果`,
        },
    )
  }
  return out
}

export type ProduceEntry = 'met' | 'exceeded' | 'none' | 'monitoring'

export interface RowInput {
  degree?: PollutionDegree | null
  degreeReason?: string | null
  measures: string[]
  areaMu?: number | null
  implementer?: string | null
  implementedFrom?: string | null
  implementedTo?: string | null
  produce: ProduceEntry
  note?: string | null
}

/** The stored values of a row for a parcel, or the problems (field and message) with what was entered. */
export function prepareRow(
  parcel: LedgerParcel,
  input: RowInput,
  year: number,
  vocabulary: readonly Measure[],
  monitored: { compliant: boolean | null; basis: string } | undefined,
): { ok: true; values: RowValues; measures: Measure[] } | { ok: false; problems: Problem[] } {
  const problems: Problem[] = []
  const fail = (field: string, message: string) => problems.push({ code: 'INVALID_FIELD', field, message })
  const fromClass = defaultDegree(parcel.publishedClass, parcel.cropResult)
  const degree = input.degree ?? fromClass
  const reason = input.degreeReason?.trim() || null
  const className = CLASS_NAME[parcel.publishedClass] ?? parcel.publishedClass
  if (!degree)
    fail('degree', `图斑「${parcel.code}」已公布为${className}，公布的类别不给出污染程度：请填写污染程度并说明理由`)
  else if (needsDegreeReason(degree, fromClass) && !reason)
    fail(
      'degreeReason',
      `图斑「${parcel.code}」已公布为${className}${fromClass ? `（按公布类别为${DEGREE_NAME[fromClass]}）` : ''}，按${DEGREE_NAME[degree]}污染计入须填写污染程度调整理由`,
    )
  const measures: Measure[] = []
  for (const name of input.measures) {
    const m = vocabulary.find((v) => v.name === name.trim())
    if (!m) fail('measures', `措施目录中没有「${name}」（${describeVocabulary(vocabulary)}）`)
    else if (measures.includes(m)) fail('measures', `措施「${name}」重复填写`)
    else measures.push(m)
  }
  const parcelMu = m2ToMu(parcel.areaM2)
  let areaM2 = parcel.areaM2
  if (input.areaMu !== null && input.areaMu !== undefined) {
    if (input.areaMu > round2(parcelMu) + 0.01)
      fail('areaMu', `面积 ${input.areaMu} 亩超过图斑「${parcel.code}」的面积 ${round2(parcelMu)} 亩`)
    else areaM2 = Math.abs(input.areaMu - round2(parcelMu)) <= 0.005 ? parcel.areaM2 : input.areaMu / MU_PER_M2
  }
  const from = input.implementedFrom ?? null
  const to = input.implementedTo ?? null
  if (from && to && to < from) fail('implementedTo', `实施结束日期 ${to} 早于开始日期 ${from}`)
  if (from && from > `${year}-12-31`) fail('implementedFrom', `实施开始日期 ${from} 晚于 ${year} 年底`)
  if (to && to < `${year}-01-01`) fail('implementedTo', `实施结束日期 ${to} 早于 ${year} 年初`)
  if (problems.length || !degree) return { ok: false, problems }
  const entered = { met: true, exceeded: false, none: null, monitoring: null }[input.produce]
  const isMonitored = input.produce === 'monitoring'
  return {
    ok: true,
    measures,
    values: {
      degree,
      degreeReason: degree === fromClass ? null : reason,
      areaM2,
      produceCompliant: isMonitored ? (monitored?.compliant ?? null) : entered,
      produceSource: isMonitored ? 'monitoring' : 'entered',
      produceBasis: isMonitored ? (monitored?.basis ?? null) : null,
      implementer: input.implementer?.trim() || null,
      implementedFrom: from,
      implementedTo: to,
      note: input.note?.trim() || null,
    },
  }
}

export function rowOut(r: StoredLedgerRow, rule: TermRule): LedgerRow {
  const strictest = r.isInBanZone
    ? 'strict'
    : r.measures.reduce<Measure['bucket'] | null>(
        (s, m) =>
          s === null ||
          ['priority', 'safe_use', 'strict'].indexOf(m.bucket) > ['priority', 'safe_use', 'strict'].indexOf(s)
            ? m.bucket
            : s,
        null,
      )
  const term = assignTerm({ degree: r.degree, strictest, produceCompliant: r.produceCompliant }, rule)
  const problem = ledgerInconsistency({ degree: r.degree, publishedClass: r.publishedClass })
  return {
    id: r.id,
    parcelId: r.parcelId,
    parcelCode: r.parcelCode,
    townshipCode: r.townshipCode,
    township: r.township,
    dlbm: r.dlbm,
    degree: r.degree,
    degreeName: DEGREE_NAME[r.degree],
    degreeReason: r.degreeReason,
    classDegree: r.publishedClass ? defaultDegree(r.publishedClass, r.cropResult) : null,
    publishedClass: r.publishedClass,
    publishedClassName: r.publishedClass ? (CLASS_NAME[r.publishedClass] ?? r.publishedClass) : '图斑已不存在',
    areaM2: round2(r.areaM2),
    areaMu: round2(m2ToMu(r.areaM2)),
    measures: r.measures.map((m) => ({ ...m, bucketName: BUCKET_NAME[m.bucket] })),
    implementer: r.implementer,
    implementedFrom: r.implementedFrom,
    implementedTo: r.implementedTo,
    produce: r.produceCompliant === null ? 'none' : r.produceCompliant ? 'met' : 'exceeded',
    produceName: produceName(r.produceCompliant),
    produceSource: r.produceSource,
    produceBasis: r.produceBasis,
    term: term.term,
    termReason: term.reason,
    inconsistency: problem?.message ?? null,
    note: r.note,
    isGenerated: r.isGenerated,
    version: r.version,
    updatedBy: r.updatedBy,
    updatedAt: r.updatedAt,
  }
}

export function refuse(problems: Problem[]): never {
  throw new AppError('VALIDATION', problems.map((p) => p.message).join('；'), { problems })
}
