import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { from as copyFrom } from 'pg-copy-streams'
import { copyTextRow } from '../db/copy-text.ts'
import type { Database, Queryable } from '../db/database.ts'
import { sqlFile } from '../db/sql-files.ts'
import { DLTB_ATTRIBUTES, type FieldMap, type LandImportChecks, type StoredProblem } from '../domain/land-import.ts'

const q = (name: string) => sqlFile(`land-import/${name}`)

export type LandImportStatus = 'staging' | 'checked' | 'applying' | 'applied' | 'cancelled' | 'failed'

export interface LandImportRow {
  id: string
  adcode: string
  county_name: string
  kind: 'dltb' | 'yjjbnt'
  file_name: string
  file_format: string
  layer_name: string
  detected_epsg: number | null
  crs_reason: string
  crs_epsg: number
  is_crs_override: boolean
  encoding: string | null
  encoding_reason: string | null
  field_map: FieldMap
  farmland_codes: string[]
  settings: LandImportChecks
  status: LandImportStatus
  feature_count: number
  refused_count: number
  warning_count: number
  apply_mode: 'valid' | 'all' | null
  progress_done: number
  progress_total: number
  is_cancel_requested: boolean
  farmland_added: number | null
  context_added: number | null
  message: string | null
  created_by: string
  /** The report's counts, stored when the checks ended (null before migration 035). */
  report_counts: ReportCountsRow | null
  created_at: Date
  applied_by: string | null
  finished_at: Date | null
}

export interface NewImport {
  adcode: string
  kind: 'dltb' | 'yjjbnt'
  fileName: string
  fileFormat: string
  layerName: string
  detectedEpsg: number | null
  crsReason: string
  crsEpsg: number
  isCrsOverride: boolean
  encoding: string | null
  encodingReason: string | null
  /** Attribute → column: of a 地类图斑 or of a 永久基本农田图斑 layer. */
  fieldMap: Readonly<Record<string, string | null>>
  farmlandCodes: string[]
  settings: LandImportChecks
  createdBy: string
}

export async function insertImport(db: Queryable, i: NewImport): Promise<number> {
  const { rows } = await db.query<{ id: string }>(q('insert-import'), [
    i.adcode,
    i.kind,
    i.fileName,
    i.fileFormat,
    i.layerName,
    i.detectedEpsg,
    i.crsReason,
    i.crsEpsg,
    i.isCrsOverride,
    i.encoding,
    i.encodingReason,
    JSON.stringify(i.fieldMap),
    i.farmlandCodes,
    JSON.stringify(i.settings),
    i.createdBy,
  ])
  return Number(rows[0].id)
}

/** One feature for the staging table: attributes as read, the mapped values, target, attribute problems, geometry. */
export interface StagedFeature {
  seq: number
  attrs: Record<string, unknown>
  values: Partial<Record<string, string>>
  geometry: string | null
  target: 'farmland' | 'context' | null
  problems: StoredProblem[]
}

/**
 * Stages the batches of features of import `importId` of county `adcode`, read in the CRS `epsg`. On a PostgreSQL
 * server the batches go by COPY into a scratch table and from there into the staging table in one statement, all in
 * one transaction; the embedded engine (whose socket does not carry COPY) gets each batch as arrays in one INSERT.
 */
