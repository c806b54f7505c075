import type { MultiPolygon, Polygon } from 'geojson'
import type { Queryable } from '../db/database.ts'
import {
  checkCounty, checkPolygonCoordinates, checkPolygonShape, checkVertices, describeInvalidity, type Finding,
} from '../domain/parcel-checks.ts'
import { assertCountyInScope } from '../domain/scope.ts'
import { AppError } from '../domain/errors.ts'
import { measureCounty, measureValidity } from '../repos/parcels.repo.ts'
import type { AuthContext } from './auth.service.ts'

export type Geo = Polygon | MultiPolygon

/** A problem of a control zone or enterprise, with the field at fault. */
export interface RegistryProblem extends Omit<Finding, 'code'> {
  /** A ProblemCode of parcel-checks, or DUPLICATE_PLOT, UNKNOWN_PLOT, PLOT_OTHER_COUNTY, PLOT_STATE, PLOT_OUTSIDE_ZONE, SIGN_TOO_FAR. */
  code: string
  field: string
}

/** Problem codes about where things lie; any of them makes the answer 422 GEOMETRY_CHECK, others 400. */
const SPATIAL = new Set(['INVALID_GEOJSON', 'WRONG_CRS', 'OUT_OF_RANGE', 'INVALID_GEOMETRY', 'TOO_MANY_VERTICES', 'OUTSIDE_COUNTY', 'SIGN_TOO_FAR', 'PLOT_OUTSIDE_ZONE'])

/** One error for all problems found: every message, and the problems for the form and the map. */
export function problemsError(problems: RegistryProblem[]): AppError {
  const code = problems.some((p) => SPATIAL.has(p.code)) ? 'GEOMETRY_CHECK' : 'VALIDATION'
  return new AppError(code, problems.map((p) => p.message).join('；'), { problems })
}

/**
 * The checks of parcel editing for an outline (shape → CRS/range → validity → vertices → county), stopping at
 * the first failing stage. Without `adcode` the outline's county is the one holding most of it, and it must be
 * in the user's scope.
 */
export async function checkOutline(tx: Queryable, ctx: AuthContext, input: unknown, where: string,
  opts: { adcode: string | null; maxVertices: number; outsideToleranceM2: number }): Promise<{ ok: true; geometry: Geo; adcode: string; countyName: string } | { ok: false; problems: RegistryProblem[] }> {
  const fail = (findings: Finding[]) => ({ ok: false as const, problems: findings.map((f) => ({ ...f, field: 'geometry' })) })
  const shape = checkPolygonShape(input, where)
  if (!shape.ok) return fail(shape.findings)
  const g = shape.geometry
  const coordinates = checkPolygonCoordinates(g, shape.crs, where)
  if (coordinates.length) return fail(coordinates)
  const invalid = describeInvalidity(await measureValidity(tx, g), where)
  if (invalid.length) return fail(invalid)
  const vertices = checkVertices(g, { maxVertices: opts.maxVertices }, where)
  if (vertices.length) return fail(vertices)
  const county = await measureCounty(tx, g, opts.adcode)
  if (county) assertCountyInScope(ctx, county.adcode, county.name)
  const outside = checkCounty({
    county: county ? { adcode: county.adcode, name: county.name } : null,
    outsideM2: county?.outside_m2 ?? 0, outsideAt: county?.lon != null && county.lat != null ? [county.lon, county.lat] : null,
  }, { outsideToleranceM2: opts.outsideToleranceM2 }, where)
  if (outside.length) return fail(outside)
  return { ok: true, geometry: g, adcode: county!.adcode, countyName: county!.name }
}
