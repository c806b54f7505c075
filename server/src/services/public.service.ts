import type { Database } from '../db/database.ts'
import { describeRule, farmlandClasses, judgeCoverage, type CoverageSettings } from '../domain/coverage.ts'
import {
  toPublicControlZone,
  toPublicCounty,
  toPublicPlot,
  toPublicSearchResult,
  unionBbox,
  type Bbox,
  type PublicControlZone,
  type PublicCounty,
  type PublicPlot,
  type PublicSearchKind,
  type PublicSearchResult,
  PUBLIC_SEARCH_KINDS,
} from '../domain/public-fields.ts'
import { groupSearchHits, type SearchGroup } from '../domain/search.ts'
import { findThreeLevelFacts } from '../repos/coverage.repo.ts'
import {
  listCountyCoverage,
  listPublishedControlZones,
  listPublishedPlots,
  searchPublic,
} from '../repos/public.repo.ts'

/**
 * Every county served with the coverage of its monitoring network, judged by the rule of the staff coverage view
 * from active points only (planned and retired points neither count nor decide), counts only, and their joint
 * extent (the map starts there). The main-soil-type reading is left out: read from active points alone every
 * soil type found has an active point, and the soil types staff type at planned or retired points must neither
 * turn the verdict nor reach the public.
 */
export async function listPublicCounties(
  db: Database,
  settings: CoverageSettings,
): Promise<{ counties: PublicCounty[]; bbox: Bbox | null; rule: string }> {
  const rows = await listCountyCoverage(db, farmlandClasses(settings))
  const threeLevel = await findThreeLevelFacts(
    db,
    rows.map((r) => r.adcode),
  )
  const counties = rows.map((row) => {
    const byLevel = {
      national: Number(row.national_points),
      provincial: Number(row.provincial_points),
      city: Number(row.city_points),
      county: Number(row.county_points),
    }
    const facts = {
      activeByLevel: byLevel,
      activeByType: { basic: 0, risk: 0, background: 0, produce: 0 },
      plannedPoints: 0,
      farmlandM2: Number(row.farmland_m2),
      uncoveredM2: 0,
      farmlandParcels: 0,
      uncoveredParcels: 0,
    }
    const landUses = threeLevel.get(row.adcode)?.landUses ?? []
    return toPublicCounty(row, judgeCoverage(facts, [], landUses, settings))
  })
  return { counties, bbox: unionBbox(counties.map((c) => c.bbox)), rule: describeRule(settings, true) }
}

/** The published registry of one county, or of all. */
export async function listPublicPlots(db: Database, adcode: string | null): Promise<PublicPlot[]> {
  return (await listPublishedPlots(db, adcode)).map(toPublicPlot)
}

/** The published control zones and their announcements, of one county or of all. */
export async function listPublicControlZones(db: Database, adcode: string | null): Promise<PublicControlZone[]> {
  return (await listPublishedControlZones(db, adcode)).map(toPublicControlZone)
}

/** Places, published plots and published control zones with `text` anywhere in a name or code, kind by kind. */
export async function searchPublicPlaces(
  db: Database,
  text: string,
  limitPerKind: number,
): Promise<{ results: PublicSearchResult[]; groups: SearchGroup<PublicSearchKind>[] }> {
  const rows = await searchPublic(db, text, limitPerKind)
  return { results: rows.map(toPublicSearchResult), groups: groupSearchHits(rows, PUBLIC_SEARCH_KINDS) }
}
