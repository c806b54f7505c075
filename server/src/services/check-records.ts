import type { Queryable } from '../db/database.ts'
import { AppError, problemsError } from '../domain/errors.ts'
import { checkCounty, describeInvalidity, type Finding } from '../domain/outline-checks.ts'
import { assertCountyInScope, scopeAdcodes } from '../domain/scope.ts'
import type { AuthContext } from './auth.service.ts'
import { assertAdcodeInScope } from './control-zones.service.ts'

/*
 * What the two recorded checks (用地准入核查 and 建设项目选址核查) do alike: refuse an outline in the same order,
 * find a record within the caller's counties, and read the common filters of their lists.
 */

/** A trimmed text, or null when it is missing or blank. */
export const blankToNull = (v: string | null | undefined) =>
  v === undefined || v === null || v.trim() === '' ? null : v.trim()

/** The findings on a checked outline as a 422 naming the form's outline field. */
export const geometryProblems = (findings: Finding[]) =>
  problemsError(findings.map((f) => ({ ...f, field: 'geometry' })))

/** What a check's one reading statement says of its outline. */
interface OutlineReading {
  validity: { valid: boolean; reason: string | null; lon: number | null; lat: number | null }
  county: { adcode: string; name: string; outsideM2: number; outsideAt: [number, number] | null } | null
}

/**
 * The county of a read outline, or the refusal in the order of the parcel checks: invalid or over the vertex limit
 * (`vertices`, found before the reading) 422, a county outside the scope 403, outside every county or straddling
 * a county boundary 422. `where` names the outline in the messages.
 */
export function countyOfOutline(
  ctx: AuthContext,
  reading: OutlineReading,
  vertices: Finding[],
  settings: { outsideToleranceM2: number },
  where: string,
): NonNullable<OutlineReading['county']> {
  const invalid = describeInvalidity(reading.validity, where)
  if (invalid.length) throw geometryProblems(invalid)
  if (vertices.length) throw geometryProblems(vertices)
  const { county } = reading
  if (county) assertCountyInScope(ctx, county.adcode, county.name)
  const outside = checkCounty(
    {
      county: county && { adcode: county.adcode, name: county.name },
      outsideM2: county?.outsideM2 ?? 0,
      outsideAt: county?.outsideAt ?? null,
    },
    { outsideToleranceM2: settings.outsideToleranceM2 },
    where,
  )
  if (outside.length || !county) throw geometryProblems(outside)
  return county
}

/** A recorded check the caller may read: 404 unknown (`noun` names the kind of record), 403 outside the scope. */
export async function findCheckInScope<R extends { adcode: string; county_name: string }>(
  find: (db: Queryable, id: number) => Promise<R | null | undefined>,
  db: Queryable,
  ctx: AuthContext,
  id: number,
  noun: string,
): Promise<R> {
  const row = await find(db, id)
  if (!row) throw new AppError('NOT_FOUND', `没有编号为 ${id} 的${noun}`)
  assertCountyInScope(ctx, row.adcode, row.county_name)
  return row
}

/** The filters every list of checks takes. */
export interface CheckListQuery<V extends string> {
  number?: string
  from?: string
  to?: string
  verdict?: V
  q?: string
  adcode?: string
}

/** The common filters of a list of checks as the repository reads them: the caller's counties (or one, checked). */
export async function checkListFilter<V extends string>(
  db: Queryable,
  ctx: AuthContext,
  query: CheckListQuery<V>,
  limit: number,
) {
  if (query.adcode) await assertAdcodeInScope(db, ctx, query.adcode)
  return {
    adcodes: query.adcode ? [query.adcode] : scopeAdcodes(ctx),
    number: blankToNull(query.number),
    from: query.from ?? null,
    to: query.to ?? null,
    verdict: query.verdict ?? null,
    q: blankToNull(query.q),
    limit,
  }
}
