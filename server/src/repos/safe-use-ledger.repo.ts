import type { Queryable } from '../db/database.ts'
import { sqlFile } from '../db/sql-files.ts'
import type { ReviewStatus } from '../domain/review-workflow.ts'
import type { MeasureBucket, PollutionDegree } from '../domain/safe-use-rate.ts'

const q = (name: string) => sqlFile(`safe-use-ledger/${name}`)

export interface LedgerHead {
  adcode: string
  id: number
  year: number
  review_status: ReviewStatus
  review_reason: string | null
  version: number
  published_version: number
  county: string
}

/** The county's ledger of the year (created as a 草稿 when missing); `lock` holds it while rows change. */
export async function ensureLedger(db: Queryable, adcode: string, year: number, lock: boolean): Promise<LedgerHead> {
  await db.query(q('ensure-ledger'), [adcode, year])
  const { rows } = await db.query<LedgerHead>(q(lock ? 'lock-ledger' : 'find-ledger'), [adcode, year])
  return { ...rows[0], id: Number(rows[0].id) }
}

export interface LedgerRow {
  id: number
  adcode: string
  year: number
  parcelId: number | null
  parcelCode: string
  townshipCode: string | null
  township: string | null
  dlbm: string
  degree: PollutionDegree
  degreeReason: string | null
  areaM2: number
  implementer: string | null
  implementedFrom: string | null
  implementedTo: string | null
  produceCompliant: boolean | null
  produceSource: 'monitoring' | 'entered' | null
  produceBasis: string | null
  note: string | null
  isGenerated: boolean
  version: number
  updatedBy: string
  updatedAt: string
  publishedClass: string | null
  cropResult: string | null
  measures: { name: string; bucket: MeasureBucket }[]
  /** A published 特定农产品禁止生产区域 holds the parcel: it is under 严格管控类措施 whatever the measures say. */
  isInBanZone: boolean
}

export interface LedgerFilter {
  degree?: PollutionDegree
  township?: string
  produce?: 'met' | 'exceeded' | 'none'
  measure?: string
  code?: string
  id?: number
}

export async function listLedgerRows(
  db: Queryable,
  adcode: string,
  year: number,
  filter: LedgerFilter,
  limit: number,
): Promise<{ rows: LedgerRow[]; totalCount: number; totalAreaM2: number }> {
  const { rows } = await db.query(q('list-rows'), [
    adcode,
    year,
    limit,
    filter.degree ?? null,
    filter.township ?? null,
    filter.produce ?? null,
    filter.measure ?? null,
    filter.code ?? null,
    filter.id ?? null,
  ])
  return {
    totalCount: rows[0]?.total_count ?? 0,
    totalAreaM2: Number(rows[0]?.total_area_m2 ?? 0),
    rows: rows.map((r) => ({
      id: Number(r.id),
      adcode: r.adcode,
      year: r.year,
      parcelId: r.parcel_id === null ? null : Number(r.parcel_id),
      parcelCode: r.parcel_code,
      townshipCode: r.township_code,
      township: r.township,
      dlbm: r.dlbm,
      degree: r.degree,
      degreeReason: r.degree_reason,
      areaM2: Number(r.area_m2),
      implementer: r.implementer,
      implementedFrom: r.implemented_from,
      implementedTo: r.implemented_to,
      produceCompliant: r.produce_compliant,
      produceSource: r.produce_source,
      produceBasis: r.produce_basis,
      note: r.note,
      isGenerated: r.is_generated,
      version: r.version,
      updatedBy: r.updated_by,
      updatedAt: new Date(r.updated_at).toISOString(),
      publishedClass: r.published_class,
      cropResult: r.crop_result,
      measures: r.measures,
      isInBanZone: r.is_in_ban_zone === true,
    })),
  }
}

export interface LedgerParcel {
  adcode: string
  county: string
  id: number
  code: string
  townshipCode: string | null
  township: string | null
  dlbm: string
  areaM2: number
  publishedClass: string
  cropResult: string | null
}

function parcelOut(r: Record<string, unknown>): LedgerParcel {
  return {
    adcode: r.adcode as string,
    county: r.county as string,
    id: Number(r.id),
    code: r.code as string,
    townshipCode: r.township_code as string | null,
    township: r.township as string | null,
    dlbm: r.dlbm as string,
    areaM2: Number(r.area_m2),
    publishedClass: r.published_class as string,
    cropResult: r.crop_result as string | null,
  }
}

/** The parcels of these codes in every county (the service keeps those of the ledger's county). */
export async function findParcelsByCode(db: Queryable, codes: string[]): Promise<LedgerParcel[]> {
  if (!codes.length) return []
  return (await db.query(q('find-parcels'), [codes])).rows.map(parcelOut)
}

export async function findParcelsById(db: Queryable, ids: number[]): Promise<LedgerParcel[]> {
  if (!ids.length) return []
  return (await db.query(q('find-parcels-by-id'), [ids])).rows.map(parcelOut)
}

/** parcel code → the row listing it in the year's ledger. */
export async function listRowKeys(
  db: Queryable,
  adcode: string,
  year: number,
): Promise<Map<string, { id: number; version: number }>> {
  const { rows } = await db.query(q('row-keys'), [adcode, year])
  return new Map(rows.map((r) => [r.parcel_code as string, { id: Number(r.id), version: r.version as number }]))
}

export interface RowValues {
  degree: PollutionDegree
  degreeReason: string | null
  areaM2: number
  produceCompliant: boolean | null
  produceSource: 'monitoring' | 'entered'
  produceBasis: string | null
  implementer: string | null
  implementedFrom: string | null
  implementedTo: string | null
  note: string | null
}

