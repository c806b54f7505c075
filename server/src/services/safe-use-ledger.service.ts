import ExcelJS from 'exceljs'
import type { Database, Queryable } from '../db/database.ts'
import { DEFAULT_RULE_SET } from '../domain/class-rules.ts'
import { controlCharacterAt } from '../domain/control-characters.ts'
import { AppError, type Problem } from '../domain/errors.ts'
import { refuseFailedImport, sheetImportReport } from '../domain/sheet-import.ts'
import { flagResult, type MonitoringJudgeSettings } from '../domain/monitoring.ts'
import { can } from '../domain/rights.ts'
import { REVIEW_STATUS_LABEL, isEditableInReview } from '../domain/review-workflow.ts'
import {
  BUCKET_NAME,
  CLASS_NAME,
  DEGREE_NAME,
  EXAMPLE_MARK,
  LEDGER_COLUMNS,
  checkLedgerCells,
  defaultDegree,
  describeVocabulary,
  ledgerInconsistency,
  missingFromLedger,
  needsDegreeReason,
  produceName,
  readLedgerHeader,
  type LedgerField,
  type Measure,
} from '../domain/safe-use-ledger.ts'
import { assignTerm, type PollutionDegree, type TermRule } from '../domain/safe-use-rate.ts'
import { assertCountyInScope } from '../domain/scope.ts'
import { MU_PER_M2, m2ToMu } from '../domain/units.ts'
import { listCounties } from '../repos/indicators.repo.ts'
import { insertHistory } from '../repos/review.repo.ts'
import {
  addMeasure,
  deleteLedgerRow,
  ensureLedger,
  findLedgerRow,
  findParcelsByCode,
  findParcelsById,
  insertLedgerRow,
  listClassChecks,
  listLedgerRows,
  listProduceResults,
  listRowKeys,
  listTownships,
  setMeasures,
  touchLedgerRows,
  updateLedgerRow,
  type LedgerFilter,
  type LedgerHead,
  type LedgerParcel,
  type LedgerRow as StoredLedgerRow,
  type RowValues,
} from '../repos/safe-use-ledger.repo.ts'
import type { AuthContext } from './auth.service.ts'
import { describeReview } from './review.service.ts'
import { openArchive, runHeavyUpload, type UploadGuardSettings } from './upload-guard.ts'
import type {
  ApplyMeasureAnswer,
  ClassChecksAnswer,
  LedgerAnswer,
  LedgerImportReport,
  LedgerRow,
  MeasuresAnswer,
} from '../../../contracts/safe-use-ledger.ts'

export interface SafeUseLedgerSettings {
  measures: Measure[]
  produceNearM: number
  importMaxBytes: number
  importMaxRows: number
  listLimit: number
  uploadGuard: UploadGuardSettings
}

export interface SafeUseLedgerDeps {
  db: Database
  settings: SafeUseLedgerSettings
  /** The rule of the 安全利用率 (which term a row counts in), shown beside each row. */
  termRule: TermRule
}

const SHEET_NAME = '安全利用台账'
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const round2 = (n: number) => Math.round(n * 100) / 100
const JUDGE: MonitoringJudgeSettings = {
  constructionLandClass: 'first',
  cropRules: { gb2762Edition: DEFAULT_RULE_SET.gb2762Edition, cropSeriousRatio: DEFAULT_RULE_SET.cropSeriousRatio },
}

/** The county of a code in the caller's scope (404 for an unknown code, 403 naming it outside the scope). */
async function countyOf(db: Queryable, ctx: AuthContext, adcode: string): Promise<{ adcode: string; name: string }> {
  const [county] = await listCounties(db, [adcode])
  if (!county) throw new AppError('NOT_FOUND', `没有行政区划代码为 ${adcode} 的区县`)
  assertCountyInScope(ctx, county.adcode, county.name)
  return county
}

const ledgerTitle = (head: { county: string; year: number }) => `${head.county} ${head.year} 年受污染耕地安全利用台账`

