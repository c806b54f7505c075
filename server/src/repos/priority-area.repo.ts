import type { Queryable } from '../db/database.ts'
import { sqlFile } from '../db/sql-files.ts'
import { muToM2, type PriorityAreaSettings } from '../domain/priority-area.ts'

/** 优先保护类耕地集中区域: computed versions and their areas. One function per query. */

/** Computes a new version of the county's areas from its published classes; inside the caller's transaction. */
export async function refreshPriorityAreas(
  tx: Queryable,
  adcode: string,
  settings: PriorityAreaSettings,
  /** The class list just published (none: the sample data's classes). */
  listId: number | null,
): Promise<{ version: number; areaCount: number }> {
  const {
    rows: [row],
  } = await tx.query<{ version: number; area_count: number }>(sqlFile('priority-areas/refresh'), [
    adcode,
    settings.gapM,
    muToM2(settings.minAreaMu),
    listId,
  ])
  return { version: row.version, areaCount: row.area_count }
}

export interface PriorityAreaVersionRow {
  adcode: string
  county: string
  version: number
  list_id: number | null
  list_version: number | null
  list_title: string | null
  gap_m: number
  min_area_m2: number
  area_count: number
  area_m2: number
  parcel_count: number
  priority_m2: number
  computed_at: Date
  townships: { code: string | null; name: string; areaM2: number }[]
}

export async function listPriorityAreaVersions(
  db: Queryable,
  adcodes: readonly string[],
  perCounty: number,
): Promise<PriorityAreaVersionRow[]> {
  return (await db.query<PriorityAreaVersionRow>(sqlFile('priority-areas/list-versions'), [adcodes, perCounty])).rows
}