export async function stageFeatures(
  db: Database,
  s: { importId: number; adcode: string; epsg: number },
  batches: AsyncIterable<StagedFeature[]>,
): Promise<void> {
  const { importId, epsg } = s
  if (db.mode === 'embedded') {
    for await (const batch of batches)
      await db.query(q('stage-features'), [
        importId,
        batch.map((f) => f.seq),
        batch.map((f) => JSON.stringify(f.attrs)),
        epsg,
        batch.map((f) => JSON.stringify(f.values)),
        batch.map((f) => f.geometry),
        batch.map((f) => f.target),
        batch.map((f) => JSON.stringify(f.problems)),
        s.adcode,
      ])
    return
  }
  await db.transaction(async (tx) => {
    await tx.query(q('create-copy-staging'))
    for await (const batch of batches) {
      const rows = batch.map((f) =>
        copyTextRow([
          String(f.seq),
          JSON.stringify(f.attrs),
          ...DLTB_ATTRIBUTES.map((a) => f.values[a] ?? null),
          f.geometry,
          f.target,
          JSON.stringify(f.problems),
        ]),
      )
      await pipeline(Readable.from([rows.join('')]), tx.query(copyFrom(q('copy-staging'))))
    }
    await tx.query(q('stage-copied-features'), [importId, epsg, s.adcode])
  })
}

/** The set-wise checks of the staged features, in order (each reads the problems the earlier ones stored). */
export async function checkStagedFeatures(
  db: Database,
  importId: number,
  adcode: string,
  s: LandImportChecks,
): Promise<{ feature_count: number; refused_count: number; warning_count: number; farmland: number }> {
  await db.query(q('analyze-staging'))
  await db.query(q('check-geometry'), [importId, s.repairInvalid, s.repairAreaTolerance])
  await db.query(q('check-duplicates'), [importId])
  await db.query(q('check-place'), [importId, adcode, s.outsideToleranceM2, s.areaMismatchRatio])
  await db.transaction(async (tx) => {
    await tx.query(q('create-overlap-probe'))
    await tx.query(q('fill-overlap-probe'), [importId])
    await tx.query(q('index-overlap-probe'))
    await tx.query(q('analyze-overlap-probe'))
    await tx.query(q('check-overlaps'), [importId, s.overlapToleranceM2])
  })
  const { rows } = await db.query(q('finish-checks'), [importId])
  return rows[0]
}

export async function findImport(db: Queryable, importId: number): Promise<LandImportRow | undefined> {
  const { rows } = await db.query<LandImportRow>(q('find-import'), [importId])
  return rows[0]
}

export interface ReportCountsRow {
  by_code: {
    dlbm: string | null
    dlmc: string | null
    is_farmland: boolean | null
    features: number
    refused: number
    area_m2: number
    tbmj_m2: number
  }[]
  by_township: {
    code: string | null
    name: string | null
    features: number
    farmland: number
    refused: number
    area_m2: number
  }[]
  by_problem: { code: string; severity: 'error' | 'warning'; features: number }[]
  farmland_valid: number
  context_valid: number
}

/** The report's counts: those stored when the checks ended, else (an import checked before they were) counted now. */
export async function reportCounts(db: Queryable, row: { id: string; report_counts: ReportCountsRow | null }) {
  if (row.report_counts) return row.report_counts
  const { rows } = await db.query<ReportCountsRow>(q('report-counts'), [row.id])
  return rows[0]
}

/** Counts the report of import `importId` once its checks have ended, and stores the counts with the import. */
export async function storeReportCounts(db: Queryable, importId: number): Promise<void> {
  const { rows } = await db.query<ReportCountsRow>(q('report-counts'), [importId])
  await db.query(q('store-report-counts'), [importId, JSON.stringify(rows[0])])
}

export interface ProblemFeatureRow {
  seq: number
  bsm: string | null
  dlbm: string | null
  is_refused: boolean
  problems: StoredProblem[]
  point: [number, number] | null
}

export async function listProblemFeatures(
  db: Queryable,
  importId: number,
  refusedOnly: boolean,
  limit: number,
  offset: number,
): Promise<ProblemFeatureRow[]> {
  const { rows } = await db.query<ProblemFeatureRow>(q('list-problem-features'), [importId, refusedOnly, limit, offset])
  return rows
}

export async function findFeatureGeometry(
  db: Queryable,
  importId: number,
  seq: number,
): Promise<{ seq: number; bsm: string | null; dlbm: string | null; geometry: unknown } | undefined> {
  const { rows } = await db.query(q('find-feature-geometry'), [importId, seq])
  return rows[0]
}

