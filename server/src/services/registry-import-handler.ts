import type { Queryable } from '../db/database.ts'
import type { KindRow, RowProblem } from '../domain/registry-import.ts'
import type { AuthContext } from './auth.service.ts'
import type { RegistryImportSettings } from './registry-import.service.ts'

/* What every kind of the bulk registry import gives: its checks of the rows set-wise, and its writes. */

/** The features of an outline file: the join key and the outline in CGCS2000, or why a feature cannot be used. */
export interface OutlineFeature {
  index: number
  key: string | null
  geometry: unknown
}

export interface Checked<P> {
  planned: { row: number; value: P }[]
  errors: RowProblem[]
}

export interface KindHandler<P> {
  layers: string[]
  check(
    tx: Queryable,
    ctx: AuthContext,
    rows: KindRow[],
    outlines: OutlineFeature[] | null,
    settings: RegistryImportSettings,
  ): Promise<Checked<P>>
  write(tx: Queryable, ctx: AuthContext, planned: P[], source: string): Promise<void>
}

export const isInScope = (ctx: AuthContext, adcode: string) => ctx.user.counties.some((c) => c.adcode === adcode)
export const own = (ctx: AuthContext) => ctx.user.counties.map((c) => c.name).join('、') || '无'
export const rowError = (row: number, column: string, message: string): RowProblem => ({
  row,
  column,
  message: `第 ${row} 行${message}`,
})
