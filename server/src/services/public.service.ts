import type { Database } from '../db/database.ts'
import { describeRule, farmlandClasses, judgeCoverage, type CoverageSettings } from '../domain/coverage.ts'
import {
  toPublicControlZone, toPublicCounty, toPublicPlot, toPublicSearchResult, unionBbox,
  type Bbox, type PublicControlZone, type PublicCounty, type PublicPlot, type PublicSearchResult,
} from '../domain/public-fields.ts'
import { findThreeLevelFacts } from '../repos/coverage.repo.ts'
import { listCountyCoverage, listPublishedControlZones, listPublishedPlots, searchPublic } from '../repos/public.repo.ts'

/**
 * Every county served with the coverage of its monitoring network (active points only, judged by the same rule
 * as the staff coverage view, counts only), and their joint extent (the map starts there).
 */
export async function listPublicCounties(db: Database, settings: CoverageSettings): Promise<{ counties: PublicCounty[]; bbox: Bbox | null; rule: string }> {
  const rows = await listCountyCoverage(db, farmlandClasses(settings))
  const threeLevel = await findThreeLevelFacts(db, rows.map((r) => r.adcode))
  const counties = rows.map((row) => {
    const byLevel = { national: Number(row.national_points), provincial: Number(row.provincial_points), city: Number(row.city_points), county: Number(row.county_points) }
    const facts = {
      activeByLevel: byLevel, activeByType: { basic: 0, risk: 0, background: 0, produce: 0 }, plannedPoints: 0,
      farmlandM2: Number(row.farmland_m2), uncoveredM2: 0, farmlandParcels: 0, uncoveredParcels: 0,
    }
    const tl = threeLevel.get(row.adcode) ?? { soilTypes: [], landUses: [] }
    return toPublicCounty(row, judgeCoverage(facts, tl.soilTypes, tl.landUses, settings))
  })
  return { counties, bbox: unionBbox(counties.map((c) => c.bbox)), rule: describeRule(settings) }
}

/** The published registry of one county, or of all. */
export async function listPublicPlots(db: Database, adcode: string | null): Promise<PublicPlot[]> {
  return (await listPublishedPlots(db, adcode)).map(toPublicPlot)
}

/** The published control zones and their announcements, of one county or of all. */
export async function listPublicControlZones(db: Database, adcode: string | null): Promise<PublicControlZone[]> {
  return (await listPublishedControlZones(db, adcode)).map(toPublicControlZone)
}

/** Places, published plots and published control zones matching `text` by name or code. */
export async function searchPublicPlaces(db: Database, text: string, limitPerKind: number): Promise<PublicSearchResult[]> {
  return (await searchPublic(db, text, limitPerKind)).map(toPublicSearchResult)
}