export async function countCountyParcels(db: Queryable, adcode: string): Promise<number> {
  const { rows } = await db.query<{ parcels: number }>(q('count-county-parcels'), [adcode])
  return rows[0].parcels
}

export async function allocateCodes(db: Queryable, adcode: string, count: number): Promise<number> {
  const { rows } = await db.query<{ first_no: number }>(q('allocate-codes'), [adcode, count])
  return rows[0].first_no
}

export async function applyFarmland(
  db: Queryable,
  a: { importId: number; adcode: string; baseNo: number; from: number; to: number; actor: string; reason: string },
): Promise<number> {
  const r = await db.query(q('apply-farmland'), [a.importId, a.adcode, a.baseNo, a.from, a.to, a.actor, a.reason])
  return r.rowCount ?? 0
}

export async function applyContext(
  db: Queryable,
  a: { importId: number; adcode: string; from: number; to: number },
): Promise<number> {
  const r = await db.query(q('apply-context'), [a.importId, a.adcode, a.from, a.to])
  return r.rowCount ?? 0
}

/** 永久基本农田 patches of a county: from earlier imports and from the sample data. */
export interface BasicFarmlandCounts {
  imported: number
  generated: number
}

export async function countBasicFarmland(db: Queryable, adcode: string): Promise<BasicFarmlandCounts> {
  const { rows } = await db.query<BasicFarmlandCounts>(q('count-basic-farmland'), [adcode])
  return rows[0]
}

/**
 * Removes the county's imported and generated 永久基本农田 patches, holding the county until the commit; answers how
 * many of each.
 */
export async function clearBasicFarmland(db: Queryable, adcode: string): Promise<BasicFarmlandCounts> {
  await db.query(q('lock-county-basic-farmland'), [adcode])
  const { rows } = await db.query<BasicFarmlandCounts>(q('clear-basic-farmland'), [adcode])
  return rows[0]
}

export async function applyBasicFarmland(
  db: Queryable,
  a: { importId: number; adcode: string; from: number; to: number },
): Promise<number> {
  const r = await db.query(q('apply-basic-farmland'), [a.importId, a.adcode, a.from, a.to])
  return r.rowCount ?? 0
}

export async function refreshOverview(db: Queryable, adcode: string): Promise<void> {
  await db.query(q('refresh-overview'), [adcode])
}

export async function startApply(db: Queryable, importId: number, mode: 'valid' | 'all', actor: string) {
  const { rows } = await db.query(q('start-apply'), [importId, mode, actor])
  return rows.length > 0
}

export async function setStatus(
  db: Queryable,
  importId: number,
  s: {
    status: LandImportStatus
    message?: string | null
    mode?: 'valid' | 'all'
    actor?: string
    farmlandAdded?: number
    contextAdded?: number
    done?: number
  },
): Promise<void> {
  await db.query(q('set-status'), [
    importId,
    s.status,
    s.message ?? null,
    s.mode ?? null,
    s.actor ?? null,
    s.farmlandAdded ?? null,
    s.contextAdded ?? null,
    s.done ?? null,
  ])
}

export async function requestCancel(db: Queryable, importId: number): Promise<boolean> {
  const { rows } = await db.query(q('request-cancel'), [importId])
  return rows.length > 0
}

export interface ImportListRow {
  id: string
  adcode: string
  county_name: string
  kind: string
  file_name: string
  status: LandImportStatus
  feature_count: number
  refused_count: number
  farmland_added: number | null
  context_added: number | null
  created_by: string
  created_at: Date
  finished_at: Date | null
}

export async function listImports(db: Queryable, adcodes: string[], limit: number): Promise<ImportListRow[]> {
  const { rows } = await db.query<ImportListRow>(q('list-imports'), [adcodes, limit])
  return rows
}
