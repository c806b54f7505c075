import type { Queryable } from '../db/database.ts'
import { sqlFile } from '../db/sql-files.ts'

/**
 * The summary statement of each collection of the data sharing service, named in full: `scoped` ones take the
 * reader's county codes as $1, the others count everything (the public collections).
 */
const SUMMARY: Readonly<Record<string, { statement: string; scoped: boolean }>> = {
  plots: { statement: 'sharing-catalogue/plots-summary', scoped: false },
  'control-zones': { statement: 'sharing-catalogue/control-zones-summary', scoped: false },
  counties: { statement: 'sharing-catalogue/counties-summary', scoped: false },
  townships: { statement: 'sharing-catalogue/townships-summary', scoped: false },
  'farmland-parcels': { statement: 'sharing-catalogue/farmland-parcels-summary', scoped: true },
  'monitoring-points': { statement: 'sharing-catalogue/monitoring-points-summary', scoped: true },
  'contaminated-plots': { statement: 'sharing-catalogue/contaminated-plots-summary', scoped: true },
  'class-list': { statement: 'sharing-catalogue/class-list-summary', scoped: true },
  'control-zones-internal': { statement: 'sharing-catalogue/control-zones-internal-summary', scoped: true },
  enterprises: { statement: 'sharing-catalogue/enterprises-summary', scoped: true },
  'land-context': { statement: 'sharing-catalogue/land-context-summary', scoped: true },
  'basic-farmland': { statement: 'sharing-catalogue/basic-farmland-summary', scoped: true },
}

/** How many features a collection holds (within `adcodes` when it is kept per county) and when one last changed. */
export interface CollectionSummary {
  features: number
  changedAt: Date | null
}

/** The summary of collection `id`, or null when no summary statement is written for it. */
export async function summarizeCollection(
  db: Queryable,
  id: string,
  adcodes: readonly string[],
): Promise<CollectionSummary | null> {
  const summary = SUMMARY[id]
  if (!summary) return null
  const { rows } = await db.query<{ features: string; changed_at: Date | null }>(
    sqlFile(summary.statement),
    summary.scoped ? [adcodes] : [],
  )
  return { features: Number(rows[0].features), changedAt: rows[0].changed_at }
}

/** A data sharing key in force that opens some of the reader's counties. */
export interface ActiveKeyRow {
  holder: string
  holder_kind: string
  expires_at: Date
  collections: string[]
  county_names: string[] | null
}

export async function listActiveKeys(db: Queryable, adcodes: readonly string[]): Promise<ActiveKeyRow[]> {
  return (await db.query<ActiveKeyRow>(sqlFile('sharing-catalogue/list-active-keys'), [adcodes])).rows
}