/** A new row of the parcel in the year's ledger; null when the parcel is already in it. */
export async function insertLedgerRow(
  db: Queryable,
  adcode: string,
  year: number,
  parcel: LedgerParcel,
  v: RowValues,
  user: string,
): Promise<number | null> {
  const { rows } = await db.query(q('insert-row'), [
    adcode,
    year,
    parcel.id,
    parcel.code,
    parcel.townshipCode,
    parcel.dlbm,
    v.degree,
    v.degreeReason,
    v.areaM2,
    v.produceCompliant,
    v.produceSource,
    v.produceBasis,
    v.implementer,
    v.implementedFrom,
    v.implementedTo,
    v.note,
    user,
  ])
  return rows[0] ? Number(rows[0].id) : null
}

/** Changes a row at the version read; false when the version moved on. */
export async function updateLedgerRow(
  db: Queryable,
  adcode: string,
  id: number,
  version: number,
  v: RowValues,
  user: string,
): Promise<boolean> {
  const { rows } = await db.query(q('update-row'), [
    adcode,
    id,
    version,
    v.degree,
    v.degreeReason,
    v.areaM2,
    v.produceCompliant,
    v.produceSource,
    v.produceBasis,
    v.implementer,
    v.implementedFrom,
    v.implementedTo,
    v.note,
    user,
  ])
  return rows.length > 0
}

export async function touchLedgerRows(db: Queryable, adcode: string, ids: number[], user: string): Promise<void> {
  for (const id of ids) await db.query(q('touch-row'), [adcode, id, user])
}

export interface StoredRow {
  id: number
  adcode: string
  county: string
  year: number
  parcel_code: string
  version: number
  degree: PollutionDegree
  degree_reason: string | null
  area_m2: number
  produce_compliant: boolean | null
  produce_source: 'monitoring' | 'entered' | null
  implementer: string | null
  implemented_from: string | null
  implemented_to: string | null
  note: string | null
  updated_by: string
}

export async function findLedgerRow(db: Queryable, id: number): Promise<StoredRow | undefined> {
  const [row] = (await db.query<StoredRow>(q('find-row'), [id])).rows
  return row && { ...row, id: Number(row.id), area_m2: Number(row.area_m2) }
}

export async function deleteLedgerRow(db: Queryable, adcode: string, id: number, version: number): Promise<boolean> {
  return (await db.query(q('delete-row'), [adcode, id, version])).rows.length > 0
}

/** The rows' measures become these lists (row id → measures in order). */
export async function setMeasures(
  db: Queryable,
  adcode: string,
  lists: { id: number; measures: { name: string; bucket: MeasureBucket }[] }[],
): Promise<void> {
  for (const l of lists) await db.query(q('clear-measures'), [adcode, l.id])
  const flat = lists.flatMap((l) => l.measures.map((m) => ({ id: l.id, ...m })))
  if (!flat.length) return
  await db.query(q('insert-measures'), [
    adcode,
    flat.map((m) => m.id),
    flat.map((m) => m.name),
    flat.map((m) => m.bucket),
  ])
}

/** Adds one measure to the rows lacking it; the ids of the rows it was added to. */
export async function addMeasure(
  db: Queryable,
  adcode: string,
  ids: number[],
  measure: { name: string; bucket: MeasureBucket },
): Promise<number[]> {
  if (!ids.length) return []
  const { rows } = await db.query(q('add-measure'), [adcode, ids, measure.name, measure.bucket])
  return rows.map((r) => Number(r.account_id))
}

export interface ProduceResult {
  parcelId: number
  pointCode: string
  sampledOn: string
  crop: string | null
  values: Record<string, number>
  distanceM: number
}

export async function listProduceResults(
  db: Queryable,
  adcode: string,
  parcelIds: number[],
  year: number,
  nearM: number,
): Promise<ProduceResult[]> {
  if (!parcelIds.length) return []
  const { rows } = await db.query(q('produce-results'), [adcode, parcelIds, year, nearM])
  return rows.map((r) => ({
    parcelId: Number(r.parcel_id),
    pointCode: r.point_code,
    sampledOn: r.sampled_on,
    crop: r.crop,
    values: r.values_mg_kg,
    distanceM: Number(r.distance_m),
  }))
}

export interface ClassCheckRow {
  id: number | null
  parcelId: number | null
  parcelCode: string
  degree: PollutionDegree | null
  degreeReason: string | null
  areaM2: number
  isGenerated: boolean
  publishedClass: string | null
  isInLedger: boolean
}

export async function listClassChecks(
  db: Queryable,
  adcode: string,
  year: number,
  limit: number,
): Promise<ClassCheckRow[]> {
  const { rows } = await db.query(q('inconsistencies'), [adcode, year, limit])
  return rows.map((r) => ({
    id: r.id === null ? null : Number(r.id),
    parcelId: r.parcel_id === null ? null : Number(r.parcel_id),
    parcelCode: r.parcel_code,
    degree: r.degree,
    degreeReason: r.degree_reason,
    areaM2: Number(r.area_m2),
    isGenerated: r.is_generated,
    publishedClass: r.published_class,
    isInLedger: r.is_in_ledger,
  }))
}

export async function listTownships(db: Queryable, adcode: string): Promise<{ code: string; name: string }[]> {
  return (await db.query<{ code: string; name: string }>(q('townships'), [adcode])).rows
}
