import type { Queryable } from '../db/database.ts'
import { sqlFile } from '../db/sql-files.ts'
import type { ReviewStatus } from '../domain/review-workflow.ts'
import type { ClassAreaRow, ClassCode } from '../domain/class-summary.ts'
import type { ClassBasis } from '../domain/classify-farmland-basis.ts'
import type { ClassRuleSet } from '../domain/class-rules.ts'

export type JobStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled'

export interface RuleSetRow {
  version: string
  name: string
  rules: ClassRuleSet
  is_default: boolean
}

export interface JobRow {
  id: number
  adcode: string
  county: string
  list_id: number | null
  status: JobStatus
  total: number
  done: number
  is_cancel_requested: boolean
  error: string | null
  started_by: string
  created_at: Date
  finished_at: Date | null
  rule_set_version?: string | null
}

export interface ListRow {
  id: number
  adcode: string
  county: string
  title: string
  rule_set_version: string
  is_complete: boolean
  parcel_count: number
  created_by: string
  created_by_name: string | null
  created_at: Date
  updated_at: Date
  published_at: Date | null
  review_status: ReviewStatus
  review_reason: string | null
  priority_fall_explanation: string | null
  version: number
  published_version: number
  is_current: boolean
  job_id: number | null
  job_status: JobStatus | null
}

/** The latest soil and crop result of a monitoring point (values keyed by lower-case element, mg/kg). */
export interface PointSampleRow {
  id: number
  code: string
  land_use: string | null
  soil_on: string | null
  ph: number | null
  soil_values: Record<string, number> | null
  crop_on: string | null
  crop: string | null
  crop_values: Record<string, number> | null
}

export interface ParcelEvidenceRow {
  parcel_id: number
  inside_ids: number[]
  near_ids: number[]
  near_distances: number[]
}

interface SummaryRow {
  township_code: string
  township: string | null
  class: string
  count: number
  area_m2: number
  published_count: number
  published_area_m2: number
}

export interface TransitionRow {
  from_class: ClassCode
  to_class: ClassCode
  count: number
  area_m2: number
}

export interface ChangeRow {
  parcel_id: number
  code: string
  township: string | null
  dlbm: string
  from_class: ClassCode
  to_class: ClassCode
  area_m2: number
  method: string
  total: number
}

export interface EntryRow {
  parcel_id: number
  code: string
  class: ClassCode
  method: string
  soil_grade: string | null
  main_pollutants: string[]
  sample_count: number
  basis: ClassBasis
  computed_class: ClassCode | null
  override_reason: string | null
  override_by: string | null
  override_by_name: string | null
  published_class: ClassCode
}

export interface StatisticsRow {
  adcode: string
  county: string
  township_code: string
  township: string | null
  class: string
  count: number
  area_m2: number
}

const q = (name: string) => sqlFile(`classification/${name}`)

export async function insertDefaultRuleSet(
  db: Queryable,
  version: string,
  name: string,
  rules: unknown,
): Promise<boolean> {
  return ((await db.query(q('insert-default-rule-set'), [version, name, JSON.stringify(rules)])).rowCount ?? 0) > 0
}

/** Stores a new rule set; false when the version exists already. */
export async function insertRuleSet(
  tx: Queryable,
  r: { version: string; name: string; rules: unknown; isDefault: boolean; createdBy: string },
): Promise<boolean> {
  if (r.isDefault) await tx.query(q('clear-default-rule-set'))
  return (
    ((await tx.query(q('insert-rule-set'), [r.version, r.name, JSON.stringify(r.rules), r.isDefault, r.createdBy]))
      .rowCount ?? 0) > 0
  )
}

export async function listRuleSets(db: Queryable): Promise<RuleSetRow[]> {
  return (await db.query<RuleSetRow>(q('list-rule-sets'))).rows
}

/** The rule set of `version`, or the default one when `version` is null. */
export async function findRuleSet(db: Queryable, version: string | null): Promise<RuleSetRow | undefined> {
  return (await db.query<RuleSetRow>(q('find-rule-set'), [version])).rows[0]
}

export async function findCounty(
  db: Queryable,
  adcode: string,
): Promise<{ adcode: string; name: string; parcels: number } | undefined> {
  return (await db.query(q('find-county'), [adcode])).rows[0]
}

export async function findActiveJobId(db: Queryable, adcode: string): Promise<number | undefined> {
  const row = (await db.query<{ id: number }>(q('find-active-job'), [adcode])).rows[0]
  return row ? Number(row.id) : undefined
}

