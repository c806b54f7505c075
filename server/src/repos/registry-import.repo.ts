import type { Queryable } from '../db/database.ts'
import { sqlFile } from '../db/sql-files.ts'

const q = async <R extends object>(db: Queryable, name: string, values: unknown[]): Promise<R[]> =>
  (await db.query<R>(sqlFile(`registry-import/${name}`), values)).rows

/** GeoJSON geometries of a layer file in CGCS2000 longitude/latitude, in the order given (null where unreadable). */
export async function transformOutlines(db: Queryable, geometries: string[], epsg: number): Promise<(string | null)[]> {
  if (!geometries.length) return []
  const rows = await q<{ index: number; geometry: string | null }>(db, 'transform-outlines', [
    JSON.stringify(geometries),
    epsg,
  ])
  return rows.map((r) => r.geometry)
}

export interface LocatedPosition {
  index: number
  lon: number
  lat: number
  adcode: string | null
  county: string | null
  township_code: string | null
  parcel_dlbm: string | null
}

/** Positions (CGCS2000 lon/lat or Gauss-Krüger x/y with EPSG) in lon/lat with the county, township and land code. */
export async function locatePositions(
  db: Queryable,
  positions: ({ lon: number; lat: number } | { x: number; y: number; epsg: number })[],
): Promise<LocatedPosition[]> {
  if (!positions.length) return []
  return q<LocatedPosition>(db, 'locate-points', [JSON.stringify(positions)])
}

export interface RegisteredEnterprise {
  id: number
  adcode: string
  credit_code: string
  name: string
}

export async function findEnterprisesByCreditCode(db: Queryable, codes: string[]): Promise<RegisteredEnterprise[]> {
  return codes.length ? q<RegisteredEnterprise>(db, 'find-enterprises-by-credit-code', [codes]) : []
}

export interface CodedPlot {
  id: number
  adcode: string
  county: string
  code: string
  name: string
  review_status: string
  version: number
}

/** Every plot carrying one of the codes, in any county, locked for the transaction. */
export async function findPlotsByCode(db: Queryable, codes: string[]): Promise<CodedPlot[]> {
  return codes.length ? q<CodedPlot>(db, 'find-plots-by-code', [codes]) : []
}

export interface PollutantKey {
  plot_id: number
  substance: string
  sampled_on: string
  depth_m: number | null
  note: string | null
}

export async function findPollutantKeys(
  db: Queryable,
  plots: { id: number; adcode: string }[],
): Promise<PollutantKey[]> {
  if (!plots.length) return []
  return q<PollutantKey>(db, 'find-pollutant-keys', [plots.map((p) => p.id), plots.map((p) => p.adcode)])
}

export async function insertImportedEnterprise(
  tx: Queryable,
  e: {
    adcode: string
    creditCode: string
    name: string
    industry: string
    industryOther: string | null
    status: string
    geometry: unknown
  },
): Promise<number> {
  const [r] = await q<{ id: number }>(tx, 'insert-enterprise', [
    e.adcode,
    e.creditCode,
    e.name,
    e.industry,
    e.industryOther,
    e.status,
    JSON.stringify(e.geometry),
  ])
  return Number(r.id)
}

export async function insertImportedPlot(
  tx: Queryable,
  p: {
    adcode: string
    code: string
    name: string
    status: string
    formerIndustry: string
    landUser: string | null
    address: string | null
    contact: string | null
    plannedLandClass: string | null
    geometry: unknown
  },
  editor: string,
): Promise<number> {
  const [r] = await q<{ id: number }>(tx, 'insert-plot', [
    p.adcode,
    p.code,
    p.name,
    p.status,
    p.formerIndustry,
    p.landUser,
    p.address,
    p.contact,
    p.plannedLandClass,
    JSON.stringify(p.geometry),
    editor,
  ])
  return Number(r.id)
}

export async function insertRegistryImport(
  tx: Queryable,
  r: {
    kind: string
    fileName: string
    outlineFile: string | null
    mode: string
    rows: number
    imported: number
    failed: number
    errors: unknown
    importedBy: string
  },
): Promise<number> {
  const [row] = await q<{ id: number }>(tx, 'insert-import', [
    r.kind,
    r.fileName,
    r.outlineFile,
    r.mode,
    r.rows,
    r.imported,
    r.failed,
    JSON.stringify(r.errors),
    r.importedBy,
  ])
  return Number(row.id)
}