/** Why the ledger cannot be changed by this user now, or null when it can. */
function lockedReason(head: LedgerHead, ctx: AuthContext): string | null {
  if (!can(ctx.user.role, 'safeUse.edit')) return '台账由农业农村部门填报，您只能查看'
  if (isEditableInReview(head.review_status)) return null
  const status = REVIEW_STATUS_LABEL[head.review_status]
  const next = head.review_status === 'published' ? '请先“重新编辑”' : '如需修改，请审定人退回，或审定发布后“重新编辑”'
  return `${ledgerTitle(head)}${status}，已锁定，不能修改；${next}`
}

function assertEditable(head: LedgerHead, ctx: AuthContext): void {
  const reason = lockedReason(head, ctx)
  if (reason) throw new AppError('CONFLICT', reason, { reason: 'LEDGER_LOCKED' })
}

/** The produce outcome of each parcel from the year's crop results at 农产品产地 points in or near it (GB 2762). */
async function produceFromMonitoring(
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

type ProduceEntry = 'met' | 'exceeded' | 'none' | 'monitoring'

interface RowInput {
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
function prepareRow(
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

function rowOut(r: StoredLedgerRow, rule: TermRule): LedgerRow {
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

/** The measure vocabulary with each measure's bucket. */
export function listMeasures(deps: SafeUseLedgerDeps): MeasuresAnswer {
  return { measures: deps.settings.measures.map((m) => ({ ...m, bucketName: BUCKET_NAME[m.bucket] })) }
}

/** A county's ledger of a year with its review state, filtered rows, the vocabulary and the townships. */
export async function getLedger(
  deps: SafeUseLedgerDeps,
  ctx: AuthContext,
  query: { adcode: string; year: number } & LedgerFilter,
): Promise<LedgerAnswer> {
  const county = await countyOf(deps.db, ctx, query.adcode)
  const head = await ensureLedger(deps.db, county.adcode, query.year, false)
  const page = await listLedgerRows(deps.db, county.adcode, query.year, query, deps.settings.listLimit)
  const reason = lockedReason(head, ctx)
  return {
    adcode: county.adcode,
    county: county.name,
    year: query.year,
    review: describeReview('safe-use-ledger', head, ctx.user.role),
    isEditable: reason === null,
    lockedReason: reason,
    total: { count: page.totalCount, areaM2: round2(page.totalAreaM2), areaMu: round2(m2ToMu(page.totalAreaM2)) },
    isTruncated: page.totalCount > page.rows.length,
    rows: page.rows.map((r) => rowOut(r, deps.termRule)),
    vocabulary: deps.settings.measures.map((m) => ({ ...m, bucketName: BUCKET_NAME[m.bucket] })),
    townships: await listTownships(deps.db, county.adcode),
    produceNearM: deps.settings.produceNearM,
  }
}

async function rowById(deps: SafeUseLedgerDeps, adcode: string, year: number, id: number): Promise<LedgerRow> {
  const page = await listLedgerRows(deps.db, adcode, year, { id }, 1)
  return rowOut(page.rows[0], deps.termRule)
}

function refuse(problems: Problem[]): never {
  throw new AppError('VALIDATION', problems.map((p) => p.message).join('；'), { problems })
}

/** Adds a parcel of the county to its ledger of the year (farmland officer, ledger not locked). */
export async function addLedgerRow(
  deps: SafeUseLedgerDeps,
  ctx: AuthContext,
  input: RowInput & { adcode: string; year: number; parcelCode: string },
): Promise<LedgerRow> {
  const county = await countyOf(deps.db, ctx, input.adcode)
  const id = await deps.db.transaction(async (tx) => {
    const head = await ensureLedger(tx, county.adcode, input.year, true)
    assertEditable(head, ctx)
    const parcel = (await findParcelsByCode(tx, [input.parcelCode.trim()])).find((p) => p.adcode === county.adcode)
    if (!parcel)
      throw new AppError('VALIDATION', `${county.name}没有编号为「${input.parcelCode}」的耕地图斑`, {
        reason: 'UNKNOWN_PARCEL',
        field: 'parcelCode',
      })
    const monitored =
      input.produce === 'monitoring'
        ? (await produceFromMonitoring(tx, county.adcode, [parcel.id], input.year, deps.settings.produceNearM)).get(
            parcel.id,
          )
        : undefined
    const prepared = prepareRow(parcel, input, input.year, deps.settings.measures, monitored)
    if (!prepared.ok) refuse(prepared.problems)
    const created = await insertLedgerRow(tx, county.adcode, input.year, parcel, prepared.values, ctx.user.username)
    if (created === null)
      throw new AppError('CONFLICT', `图斑「${parcel.code}」已在${ledgerTitle(head)}中，请编辑该行`, {
        reason: 'DUPLICATE_ROW',
        field: 'parcelCode',
      })
    await setMeasures(tx, county.adcode, [{ id: created, measures: prepared.measures }])
    await insertHistory(tx, {
      adcode: county.adcode,
      entity: 'safe_use_account',
      entityId: created,
      action: 'create',
      actor: ctx.user.username,
      reason: null,
      before: null,
      after: { ...prepared.values, measures: prepared.measures.map((m) => m.name) },
    })
    return created
  })
  return rowById(deps, county.adcode, input.year, id)
}

/** Changes a ledger row at the version read; 409 in the officer's words when someone changed it meanwhile. */
export async function editLedgerRow(
  deps: SafeUseLedgerDeps,
  ctx: AuthContext,
  id: number,
  input: RowInput & { version: number },
): Promise<LedgerRow> {
  const before = await findLedgerRow(deps.db, id)
  if (!before) throw new AppError('NOT_FOUND', `没有编号为 ${id} 的台账行`)
  assertCountyInScope(ctx, before.adcode, before.county)
  await deps.db.transaction(async (tx) => {
    const head = await ensureLedger(tx, before.adcode, before.year, true)
    assertEditable(head, ctx)
    const parcel = (await findParcelsByCode(tx, [before.parcel_code])).find((p) => p.adcode === before.adcode)
    if (!parcel) throw new AppError('CONFLICT', `图斑「${before.parcel_code}」已不在耕地图斑中，该行不能修改，只能删除`)
    const monitored =
      input.produce === 'monitoring'
        ? (await produceFromMonitoring(tx, before.adcode, [parcel.id], before.year, deps.settings.produceNearM)).get(
            parcel.id,
          )
        : undefined
    const prepared = prepareRow(parcel, input, before.year, deps.settings.measures, monitored)
    if (!prepared.ok) refuse(prepared.problems)
    if (!(await updateLedgerRow(tx, before.adcode, id, input.version, prepared.values, ctx.user.username))) {
      const current = await findLedgerRow(tx, id)
      throw new AppError(
        'CONFLICT',
        `图斑「${before.parcel_code}」的台账行已被 ${current?.updated_by ?? '他人'} 修改或删除（您看到的是第 ${input.version} 版${current ? `，当前为第 ${current.version} 版` : ''}），请刷新后重试`,
        { reason: 'STALE_VERSION', currentVersion: current?.version ?? null },
      )
    }
    await setMeasures(tx, before.adcode, [{ id, measures: prepared.measures }])
    await insertHistory(tx, {
      adcode: before.adcode,
      entity: 'safe_use_account',
      entityId: id,
      action: 'update',
      actor: ctx.user.username,
      reason: null,
      before,
      after: { ...prepared.values, measures: prepared.measures.map((m) => m.name) },
    })
  })
  return rowById(deps, before.adcode, before.year, id)
}

/** Deletes a ledger row at the version read. */
export async function deleteLedgerRowAt(
  deps: SafeUseLedgerDeps,
  ctx: AuthContext,
  id: number,
  version: number,
): Promise<void> {
  const before = await findLedgerRow(deps.db, id)
  if (!before) throw new AppError('NOT_FOUND', `没有编号为 ${id} 的台账行`)
  assertCountyInScope(ctx, before.adcode, before.county)
  await deps.db.transaction(async (tx) => {
    const head = await ensureLedger(tx, before.adcode, before.year, true)
    assertEditable(head, ctx)
    if (!(await deleteLedgerRow(tx, before.adcode, id, version))) {
      const current = await findLedgerRow(tx, id)
      throw new AppError(
        'CONFLICT',
        `图斑「${before.parcel_code}」的台账行已被 ${current?.updated_by ?? '他人'} 修改或删除（您看到的是第 ${version} 版${current ? `，当前为第 ${current.version} 版` : ''}），请刷新后重试`,
        { reason: 'STALE_VERSION', currentVersion: current?.version ?? null },
      )
    }
    await insertHistory(tx, {
      adcode: before.adcode,
      entity: 'safe_use_account',
      entityId: id,
      action: 'delete',
      actor: ctx.user.username,
      reason: null,
      before,
      after: null,
    })
  })
}

/**
 * Applies one measure to every parcel selected on the map: a parcel already in the year's ledger gets the measure,
 * the others are added with the degree of their published class and the produce outcome of the monitoring. A
 * parcel of another county, or one whose published class gives no degree, refuses the whole action naming it.
 */
export async function applyMeasure(
  deps: SafeUseLedgerDeps,
  ctx: AuthContext,
  input: {
    adcode: string
    year: number
    parcelIds: number[]
    measure: string
    implementer?: string | null
    implementedFrom?: string | null
    implementedTo?: string | null
  },
): Promise<ApplyMeasureAnswer> {
  const county = await countyOf(deps.db, ctx, input.adcode)
  const measure = deps.settings.measures.find((m) => m.name === input.measure.trim())
  if (!measure)
    throw new AppError(
      'VALIDATION',
      `措施目录中没有「${input.measure}」（${describeVocabulary(deps.settings.measures)}）`,
      { reason: 'UNKNOWN_MEASURE', field: 'measure' },
    )
  return deps.db.transaction(async (tx) => {
    const head = await ensureLedger(tx, county.adcode, input.year, true)
    assertEditable(head, ctx)
    const ids = [...new Set(input.parcelIds)]
    const parcels = await findParcelsById(tx, ids)
    const problems: Problem[] = []
    ids.forEach((id, index) => {
      const p = parcels.find((x) => x.id === id)
      if (!p)
        problems.push({ code: 'UNKNOWN_PARCEL', index, field: 'parcelIds', message: `没有编号为 ${id} 的耕地图斑` })
      else if (p.adcode !== county.adcode)
        problems.push({
          code: 'OTHER_COUNTY',
          index,
          field: 'parcelIds',
          message: `图斑「${p.code}」属于${ctx.user.counties.some((c) => c.adcode === p.adcode) ? p.county : '其他区县'}，不是${ledgerTitle(head)}的图斑`,
        })
    })
    const keys = await listRowKeys(tx, county.adcode, input.year)
    const fresh = parcels.filter((p) => p.adcode === county.adcode && !keys.has(p.code))
    const monitored = await produceFromMonitoring(
      tx,
      county.adcode,
      fresh.map((p) => p.id),
      input.year,
      deps.settings.produceNearM,
    )
    const prepared = fresh.map((p) => ({
      parcel: p,
      result: prepareRow(
        p,
        { measures: [measure.name], produce: 'monitoring', ...input },
        input.year,
        deps.settings.measures,
        monitored.get(p.id),
      ),
    }))
    for (const { result } of prepared) if (!result.ok) problems.push(...result.problems)
    if (problems.length) refuse(problems)
    const created: string[] = []
    for (const { parcel, result } of prepared) {
      if (!result.ok) continue
      const id = await insertLedgerRow(tx, county.adcode, input.year, parcel, result.values, ctx.user.username)
      if (id === null) continue
      await setMeasures(tx, county.adcode, [{ id, measures: result.measures }])
      created.push(parcel.code)
    }
    const existing = parcels.filter((p) => keys.has(p.code))
    const addedIds = await addMeasure(
      tx,
      county.adcode,
      existing.map((p) => keys.get(p.code)!.id),
      measure,
    )
    await touchLedgerRows(tx, county.adcode, addedIds, ctx.user.username)
    const added = existing.filter((p) => addedIds.includes(keys.get(p.code)!.id)).map((p) => p.code)
    await insertHistory(tx, {
      adcode: county.adcode,
      entity: 'safe_use_ledger',
      entityId: head.id,
      action: 'update',
      actor: ctx.user.username,
      reason: null,
      before: null,
      after: { measure: measure.name, created, added },
    })
    return {
      measure: measure.name,
      bucketName: BUCKET_NAME[measure.bucket],
      created,
      added,
      unchanged: existing.filter((p) => !added.includes(p.code)).map((p) => p.code),
    }
  })
}

/** The agreement of the year's ledger with the published classes: each row or parcel that disagrees, and why. */
export async function getClassChecks(
  deps: SafeUseLedgerDeps,
  ctx: AuthContext,
  query: { adcode: string; year: number },
): Promise<ClassChecksAnswer> {
  const county = await countyOf(deps.db, ctx, query.adcode)
  const limit = deps.settings.listLimit
  const rows = await listClassChecks(deps.db, county.adcode, query.year, limit * 4)
  const items = rows.flatMap((r) => {
    const problem =
      r.isInLedger && r.degree
        ? ledgerInconsistency({ degree: r.degree, publishedClass: r.publishedClass })
        : missingFromLedger(r.publishedClass ?? 'unclassified')
    if (!problem) return []
    return [
      {
        code: problem.code,
        message: problem.message,
        rowId: r.id,
        parcelId: r.parcelId,
        parcelCode: r.parcelCode,
        degreeName: r.degree ? DEGREE_NAME[r.degree] : null,
        publishedClassName: r.publishedClass ? (CLASS_NAME[r.publishedClass] ?? r.publishedClass) : '图斑已不存在',
        areaMu: round2(m2ToMu(r.areaM2)),
        reason: r.degreeReason,
        isGenerated: r.isGenerated,
      },
    ]
  })
  return {
    adcode: county.adcode,
    county: county.name,
    year: query.year,
    count: items.length,
    isTruncated: items.length > limit,
    items: items.slice(0, limit),
  }
}

/** The cells of one ledger row as the template, the import and the export write them. */
function exportCells(r: LedgerRow, county: string): Record<LedgerField, string | number> {
  return {
    county,
    township: r.township ?? '',
    parcelCode: r.parcelCode,
    areaMu: r.areaMu,
    degree: r.degreeName,
    degreeReason: r.degreeReason ?? '',
    measures: r.measures.map((m) => m.name).join('、'),
    buckets: [...new Set(r.measures.map((m) => m.bucketName))].join('、'),
    implementer: r.implementer ?? '',
    implementedFrom: r.implementedFrom ?? '',
    implementedTo: r.implementedTo ?? '',
    produce: r.produceName,
    note: r.note ?? '',
  }
}

function ledgerSheet(workbook: ExcelJS.Workbook): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(SHEET_NAME, { views: [{ state: 'frozen', ySplit: 1 }] })
  sheet.columns = LEDGER_COLUMNS.map((c) => ({
    header: c.title,
    key: c.field,
    width: Math.max(10, c.title.length * 2 + 4),
    style: { numFmt: c.field === 'areaMu' ? '0.00' : '@' },
  }))
  sheet.getRow(1).font = { bold: true }
  sheet.getRow(1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8F0E0' } }
  return sheet
}

async function xlsxFile(workbook: ExcelJS.Workbook, utf8: string, ascii: string) {
  workbook.creator = '土壤环境一张图'
  return {
    contentType: XLSX_TYPE,
    fileName: { utf8, ascii },
    body: Buffer.from(await workbook.xlsx.writeBuffer()),
  }
}

/** The import template of a county's ledger: the columns, one example row, a 说明 sheet and the measure list. */
export async function buildLedgerTemplate(
  deps: SafeUseLedgerDeps,
  ctx: AuthContext,
  query: { adcode: string; year: number },
) {
  const county = await countyOf(deps.db, ctx, query.adcode)
  const workbook = new ExcelJS.Workbook()
  const sheet = ledgerSheet(workbook)
  const example = sheet.addRow(LEDGER_COLUMNS.map((c) => (c.field === 'county' ? county.name : c.example)))
  example.font = { italic: true, color: { argb: 'FF888888' } }
  const notes = workbook.addWorksheet('说明')
  notes.columns = [{ width: 18 }, { width: 8 }, { width: 80 }]
  notes.addRow([`${county.name} ${query.year} 年受污染耕地安全利用台账导入说明`]).font = { bold: true, size: 14 }
  notes.addRow(['每个图斑每年一行；已在台账中的图斑不能重复导入，请在台账中编辑。'])
  notes.addRow([`第 2 行是示例，备注列写“${EXAMPLE_MARK}”的行不导入，可删除或保留。`])
  notes.addRow([
    '导入方式：“全部有效才导入”时任何一行有错都不导入；“仅导入有效行”时只导入无错的行，有错的行列在报告中。',
  ])
  notes.addRow([
    `农产品是否达标留空时，按图斑内及 ${deps.settings.produceNearM} 米内农产品产地点位当年的监测结果（GB 2762）判定。`,
  ])
  notes.addRow([])
  notes.addRow(['列名', '必填', '可填写的值']).font = { bold: true }
  for (const c of LEDGER_COLUMNS) notes.addRow([c.title, c.isRequired ? '是' : '否', c.allowed])
  notes.addRow([])
  notes.addRow(['措施目录', '', describeVocabulary(deps.settings.measures)])
  notes.getColumn(3).alignment = { wrapText: true, vertical: 'top' }
  const list = workbook.addWorksheet('措施目录')
  list.columns = [
    { header: '措施', key: 'name', width: 28 },
    { header: '措施类别', key: 'bucket', width: 16 },
  ]
  for (const m of deps.settings.measures) list.addRow({ name: m.name, bucket: BUCKET_NAME[m.bucket] })
  return xlsxFile(
    workbook,
    `安全利用台账导入模板-${county.name}-${query.year}.xlsx`,
    `safe-use-ledger-template-${county.adcode}-${query.year}.xlsx`,
  )
}

/** The year's ledger as the province collects it (XLSX). */
export async function exportLedger(deps: SafeUseLedgerDeps, ctx: AuthContext, query: { adcode: string; year: number }) {
  const answer = await getLedger(deps, ctx, query)
  const workbook = new ExcelJS.Workbook()
  const sheet = ledgerSheet(workbook)
  for (const r of answer.rows) sheet.addRow(exportCells(r, answer.county))
  return xlsxFile(
    workbook,
    `受污染耕地安全利用台账-${answer.county}-${query.year}.xlsx`,
    `safe-use-ledger-${answer.adcode}-${query.year}.xlsx`,
  )
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return ''
  if (value instanceof Date) return value.toISOString().slice(0, 10)
  if (typeof value === 'object') {
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue)
    if ('richText' in value) return value.richText.map((t) => t.text).join('')
    if ('text' in value) return String(value.text)
    return ''
  }
  return String(value)
}

const NOT_EXCEL = '文件无法作为 Excel（.xlsx）读取，请用台账导入模板填写后上传'

/** The sheet's rows (row number and cell texts), the file as a whole checked; 400/413 naming what is wrong. */
async function readLedgerFile(
  fileName: string,
  bytes: Buffer,
  settings: SafeUseLedgerSettings,
): Promise<{ row: number; cells: string[] }[]> {
  if (!fileName.toLowerCase().endsWith('.xlsx'))
    throw new AppError('VALIDATION', `文件「${fileName}」不是 .xlsx，请使用台账导入模板`, { reason: 'WRONG_FILE_TYPE' })
  openArchive(
    bytes,
    { label: '表格', malformed: NOT_EXCEL, hint: '请删去多余的行和表，或分成几个文件导入' },
    settings.uploadGuard,
  )
  const workbook = new ExcelJS.Workbook()
  await runHeavyUpload(settings.uploadGuard, async () => {
    try {
      await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer)
    } catch {
      throw new AppError('VALIDATION', NOT_EXCEL, { reason: 'MALFORMED_FILE' })
    }
  })
  const sheet =
    workbook.getWorksheet(SHEET_NAME) ?? workbook.worksheets.find((s) => !['说明', '措施目录'].includes(s.name))
  if (!sheet) throw new AppError('VALIDATION', 'Excel 文件中没有台账表，请使用台账导入模板')
  const rows: { row: number; cells: string[] }[] = []
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    const width = Math.max(row.cellCount, LEDGER_COLUMNS.length)
    const cells = Array.from({ length: width }, (_, i) => cellText(row.getCell(i + 1).value).trim())
    if (cells.some(Boolean)) rows.push({ row: number, cells })
  })
  if (rows.length > settings.importMaxRows + 2)
    throw new AppError(
      'PAYLOAD_TOO_LARGE',
      `文件有 ${rows.length - 1} 行数据，一次最多导入 ${settings.importMaxRows} 行，请分成几个文件`,
    )
  for (const r of rows) {
    const column = r.cells.findIndex((c) => controlCharacterAt(c) !== null)
    if (column >= 0)
      throw new AppError('VALIDATION', `第 ${r.row} 行第 ${column + 1} 列含有不可见的控制字符，请删除后重试`, {
        reason: 'CONTROL_CHARACTER',
      })
  }
  return rows
}

