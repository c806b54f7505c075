import type { MultiPolygon, Polygon } from 'geojson'
import type { Queryable } from '../db/database.ts'
import type { Finding } from '../domain/outline-checks.ts'
import { assertCountyInScope } from '../domain/scope.ts'
import type { AuthContext } from './auth.service.ts'
import { checkOutline as checkOutlineStages } from './outline-check.service.ts'

export type Geo = Polygon | MultiPolygon

/** A problem of a control zone or enterprise, with the field at fault. */
export interface RegistryProblem extends Omit<Finding, 'code'> {
  /** An outline reason code, or DUPLICATE_PLOT, UNKNOWN_PLOT, PLOT_OTHER_COUNTY, PLOT_STATE, PLOT_OUTSIDE_ZONE, SIGN_TOO_FAR. */
  code: string
  field: string
}

/**
 * The outline stages a registry outline needs (shape → CRS/range → validity → vertices → county), stopping at the
 * first failing stage. Without `adcode` the outline's county is the one holding most of it; it must be in the
 * user's scope.
 */
export async function checkOutline(
  tx: Queryable,
  ctx: AuthContext,
  input: unknown,
  where: string,
  opts: { adcode: string | null; maxVertices: number; outsideToleranceM2: number },
): Promise<
  { ok: true; geometry: Geo; adcode: string; countyName: string } | { ok: false; problems: RegistryProblem[] }
> {
  const result = await checkOutlineStages(
    tx,
    { geometry: input, where, adcode: opts.adcode },
    {
      settings: {
        maxVertices: opts.maxVertices,
        outsideToleranceM2: opts.outsideToleranceM2,
        minAreaM2: 0,
        minWidthM: 0,
        overlapToleranceM2: 0,
      },
      stages: { size: false, county: true, overlaps: false },
      onCounty: (county) => assertCountyInScope(ctx, county.adcode, county.name),
    },
  )
  if (!result.ok) return { ok: false, problems: result.problems.map((f) => ({ ...f, field: 'geometry' })) }
  return { ok: true, geometry: result.geometry, adcode: result.county.adcode, countyName: result.county.name }
}
