import type { Database } from '../db/database.ts'
import { AppError } from '../domain/errors.ts'
import { FARMLAND_CLASS } from '../domain/labels.ts'
import {
  DECISION_LABEL,
  describeClassWarning,
  describeConflict,
  MATCH_KIND_LABEL,
  MATCH_KINDS,
  summarizePlan,
  undecidedMessage,
  type Decision,
  type MatchKind,
} from '../domain/land-update.ts'
import { can } from '../domain/rights.ts'
import { assertCountyInScope } from '../domain/scope.ts'
import { m2ToMu } from '../domain/units.ts'
import { countCountyParcels, findImport } from '../repos/land-import.repo.ts'
import {
  buildPlan,
  countKinds,
  countUndecided,
  decideConflicts,
  findRetired,
  findUpdate,
  listConflicts,
  listPlanFeatures,
  listRetired,
  listApplyingUpdates,
  listWarnings,
  lockCountyUpdates,
  restoreParcel,
  setUpdateStatus,
  startUpdateApply,
  summarizePlan as summarizePlanRows,
  upsertUpdate,
  type LandUpdateRow,
} from '../repos/land-update.repo.ts'
import type { AuthContext } from './auth.service.ts'
import { UPDATE_LAYERS, type LandUpdateRunner } from './land-update-runner.ts'

/** config.landUpdate; R 待核实, choices of this system. */
export interface LandUpdateSettings {
  /** Outlines whose symmetric difference is below this fraction of the parcel's area are the same outline. */
  geometryTolerance: number
  /** Most features the preview map gets in one answer. */
  mapFeatureLimit: number
  /** Plan lines per batch when applying. */
  batchSize: number
  /** A retired parcel overlapping today's parcels by more than this is not restored, m². */
  restoreOverlapToleranceM2: number
}

export interface LandUpdateDeps {
  db: Database
  settings: LandUpdateSettings
  runner: LandUpdateRunner
  onChanged: (layers: string[]) => void
}

const STATUS_LABEL: Readonly<Record<LandUpdateRow['status'], string>> = {
  planned: '已生成变更预览，待应用',
  applying: '正在应用',
  applied: '已应用',
  cancelled: '已取消',
  failed: '失败',
}

const round2 = (v: number) => Math.round(v * 100) / 100
const iso = (d: Date | null) => (d ? d.toISOString() : null)

/**
 * 年度变更调查: a checked DLTB import of a county whose parcels came from an earlier import is matched to them
 * (plan), reviewed (counts, map, warnings, conflicts), the conflicts decided, and applied in the background in one
 * transaction; parcels it retired can be restored.
 */
export class LandUpdateService {
  constructor(private readonly deps: LandUpdateDeps) {}

  private assertCanUpdate(ctx: AuthContext) {
    if (!can(ctx.user.role, 'land.import'))
      throw new AppError('FORBIDDEN', '只有农业农村部门或管理员可以进行年度变更调查更新')
  }

  private async loadInScope(ctx: AuthContext, importId: number): Promise<LandUpdateRow> {
    const row = await findUpdate(this.deps.db, importId)
    if (!row) {
      const imp = await findImport(this.deps.db, importId)
      if (imp) assertCountyInScope(ctx, imp.adcode, imp.county_name)
      throw new AppError('NOT_FOUND', `第 ${importId} 次导入还没有生成年度变更预览`)
    }
    assertCountyInScope(ctx, row.adcode, row.county_name)
    if (row.status === 'applying' && !this.deps.runner.isActive(importId)) {
      const message = '应用过程被中断（服务器重启），已全部撤销，耕地图斑没有任何改动；可以重新应用'
      await setUpdateStatus(this.deps.db, importId, { status: 'failed', message, done: 0 })
      return { ...row, status: 'failed', message, progress_done: 0 }
    }
    return row
  }

