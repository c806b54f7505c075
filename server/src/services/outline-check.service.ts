import type { MultiPolygon, Polygon } from 'geojson'
import type { Queryable } from '../db/database.ts'
import {
  checkVertices,
  judgeMeasuredOutline,
  parseOutline,
  type Finding,
  type MeasuredStages,
  type OutlineSettings,
} from '../domain/outline-checks.ts'
import { measureOutlines } from '../repos/outline.repo.ts'

/** One outline to check, as an officer or a file gave it. */
export interface OutlineInput {
  geometry: unknown
  /** Words that name it in a message ("新图斑", "地块边界"). */
  where: string
  /** Its county when known (an edit of a stored feature); else the county holding most of it. */
  adcode?: string | null
  /** Stored parcels it may overlap without fault (itself, when edited). */
  excludeIds?: number[]
  /** A restore of a kept version: its outline cannot be adjusted, so an overlap asks for something else. */
  isRestore?: boolean
}

export type OutlineResult =
  | { ok: true; geometry: Polygon | MultiPolygon; county: { adcode: string; name: string }; areaM2: number | null }
  | { ok: false; problems: Finding[] }

export interface OutlineCheckOptions {
  settings: OutlineSettings
  /** Stages after validity and vertices: area/sliver, county boundary, overlap with stored parcels. */
  stages: MeasuredStages
  /** Called with the county of an outline before its boundary is judged; throws when the county is out of scope. */
  onCounty?: (county: { adcode: string; name: string }) => void
}

/**
 * The outline stages in order (shape → CRS/range → validity → vertices → area/sliver → county → overlap), for a
 * set of outlines with one database round trip; each result gives the problems of its first failing stage, or the
 * geometry in 2D with its county.
 */
export async function checkOutlines(
  db: Queryable,
  inputs: OutlineInput[],
  o: OutlineCheckOptions,
): Promise<OutlineResult[]> {
  const parsed = inputs.map((input) => parseOutline(input.geometry, input.where))
  const toMeasure = parsed.flatMap((p, i) => (p.ok ? [{ i, geometry: p.geometry }] : []))
  const measures = await measureOutlines(
    db,
    toMeasure.map(({ i, geometry }) => ({
      geometry,
      adcode: inputs[i].adcode ?? null,
      excludeIds: inputs[i].excludeIds ?? [],
      isMeasured: checkVertices(geometry, o.settings, inputs[i].where).length === 0,
    })),
    { size: o.stages.size, overlaps: o.stages.overlaps },
  )
  const measureOf = new Map(toMeasure.map(({ i }, k) => [i, measures[k]]))
  return parsed.map((p, i): OutlineResult => {
    if (!p.ok) return p
    const m = measureOf.get(i)!
    const { where } = inputs[i]
    const early = judgeMeasuredOutline(
      p.geometry,
      m,
      { ...o.stages, county: false, overlaps: false },
      o.settings,
      where,
    )
    if (early.length) return { ok: false, problems: early }
    if (m.county.county) o.onCounty?.(m.county.county)
    const problems = judgeMeasuredOutline(p.geometry, m, o.stages, o.settings, where, inputs[i].isRestore)
    if (problems.length) return { ok: false, problems }
    return { ok: true, geometry: p.geometry, county: m.county.county!, areaM2: m.size?.areaM2 ?? null }
  })
}

/** One outline through {@link checkOutlines}. */
export async function checkOutline(db: Queryable, input: OutlineInput, o: OutlineCheckOptions): Promise<OutlineResult> {
  const [result] = await checkOutlines(db, [input], o)
  return result
}
