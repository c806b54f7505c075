import { AppError } from './errors.ts'

/**
 * The syntax tree of an OGC API - Features filter (CQL2 of OGC 21-065r2, and the `datetime` parameter of OGC 17-069r4
 * Part 1 §7.15.4), shared by the CQL2 text parser, the `datetime` reader and the SQL compiler, and the one refusal
 * they all throw.
 */

/** A value written in a filter; `at` is its 1-based character position in the filter text (0 outside it). */
export type Literal =
  | { kind: 'string'; value: string; at: number }
  | { kind: 'number'; value: number; at: number }
  | { kind: 'boolean'; value: boolean; at: number }
  | { kind: 'date'; value: string; at: number }
  | { kind: 'timestamp'; value: string; at: number }
export type TimeLiteral = Extract<Literal, { kind: 'date' | 'timestamp' }>
export type Scalar = Literal | { kind: 'property'; name: string; at: number }
/** A geometry literal in CGCS2000 longitude/latitude, or the collection's geometry. */
export type Spatial =
  | { kind: 'property'; name: string; at: number }
  | { kind: 'bbox'; box: [number, number, number, number]; at: number }
  | { kind: 'geometry'; geojson: { type: string; coordinates: unknown }; at: number }
/** The comparison operators of CQL2 basic. */
export type Comparison = '=' | '<>' | '<' | '<=' | '>' | '>='

/** The syntax tree of a filter (the operators of CQL2 basic, advanced comparison and basic spatial). */
export type FilterNode =
  | { op: 'and' | 'or'; args: FilterNode[] }
  | { op: 'not'; arg: FilterNode }
  | { op: Comparison; left: Scalar; right: Scalar }
  | { op: 'like'; arg: Scalar; pattern: Scalar }
  | { op: 'between'; arg: Scalar; low: Scalar; high: Scalar }
  | { op: 'in'; arg: Scalar; list: Scalar[] }
  | { op: 'isNull'; arg: Scalar }
  | { op: 's_intersects'; args: [Spatial, Spatial] }
  | { op: 'literal'; value: boolean }
  | { op: 'datetime'; property: string; from: TimeLiteral | null; to: TimeLiteral | null }

/** Refuses a filter in the officer's words, naming the query parameter and, in `filter`, the character position. */
export function refuseFilter(message: string, field: string, position?: number): never {
  throw new AppError('VALIDATION', message, {
    problems: [{ code: 'INVALID_FILTER', message, field }],
    ...(position === undefined ? {} : { position }),
  })
}