  /** Matches a checked DLTB import to the county's parcels and answers the preview; nothing of the parcels moves. */
  async plan(ctx: AuthContext, importId: number) {
    this.assertCanUpdate(ctx)
    const { db, settings } = this.deps
    const imp = await findImport(db, importId)
    if (!imp) throw new AppError('NOT_FOUND', `没有编号为 ${importId} 的三调图斑导入`)
    assertCountyInScope(ctx, imp.adcode, imp.county_name)
    if (imp.kind !== 'dltb') throw new AppError('VALIDATION', '年度变更只能用地类图斑（DLTB）图层')
    if (imp.status !== 'checked')
      throw new AppError(
        'CONFLICT',
        `第 ${importId} 次导入${imp.status === 'applied' ? '已经应用过了' : '还没有检查完成'}，不能生成年度变更预览`,
      )
    if ((await countCountyParcels(db, imp.adcode)) === 0)
      throw new AppError('CONFLICT', `${imp.county_name}还没有耕地图斑，请直接应用首次导入，不需要年度变更`, {
        reason: 'COUNTY_HAS_NO_PARCELS',
      })
    await db.transaction(async (tx) => {
      const ok = await upsertUpdate(tx, {
        importId,
        adcode: imp.adcode,
        tolerance: settings.geometryTolerance,
        actor: ctx.user.username,
      })
      if (!ok) throw new AppError('CONFLICT', '本次年度变更正在应用或已经应用，不能重新生成预览')
      await buildPlan(tx, importId, imp.adcode, settings.geometryTolerance)
    })
    return this.preview(ctx, importId)
  }

  private statusAnswer(row: LandUpdateRow) {
    const live = this.deps.runner.progressOf(Number(row.import_id))
    return {
      importId: Number(row.import_id),
      status: row.status,
      statusLabel: STATUS_LABEL[row.status],
      progress: live ?? { done: row.progress_done, total: row.progress_total },
      result: row.result,
      message: row.message,
    }
  }

  /** The change before applying: counts and 亩 by kind, class and township, the warnings and the conflicts. */
  async preview(ctx: AuthContext, importId: number) {
    const row = await this.loadInScope(ctx, importId)
    const { db } = this.deps
    const groups = await summarizePlanRows(db, importId)
    const summary = summarizePlan(
      groups.map((g) => ({
        kind: g.kind,
        class: g.class,
        townshipCode: g.township_code,
        townshipName: g.township_name,
        parcels: g.parcels,
        areaM2: g.area_m2,
      })),
    )
    const warnings = (await listWarnings(db, importId)).map((w) => ({
      parcelId: Number(w.parcel_id),
      code: w.code,
      class: w.class,
      className: FARMLAND_CLASS[w.class],
      kind: w.kind,
      kindLabel: MATCH_KIND_LABEL[w.kind],
      townshipName: w.township_name,
      areaMu: round2(m2ToMu(w.area_m2)),
      newAreaMu: w.new_area_m2 === null ? null : round2(m2ToMu(w.new_area_m2)),
      point: w.point,
      message: describeClassWarning({
        kind: w.kind,
        code: w.code,
        class: w.class,
        townshipName: w.township_name,
        areaM2: w.area_m2,
        newAreaM2: w.new_area_m2,
      }),
    }))
    const conflicts = (await listConflicts(db, importId)).map((c) => ({
      parcelId: Number(c.parcel_id),
      kind: c.kind,
      kindLabel: MATCH_KIND_LABEL[c.kind],
      decision: c.decision,
      decisionLabel: c.decision ? DECISION_LABEL[c.decision] : null,
      decidedBy: c.decided_by,
      message: describeConflict({
        kind: c.kind,
        code: c.code,
        isReshaped: c.is_reshaped,
        isRecoded: c.is_recoded,
        dlbm: c.dlbm,
        newDlbm: c.new_dlbm,
        editedBy: c.edited_by,
      }),
      ours: {
        code: c.code,
        class: c.class,
        dlbm: c.dlbm,
        areaMu: round2(m2ToMu(c.area_m2)),
        version: c.version,
        editedBy: c.edited_by,
        editedAt: iso(c.edited_at),
        geometry: c.geometry,
      },
      theirs:
        c.seq === null
          ? null
          : {
              seq: c.seq,
              bsm: c.bsm,
              dlbm: c.new_dlbm,
              dlmc: c.new_dlmc,
              areaMu: round2(m2ToMu(c.new_area_m2 ?? 0)),
              geometry: c.new_geometry,
            },
    }))
    const undecided = conflicts.filter((c) => c.decision === null).length
    return {
      importId,
      adcode: row.adcode,
      countyName: row.county_name,
      tolerance: row.tolerance,
      status: this.statusAnswer(row),
      kinds: MATCH_KINDS.map((k) => ({ kind: k, label: MATCH_KIND_LABEL[k] })),
      ...summary,
      warnings,
      conflicts,
      undecided,
      canApply: undecided === 0 && ['planned', 'cancelled', 'failed'].includes(row.status),
    }
  }

