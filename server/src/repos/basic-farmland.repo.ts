import type { Queryable } from '../db/database.ts'
import { sqlFile } from '../db/sql-files.ts'
import type { DisagreementInput, DisagreementKind } from '../domain/basic-farmland.ts'

/** 永久基本农田 against the farmland classes. One function per query. */

interface DisagreementRow {
  kind: DisagreementKind
  id: string
  code: string
  class: string
  township: string | null
  area_m2: number
  inside_m2: number
  farmland_codes: string | null
  kind_count: string
  kind_area_m2: number
  kind_inside_m2: number
  west: number
  south: number
  east: number
  north: number
}

export interface KindTotals {
  count: number
  areaM2: number
  insideM2: number
}

/** Parcels whose class disagrees with 永久基本农田 (sql/queries/basic-farmland/find-disagreements.sql). */
export async function findDisagreements(
  db: Queryable,
  o: { adcode: string; listId: number | null; minOverlapM2: number; limitPerKind: number },
): Promise<{ rows: DisagreementInput[]; totals: Partial<Record<DisagreementKind, KindTotals>> }> {
  const { rows } = await db.query<DisagreementRow>(sqlFile('basic-farmland/find-disagreements'), [
    o.adcode,
    o.listId,
    o.minOverlapM2,
    o.limitPerKind,
  ])
  const totals: Partial<Record<DisagreementKind, KindTotals>> = {}
  for (const r of rows)
    totals[r.kind] = { count: Number(r.kind_count), areaM2: Number(r.kind_area_m2), insideM2: Number(r.kind_inside_m2) }
  return {
    rows: rows.map((r) => ({
      kind: r.kind,
      parcelId: Number(r.id),
      code: r.code,
      farmlandClass: r.class,
      township: r.township,
      areaM2: Number(r.area_m2),
      insideM2: Number(r.inside_m2),
      farmlandCodes: r.farmland_codes,
      bbox: [Number(r.west), Number(r.south), Number(r.east), Number(r.north)],
    })),
    totals,
  }
}

/** The county's 永久基本农田图斑: how many, and their area in m². */
export async function countBasicFarmland(db: Queryable, adcode: string): Promise<{ patches: number; areaM2: number }> {
  const {
    rows: [r],
  } = await db.query<{ patches: number; area_m2: number }>(sqlFile('basic-farmland/count-patches'), [adcode])
  return { patches: Number(r.patches), areaM2: Number(r.area_m2) }
}

/** The county of a class list; undefined when there is no such list. */
export async function findListCounty(db: Queryable, listId: number): Promise<string | undefined> {
  const { rows } = await db.query<{ adcode: string }>(sqlFile('basic-farmland/find-list-county'), [listId])
  return rows[0]?.adcode
}
