import type { Queryable } from '../db/database.ts'
import { sqlFile } from '../db/sql-files.ts'

const q = (name: string) => sqlFile(`land-update/${name}`)

export type LandUpdateStatus = 'planned' | 'applying' | 'applied' | 'cancelled' | 'failed'
export type MatchKind = 'unchanged' | 'changed' | 'added' | 'retired'
export type Decision = 'ours' | 'theirs'

export interface LandUpdateRow {
  import_id: string
  adcode: string
  county_name: string
  status: LandUpdateStatus
  tolerance: number
  match_count: number
  progress_done: number
  progress_total: number
  result: UpdateResult | null
  message: string | null
  created_by: string
  created_at: Date
  applied_by: string | null
  finished_at: Date | null
}

/** Parcels an apply unchanged, changed, added, retired, and conflicts kept as edited in the system. */
export interface UpdateResult {
  unchanged: number
  changed: number
  added: number
  retired: number
  kept: number
}

/** Starts (or starts again) the plan; false when the update runs or was applied. */
export async function upsertUpdate(
  db: Queryable,
  u: { importId: number; adcode: string; tolerance: number; actor: string },
): Promise<boolean> {
  const { rows } = await db.query(q('upsert-update'), [u.importId, u.adcode, u.tolerance, u.actor])
  return rows.length > 0
}

/** Matches the import's features to the county's parcels into the plan's lines; the number of lines. */
export async function buildPlan(db: Queryable, importId: number, adcode: string, tolerance: number): Promise<number> {
  await db.query(q('clear-plan'), [importId])
  await db.query(q('build-plan'), [importId, adcode, tolerance])
  const { rows } = await db.query<{ match_count: number }>(q('finish-plan'), [importId])
  return rows[0].match_count
}

export async function findUpdate(db: Queryable, importId: number): Promise<LandUpdateRow | undefined> {
  const { rows } = await db.query<LandUpdateRow>(q('find-update'), [importId])
  return rows[0]
}

export interface PlanSummaryRow {
  kind: MatchKind
  class: string
  township_code: string | null
  township_name: string | null
  parcels: number
  area_m2: number
  conflicts: number
}

export async function summarizePlan(db: Queryable, importId: number): Promise<PlanSummaryRow[]> {
  const { rows } = await db.query<PlanSummaryRow>(q('summarize-plan'), [importId])
  return rows
}

export interface WarningRow {
  no: number
  kind: MatchKind
  is_reshaped: boolean
  is_recoded: boolean
  parcel_id: string
  code: string
  class: 'priority' | 'strict'
  dlbm: string
  new_dlbm: string | null
  township_name: string | null
  area_m2: number
  new_area_m2: number | null
  point: [number, number]
}

export async function listWarnings(db: Queryable, importId: number): Promise<WarningRow[]> {
  const { rows } = await db.query<WarningRow>(q('list-warnings'), [importId])
  return rows
}

export interface ConflictRow {
  no: number
  kind: MatchKind
  decision: Decision | null
  decided_by: string | null
  decided_at: Date | null
  is_reshaped: boolean
  is_recoded: boolean
  parcel_id: string
  code: string
  class: string
  dlbm: string
  area_m2: number
  version: number
  geometry: unknown
  edited_by: string | null
  edited_at: Date | null
  edit_action: string | null
  seq: number | null
  bsm: string | null
  new_dlbm: string | null
  new_dlmc: string | null
  new_area_m2: number | null
  new_geometry: unknown
}

export async function listConflicts(db: Queryable, importId: number): Promise<ConflictRow[]> {
  const { rows } = await db.query<ConflictRow>(q('list-conflicts'), [importId])
  return rows
}

/** Records the decision for the given parcels' conflicts (null: all); the parcels decided. */
export async function decideConflicts(
  db: Queryable,
  importId: number,
  parcelIds: number[] | null,
  decision: Decision,
  actor: string,
): Promise<number[]> {
  const { rows } = await db.query<{ parcel_id: string }>(q('decide-conflicts'), [importId, parcelIds, decision, actor])
  return rows.map((r) => Number(r.parcel_id))
}

export async function countUndecided(db: Queryable, importId: number): Promise<number> {
  const { rows } = await db.query<{ undecided: number }>(q('count-undecided'), [importId])
  return rows[0].undecided
}

export async function listPlanFeatures(db: Queryable, importId: number, kinds: MatchKind[], limit: number) {
  const { rows } = await db.query<{ collection: { type: 'FeatureCollection'; features: unknown[] } }>(
    q('list-plan-features'),
    [importId, kinds, limit],
  )
  return rows[0].collection
}