  /** The plan on the map (changed and added in their new outline, retired in the old), `kind` per feature. */
  async features(ctx: AuthContext, importId: number, kinds: MatchKind[] | undefined) {
    await this.loadInScope(ctx, importId)
    const chosen = kinds?.length ? kinds : (['changed', 'added', 'retired'] as MatchKind[])
    return listPlanFeatures(this.deps.db, importId, chosen, this.deps.settings.mapFeatureLimit)
  }

  /** Decides conflicts: the given parcels', or all of them. */
  async decide(ctx: AuthContext, importId: number, body: { parcelIds?: number[]; decision: Decision }) {
    this.assertCanUpdate(ctx)
    const row = await this.loadInScope(ctx, importId)
    if (!['planned', 'cancelled', 'failed'].includes(row.status))
      throw new AppError('CONFLICT', `本次年度变更${STATUS_LABEL[row.status]}，不能再改冲突的处理方式`)
    const ids = body.parcelIds ?? null
    const decided = await decideConflicts(this.deps.db, importId, ids, body.decision, ctx.user.username)
    const missing = (ids ?? []).filter((id) => !decided.includes(id))
    if (missing.length)
      throw new AppError('VALIDATION', `耕地图斑（编号 ${missing.join('、')}）不是本次年度变更的冲突图斑`, {
        problems: missing.map((id, index) => ({
          code: 'NOT_A_CONFLICT',
          message: `编号 ${id} 的耕地图斑不是本次年度变更的冲突图斑`,
          field: 'parcelIds',
          index,
        })),
      })
    return { decided: decided.length, undecided: await countUndecided(this.deps.db, importId) }
  }

  /** Starts applying the plan in the background; refused while a conflict is undecided. */
  async apply(ctx: AuthContext, importId: number) {
    this.assertCanUpdate(ctx)
    const row = await this.loadInScope(ctx, importId)
    const { db, runner } = this.deps
    if (row.status === 'applied') throw new AppError('CONFLICT', '本次年度变更已经应用过了')
    if (row.status === 'applying') throw new AppError('CONFLICT', '本次年度变更正在应用中')
    const imp = await findImport(db, importId)
    if (!imp || imp.status !== 'checked')
      throw new AppError('CONFLICT', '这次导入的状态已变化（可能已作为首次导入应用），请重新上传新年度图斑')
    const undecided = await countUndecided(db, importId)
    if (undecided > 0)
      throw new AppError('CONFLICT', undecidedMessage(undecided), { reason: 'UNDECIDED_CONFLICTS', undecided })
    if (!(await startUpdateApply(db, importId, ctx.user.username)))
      throw new AppError('CONFLICT', '本次年度变更的状态已变化，请刷新后再试')
    const counts = await countKinds(db, importId)
    runner.start(
      {
        importId,
        adcode: row.adcode,
        fileName: imp.file_name,
        actor: ctx.user.username,
        lastNo: counts.last_no,
        added: counts.added,
        lastSeq: imp.feature_count,
      },
      this.deps.onChanged,
    )
    return this.statusAnswer({ ...row, status: 'applying', progress_done: 0, progress_total: counts.last_no })
  }

  async status(ctx: AuthContext, importId: number) {
    return this.statusAnswer(await this.loadInScope(ctx, importId))
  }

