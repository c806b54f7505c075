import type { Database } from '../db/database.ts'
import { AppError, type Problem } from '../domain/errors.ts'
import {
  BUCKET_NAME,
  CLASS_NAME,
  DEGREE_NAME,
  describeVocabulary,
  ledgerInconsistency,
  missingFromLedger,
  type Measure,
} from '../domain/safe-use-ledger.ts'
import type { TermRule } from '../domain/safe-use-rate.ts'
import { assertCountyInScope } from '../domain/scope.ts'
import { m2ToMu } from '../domain/units.ts'
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
  listRowKeys,
  listTownships,
  setMeasures,
  touchLedgerRows,
  updateLedgerRow,
  type LedgerFilter,
} from '../repos/safe-use-ledger.repo.ts'
import type { AuthContext } from './auth.service.ts'
import { describeReview } from './review.service.ts'
import {
  assertEditable,
  countyOf,
  ledgerTitle,
  lockedReason,
  prepareRow,
  produceFromMonitoring,
  refuse,
  round2,
  rowOut,
  type RowInput,
} from './safe-use-ledger-rows.ts'
import { type UploadGuardSettings } from './upload-guard.ts'
import type {
  ApplyMeasureAnswer,
  ClassChecksAnswer,
  LedgerAnswer,
  LedgerRow,
  MeasuresAnswer,
} from '../../../contracts/safe-use-ledger.ts'

/** 受污染耕地安全利用台账: the measure vocabulary, how near a 农产品产地 point counts, and the import's limits. */
export interface SafeUseLedgerSettings {
  /** The measures with their bucket (SAFE_USE_MEASURES, `名称:类别;…`). */
  measures: Measure[]
  /** A 农产品产地 point within this distance of a parcel (or inside it) gives its produce outcome (R, a setting). */
  produceNearM: number
  importMaxBytes: number
  importMaxRows: number
  /** Most rows one ledger answer holds. */
  listLimit: number
  uploadGuard: UploadGuardSettings
}

export interface SafeUseLedgerDeps {
  db: Database
  settings: SafeUseLedgerSettings
  /** The rule of the 安全利用率 (which term a row counts in), shown beside each row. */
  termRule: TermRule
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