export async function insertList(
  tx: Queryable,
  adcode: string,
  title: string,
  ruleSetVersion: string,
  username: string,
): Promise<number> {
  return Number(
    (await tx.query<{ id: number }>(q('insert-list'), [adcode, title, ruleSetVersion, username])).rows[0].id,
  )
}

export async function insertJob(
  tx: Queryable,
  adcode: string,
  listId: number,
  total: number,
  username: string,
): Promise<number> {
  return Number((await tx.query<{ id: number }>(q('insert-job'), [adcode, listId, total, username])).rows[0].id)
}

export async function findJob(db: Queryable, id: number): Promise<JobRow | undefined> {
  return (await db.query<JobRow>(q('find-job'), [id])).rows[0]
}

export async function listJobs(db: Queryable, adcodes: string[]): Promise<JobRow[]> {
  return (await db.query<JobRow>(q('list-jobs'), [adcodes])).rows
}

/** Queued → running; false when the job was cancelled (or taken) before it started. */
export async function markJobRunning(db: Queryable, adcode: string, id: number): Promise<boolean> {
  return ((await db.query(q('start-job'), [adcode, id])).rowCount ?? 0) > 0
}

export async function requestJobCancel(db: Queryable, adcode: string, id: number): Promise<boolean> {
  return ((await db.query(q('request-cancel'), [adcode, id])).rowCount ?? 0) > 0
}

export async function finishJob(
  db: Queryable,
  adcode: string,
  id: number,
  status: 'done' | 'failed' | 'cancelled',
  error: string | null,
): Promise<boolean> {
  return ((await db.query(q('finish-job'), [adcode, id, status, error])).rowCount ?? 0) > 0
}

export async function failAbandonedJobs(db: Queryable, message: string): Promise<number> {
  return (await db.query(q('fail-abandoned-jobs'), [message])).rowCount ?? 0
}

export async function readJobState(
  db: Queryable,
  adcode: string,
  id: number,
): Promise<{ status: JobStatus; is_cancel_requested: boolean } | undefined> {
  return (await db.query(q('read-job-state'), [adcode, id])).rows[0]
}

export async function recordProgress(
  tx: Queryable,
  adcode: string,
  id: number,
  count: number,
): Promise<{ done: number; is_cancel_requested: boolean }> {
  return (await tx.query(q('record-progress'), [adcode, id, count])).rows[0]
}

export async function completeList(
  tx: Queryable,
  adcode: string,
  listId: number,
): Promise<{ parcel_count: number; by_class: Record<string, number> }> {
  return (await tx.query(q('complete-list'), [adcode, listId])).rows[0]
}

export async function listPointSamples(db: Queryable, adcode: string): Promise<PointSampleRow[]> {
  return (await db.query<PointSampleRow>(q('list-point-samples'), [adcode])).rows
}

/** The next batch of parcels after `afterId`, each with the sampled points inside it and nearby. */
export async function findParcelEvidence(
  db: Queryable,
  adcode: string,
  afterId: number,
  batchSize: number,
  maxDistanceM: number,
  maxSamples: number,
): Promise<ParcelEvidenceRow[]> {
  const { rows } = await db.query(q('find-parcel-evidence'), [adcode, afterId, batchSize, maxDistanceM, maxSamples])
  return rows.map((r) => ({
    parcel_id: Number(r.parcel_id),
    inside_ids: r.inside_ids.map(Number),
    near_ids: r.near_ids.map(Number),
    near_distances: r.near_distances.map(Number),
  }))
}

/** Serialises the edits of one county that look for (or make) its next draft list, until the transaction ends. */
export async function lockDraftLists(tx: Queryable, adcode: string): Promise<void> {
  await tx.query(q('lock-draft-lists'), [adcode])
}

/** The county's newest complete draft (or returned) list made since the last publication, locked. */
export async function findNextDraftList(tx: Queryable, adcode: string): Promise<number | undefined> {
  const {
    rows: [r],
  } = await tx.query<{ id: number }>(q('find-next-draft'), [adcode])
  return r ? Number(r.id) : undefined
}

/** A new complete draft list for classes recomputed by parcel edits. */
export async function insertEditList(
  tx: Queryable,
  adcode: string,
  ruleSetVersion: string,
  username: string,
): Promise<number> {
  return Number((await tx.query<{ id: number }>(q('insert-edit-list'), [adcode, ruleSetVersion, username])).rows[0].id)
}