  /** Asks a running apply to stop; it rolls back at its next batch. */
  async cancel(ctx: AuthContext, importId: number) {
    this.assertCanUpdate(ctx)
    const row = await this.loadInScope(ctx, importId)
    if (row.status !== 'applying')
      throw new AppError('CONFLICT', `本次年度变更${STATUS_LABEL[row.status]}，没有正在进行的应用可以取消`)
    this.deps.runner.cancel(importId)
    return this.statusAnswer(row)
  }

  /** Parcels the annual updates retired, most recent first. */
  async retired(adcodes: string[]) {
    const rows = await listRetired(this.deps.db, adcodes, 500)
    return rows.map((r) => ({
      id: Number(r.id),
      adcode: r.adcode,
      county: r.county,
      code: r.code,
      class: r.class,
      className: FARMLAND_CLASS[r.class as keyof typeof FARMLAND_CLASS] ?? r.class,
      dlbm: r.dlbm,
      dlmc: r.dlmc,
      townshipName: r.township_name,
      areaMu: round2(m2ToMu(r.area_m2)),
      importId: r.import_id === null ? null : Number(r.import_id),
      fileName: r.file_name,
      retiredBy: r.retired_by,
      retiredAt: r.retired_at.toISOString(),
      classListEntries: r.entries,
    }))
  }

  /**
   * Puts a retired parcel back on the map with its class-list entries, as a new version. Refused while an update of
   * its county is being applied; the checks run again under the county's update lock, on the parcels as they are.
   */
  async restore(ctx: AuthContext, parcelId: number) {
    this.assertCanUpdate(ctx)
    const { db, runner } = this.deps
    const found = await findRetired(db, parcelId)
    if (!found) throw new AppError('NOT_FOUND', `没有编号为 ${parcelId} 的退出耕地图斑`)
    assertCountyInScope(ctx, found.adcode, found.county)
    if ((await listApplyingUpdates(db, found.adcode)).some((id) => runner.isActive(id)))
      throw new AppError('CONFLICT', `${found.county}正在应用年度变更，请应用结束后再恢复耕地图斑 ${found.code}`, {
        reason: 'UPDATE_APPLYING',
      })
    const entries = await db.transaction(async (tx) => {
      await lockCountyUpdates(tx, found.adcode)
      const r = await findRetired(tx, parcelId)
      if (!r) throw new AppError('NOT_FOUND', `编号为 ${parcelId} 的耕地图斑已被恢复（可能重复点击了恢复），请刷新列表`)
      this.assertRestorable(r)
      return restoreParcel(tx, {
        adcode: r.adcode,
        id: parcelId,
        actor: ctx.user.username,
        reason: '恢复年度变更中退出的耕地图斑',
      })
    })
    if (entries === null)
      throw new AppError('NOT_FOUND', `编号为 ${parcelId} 的耕地图斑已被恢复（可能重复点击了恢复），请刷新列表`)
    this.deps.onChanged(UPDATE_LAYERS)
    return { id: parcelId, code: found.code, classListEntries: entries }
  }

  private assertRestorable(r: NonNullable<Awaited<ReturnType<typeof findRetired>>>) {
    if (!r.has_township)
      throw new AppError('CONFLICT', `耕地图斑 ${r.code} 所在的乡镇（${r.township_code}）已不存在，不能恢复`)
    if (r.code_holder_id !== null)
      throw new AppError(
        'CONFLICT',
        `耕地图斑编号 ${r.code} 已被图斑 ${r.code_holder_id} 使用，不能恢复；请先修改该图斑的编号`,
        { reason: 'CODE_TAKEN' },
      )
    if (r.overlap_m2 > this.deps.settings.restoreOverlapToleranceM2)
      throw new AppError(
        'CONFLICT',
        `耕地图斑 ${r.code} 与现有耕地图斑重叠 ${round2(r.overlap_m2)} 平方米，不能恢复；请先处理重叠的图斑`,
        { reason: 'OVERLAPS_PARCELS' },
      )
  }
}
