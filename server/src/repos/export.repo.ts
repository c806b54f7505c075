import type { Queryable } from '../db/database.ts'
import { sqlFile } from '../db/sql-files.ts'
import type { ExportEntryRow, ExportListHeader } from '../domain/class-list-export.ts'

/** An entry with its geometry as GeoJSON text, encoded by PostGIS (null when not asked for). */
export interface ExportEntryWithGeometry extends ExportEntryRow {
  geometry: string | null
}

export async function findClassListHeader(db: Queryable, listId: number): Promise<ExportListHeader | undefined> {
  const {
    rows: [r],
  } = await db.query(sqlFile('export/find-class-list'), [listId])
  if (!r) return undefined
  return {
    id: r.id,
    adcode: r.adcode,
    county: r.county,
    cityCode: r.city_code,
    city: r.city,
    province: r.province,
    title: r.title,
    ruleSetVersion: r.rule_set_version,
    reviewStatus: r.review_status,
    isComplete: r.is_complete,
    parcelCount: r.parcel_count,
    hasGeneratedData: r.has_generated_data,
    createdBy: r.created_by,
    createdAt: r.created_at,
    publishedAt: r.published_at,
  }
}

export async function listClassListEntries(
  db: Queryable,
  adcode: string,
  listId: number,
  withGeometry: boolean,
): Promise<ExportEntryWithGeometry[]> {
  const { rows } = await db.query(sqlFile('export/list-class-list-entries'), [adcode, listId, withGeometry])
  return rows.map((r) => ({
    townshipCode: r.township_code,
    township: r.township,
    parcelCode: r.parcel_code,
    dlbm: r.dlbm,
    areaM2: r.area_m2,
    class: r.class,
    method: r.method,
    soilGrade: r.soil_grade,
    mainPollutants: r.main_pollutants ?? [],
    sampleCount: r.sample_count,
    basisSummary: r.basis_summary,
    computedClass: r.computed_class,
    overrideReason: r.override_reason,
    isGenerated: r.is_generated,
    geometry: r.geometry,
  }))
}
