import type { Queryable } from '../db/database.ts'
import { sqlFile } from '../db/sql-files.ts'
import type { CountyCoverageRow, PublicSearchRow, PublishedPlotRow, PublishedZoneRow } from '../domain/public-fields.ts'
import { searchPatterns } from '../domain/search.ts'

/** Counts of every county's active monitoring points and its farmland (三调 first-level classes `farmlandClasses`). */
export async function listCountyCoverage(db: Queryable, farmlandClasses: string[]): Promise<CountyCoverageRow[]> {
  return (await db.query<CountyCoverageRow>(sqlFile('public/list-counties'), [farmlandClasses])).rows
}

export async function listPublishedPlots(db: Queryable, adcode: string | null): Promise<PublishedPlotRow[]> {
  return (await db.query<PublishedPlotRow>(sqlFile('public/list-plots'), [adcode])).rows
}

export async function listPublishedControlZones(db: Queryable, adcode: string | null): Promise<PublishedZoneRow[]> {
  return (await db.query<PublishedZoneRow>(sqlFile('public/list-control-zones'), [adcode])).rows
}

export async function searchPublic(db: Queryable, text: string, limitPerKind: number): Promise<PublicSearchRow[]> {
  return (await db.query<PublicSearchRow>(sqlFile('public/search'), [...searchPatterns(text), limitPerKind])).rows
}