/** Gives the list, for every parcel it lacks, the entry the parcel's published class came from. */
export async function fillListFromPublished(tx: Queryable, adcode: string, listId: number): Promise<void> {
  await tx.query(q('fill-list-from-published'), [adcode, listId])
}

/** Copies the parents' entries to the children in every complete list that classes all the parents. */
export async function carryEntries(
  tx: Queryable,
  adcode: string,
  parentIds: number[],
  childIds: number[],
  edit: unknown,
): Promise<void> {
  await tx.query(q('carry-entries'), [adcode, parentIds, childIds, JSON.stringify(edit)])
}

/** Puts a restored parcel's entry back in the list its published class came from, with that class. */
export async function restoreEntry(
  tx: Queryable,
  adcode: string,
  listId: number,
  parcelId: number,
  c: { class: string; method: string; basis: unknown },
): Promise<void> {
  await tx.query(q('restore-entry'), [adcode, listId, parcelId, c.class, c.method, JSON.stringify(c.basis ?? {})])
}

/** The parcel count of every complete list of the county, after edits added or removed entries. */
export async function recountLists(tx: Queryable, adcode: string): Promise<void> {
  await tx.query(q('recount-lists'), [adcode])
}

export async function listLists(db: Queryable, adcodes: string[]): Promise<ListRow[]> {
  return (await db.query<ListRow>(q('list-lists'), [adcodes])).rows
}

export async function findList(db: Queryable, id: number): Promise<ListRow | undefined> {
  return (await db.query<ListRow>(q('find-list'), [id])).rows[0]
}

export async function lockList(
  tx: Queryable,
  id: number,
): Promise<
  | {
      id: number
      adcode: string
      county: string
      title: string
      review_status: ReviewStatus
      is_complete: boolean
      version: number
    }
  | undefined
> {
  return (await tx.query(q('lock-list'), [id])).rows[0]
}

export async function touchList(tx: Queryable, adcode: string, id: number): Promise<number> {
  return (await tx.query<{ version: number }>(q('touch-list'), [adcode, id])).rows[0].version
}

/** The list's area by township and class beside the published classes (township code '' = none). */
export async function summarizeList(db: Queryable, adcode: string, listId: number): Promise<ClassAreaRow[]> {
  return (await db.query<SummaryRow>(q('summarize-list'), [adcode, listId])).rows.map((r) => ({
    townshipCode: r.township_code.trim(),
    township: r.township,
    class: r.class,
    count: r.count,
    areaM2: r.area_m2,
    publishedCount: r.published_count,
    publishedAreaM2: r.published_area_m2,
  }))
}

/** Keeps the explanation of a fall of the 优先保护类 area with the list (null: the area does not fall). */
export async function setPriorityFallExplanation(
  db: Queryable,
  adcode: string,
  listId: number,
  explanation: string | null,
): Promise<void> {
  await db.query(q('set-priority-fall-explanation'), [adcode, listId, explanation])
}

export async function countTransitions(db: Queryable, adcode: string, listId: number): Promise<TransitionRow[]> {
  return (await db.query<TransitionRow>(q('count-transitions'), [adcode, listId])).rows
}

export async function listChanges(
  db: Queryable,
  adcode: string,
  listId: number,
  offset: number,
  limit: number,
): Promise<{ total: number; rows: ChangeRow[] }> {
  const { rows } = await db.query<ChangeRow>(q('list-changes'), [adcode, listId, offset, limit])
  if (rows.length) return { total: Number(rows[0].total), rows }
  const total = (await db.query<{ total: number }>(q('count-changes'), [adcode, listId])).rows[0].total
  return { total, rows }
}

export async function findEntry(
  db: Queryable,
  adcode: string,
  listId: number,
  parcelId: number,
): Promise<EntryRow | undefined> {
  return (await db.query<EntryRow>(q('find-entry'), [adcode, listId, parcelId])).rows[0]
}

export async function overrideEntry(
  tx: Queryable,
  adcode: string,
  listId: number,
  parcelId: number,
  cls: string,
  reason: string,
  username: string,
): Promise<boolean> {
  return ((await tx.query(q('override-entry'), [adcode, listId, parcelId, cls, reason, username])).rowCount ?? 0) > 0
}

export async function farmlandStatistics(db: Queryable, adcodes: string[]): Promise<StatisticsRow[]> {
  return (await db.query<StatisticsRow>(q('farmland-statistics'), [adcodes])).rows
}