/** The imports of the county whose annual update is marked as being applied. */
export async function listApplyingUpdates(db: Queryable, adcode: string): Promise<number[]> {
  const { rows } = await db.query<{ import_id: number }>(q('list-applying'), [adcode])
  return rows.map((r) => r.import_id)
}

/** Waits for and holds the county's annual-update lock until the transaction ends. */
export async function lockCountyUpdates(db: Queryable, adcode: string): Promise<void> {
  await db.query(q('lock-county'), [adcode])
}

/** Parcels edited, removed or added since the plan was made. */
export async function countStale(db: Queryable, importId: number): Promise<number> {
  const { rows } = await db.query<{ stale: number }>(q('count-stale'), [importId])
  return rows[0].stale
}

export interface PlanCounts extends UpdateResult {
  last_no: number
}

export async function countKinds(db: Queryable, importId: number): Promise<PlanCounts> {
  const { rows } = await db.query<PlanCounts>(q('count-kinds'), [importId])
  return rows[0]
}

type Range = { importId: number; from: number; to: number; actor: string; reason: string }

export async function applyChanged(db: Queryable, r: Range): Promise<number> {
  const res = await db.query(q('apply-changed'), [r.importId, r.from, r.to, r.actor, r.reason])
  return res.rowCount ?? 0
}

export async function linkKept(db: Queryable, r: Omit<Range, 'actor' | 'reason'>): Promise<number> {
  const res = await db.query(q('link-kept'), [r.importId, r.from, r.to])
  return res.rowCount ?? 0
}

export async function addParcels(db: Queryable, r: Range & { adcode: string; baseNo: number }): Promise<number> {
  const res = await db.query(q('add-parcels'), [r.importId, r.adcode, r.baseNo, r.from, r.to, r.actor, r.reason])
  return res.rowCount ?? 0
}

export async function retireParcels(db: Queryable, r: Range): Promise<number> {
  const res = await db.query(q('retire-parcels'), [r.importId, r.from, r.to, r.actor, r.reason])
  return res.rowCount ?? 0
}

export async function clearImportedContext(db: Queryable, adcode: string): Promise<void> {
  await db.query(q('clear-context'), [adcode])
}

export async function startUpdateApply(db: Queryable, importId: number, actor: string): Promise<boolean> {
  const { rows } = await db.query(q('start-apply'), [importId, actor])
  return rows.length > 0
}

export async function setUpdateStatus(
  db: Queryable,
  importId: number,
  s: {
    status: LandUpdateStatus
    message?: string | null
    actor?: string
    result?: UpdateResult
    done?: number
    total?: number
  },
): Promise<void> {
  await db.query(q('set-status'), [
    importId,
    s.status,
    s.message ?? null,
    s.actor ?? null,
    s.result ? JSON.stringify(s.result) : null,
    s.done ?? null,
    s.total ?? null,
  ])
}

export interface RetiredRow {
  id: string
  adcode: string
  county: string
  code: string
  class: string
  dlbm: string | null
  dlmc: string | null
  township_code: string | null
  township_name: string | null
  area_m2: number
  import_id: string | null
  file_name: string | null
  retired_by: string
  retired_at: Date
  entries: number
}

export async function listRetired(db: Queryable, adcodes: string[], limit: number): Promise<RetiredRow[]> {
  const { rows } = await db.query<RetiredRow>(q('list-retired'), [adcodes, limit])
  return rows
}

export async function findRetired(db: Queryable, id: number) {
  const { rows } = await db.query<{
    id: string
    adcode: string
    county: string
    code: string
    class: string
    township_code: string | null
    overlap_m2: number
    has_township: boolean
    code_holder_id: string | null
  }>(q('find-retired'), [id])
  return rows[0]
}

/**
 * Puts a retired parcel back and writes its history; the class-list entries restored, or null when the parcel is no
 * longer retired (another restore took it first). Run in a transaction: the retired row stays locked to its end.
 */
export async function restoreParcel(
  db: Queryable,
  r: { adcode: string; id: number; actor: string; reason: string },
): Promise<number | null> {
  const locked = await db.query(q('lock-retired'), [r.adcode, r.id])
  if (locked.rows.length === 0) return null
  const { rows } = await db.query<{ entries: number }>(q('restore-parcel'), [r.adcode, r.id, r.actor])
  await db.query(q('insert-restore-history'), [r.id, r.actor, r.reason])
  return rows[0].entries
}