const FIELD_COLUMN: Record<string, LedgerField> = {
  degree: 'degree',
  degreeReason: 'degreeReason',
  measures: 'measures',
  areaMu: 'areaMu',
  implementedFrom: 'implementedFrom',
  implementedTo: 'implementedTo',
}
const columnTitle = (field: LedgerField) => LEDGER_COLUMNS.find((c) => c.field === field)!.title

/**
 * Imports rows into a county's ledger of a year from the template: every row checked (values, the parcel in this
 * county, measures in the vocabulary, dates, area, not a duplicate in the file or of a row already kept), then,
 * unless a dry run, written in one transaction: mode `all` writes nothing when any row fails (422 with the report),
 * `valid-only` the good rows (422 when none is good).
 */
export async function importLedger(
  deps: SafeUseLedgerDeps,
  ctx: AuthContext,
  input: {
    adcode: string
    year: number
    fileName: string
    bytes: Buffer
    mode: 'all' | 'valid-only'
    isDryRun: boolean
  },
): Promise<LedgerImportReport> {
  const county = await countyOf(deps.db, ctx, input.adcode)
  const sheet = await readLedgerFile(input.fileName, input.bytes, deps.settings)
  const [header, ...data] = sheet
  if (!header) throw new AppError('VALIDATION', '文件是空的，请使用台账导入模板填写后上传')
  const head = readLedgerHeader(header.cells)
  if (!head.ok) throw new AppError('VALIDATION', head.message, { reason: 'WRONG_COLUMNS' })
  const get = (cells: string[]) => (field: LedgerField) => {
    const i = head.index.get(field)
    return i === undefined ? '' : (cells[i] ?? '')
  }
  const rows = data.filter((r) => get(r.cells)('note') !== EXAMPLE_MARK)
  if (!rows.length) throw new AppError('VALIDATION', '文件中没有数据行（示例行不计），请填写后上传')
  return deps.db.transaction(async (tx) => {
    const ledger = await ensureLedger(tx, county.adcode, input.year, true)
    assertEditable(ledger, ctx)
    const codes = [...new Set(rows.map((r) => get(r.cells)('parcelCode')).filter(Boolean))]
    const found = await findParcelsByCode(tx, codes)
    const kept = await listRowKeys(tx, county.adcode, input.year)
    const errors: LedgerImportReport['errors'] = []
    const checked: { row: number; parcel: LedgerParcel; value: ReturnType<typeof checkLedgerCells> & { ok: true } }[] =
      []
    const seen = new Map<string, number>()
    for (const r of rows) {
      const cells = get(r.cells)
      const fail = (column: string, message: string) =>
        errors.push({ row: r.row, column, message: `第 ${r.row} 行${message}` })
      const value = checkLedgerCells(cells, deps.settings.measures, input.year)
      if (!value.ok) {
        for (const p of value.problems) fail(p.column, p.message)
        continue
      }
      const v = value.value
      if (v.county && v.county !== county.name) {
        fail(columnTitle('county'), `「${columnTitle('county')}」是「${v.county}」，不是本台账的区县（${county.name}）`)
        continue
      }
      const parcel = found.find((p) => p.code === v.parcelCode && p.adcode === county.adcode)
      if (!parcel) {
        const other = found.find((p) => p.code === v.parcelCode && ctx.user.counties.some((c) => c.adcode === p.adcode))
        fail(
          columnTitle('parcelCode'),
          other
            ? `「图斑编号」：图斑「${v.parcelCode}」属于${other.county}，不是${ledgerTitle(ledger)}的图斑`
            : `「图斑编号」：${county.name}没有编号为「${v.parcelCode}」的耕地图斑`,
        )
        continue
      }
      if (kept.has(parcel.code)) {
        fail(
          columnTitle('parcelCode'),
          `「图斑编号」：图斑「${parcel.code}」已在${ledgerTitle(ledger)}中，不能重复导入；请在台账中编辑`,
        )
        continue
      }
      if (seen.has(parcel.code)) {
        fail(columnTitle('parcelCode'), `「图斑编号」：图斑「${parcel.code}」与第 ${seen.get(parcel.code)} 行重复`)
        continue
      }
      seen.set(parcel.code, r.row)
      checked.push({ row: r.row, parcel, value })
    }
    const monitored = await produceFromMonitoring(
      tx,
      county.adcode,
      checked.filter((c) => c.value.value.produce === undefined).map((c) => c.parcel.id),
      input.year,
      deps.settings.produceNearM,
    )
    const planned: { parcel: LedgerParcel; values: RowValues; measures: Measure[] }[] = []
    for (const c of checked) {
      const v = c.value.value
      const produce: ProduceEntry =
        v.produce === undefined ? 'monitoring' : v.produce === null ? 'none' : v.produce ? 'met' : 'exceeded'
      const prepared = prepareRow(
        c.parcel,
        { ...v, measures: v.measures.map((m) => m.name), produce },
        input.year,
        deps.settings.measures,
        monitored.get(c.parcel.id),
      )
      if (!prepared.ok) {
        for (const p of prepared.problems) {
          const title = columnTitle(FIELD_COLUMN[p.field ?? ''] ?? 'parcelCode')
          errors.push({ row: c.row, column: title, message: `第 ${c.row} 行「${title}」：${p.message}` })
        }
        continue
      }
      planned.push({ parcel: c.parcel, values: prepared.values, measures: prepared.measures })
    }
    errors.sort((a, b) => a.row - b.row)
    const report: LedgerImportReport = sheetImportReport(input, rows.length, planned.length, errors)
    if (input.isDryRun) return report
    refuseFailedImport(report, planned.length, '行')
    const lists: { id: number; measures: Measure[] }[] = []
    for (const p of planned) {
      const id = await insertLedgerRow(tx, county.adcode, input.year, p.parcel, p.values, ctx.user.username)
      if (id !== null) lists.push({ id, measures: p.measures })
    }
    await setMeasures(tx, county.adcode, lists)
    await insertHistory(tx, {
      adcode: county.adcode,
      entity: 'safe_use_ledger',
      entityId: ledger.id,
      action: 'import',
      actor: ctx.user.username,
      reason: null,
      before: null,
      after: { fileName: input.fileName, mode: input.mode, imported: lists.length, failed: report.failed },
    })
    return { ...report, imported: lists.length }
  })
}
