import type { Database } from '../db/database.ts'
import {
  toPublicControlZone, toPublicCounty, toPublicPlot, toPublicSearchResult, unionBbox,
  type Bbox, type PublicControlZone, type PublicCounty, type PublicPlot, type PublicSearchResult,
} from '../domain/public-fields.ts'
import { listCountyCoverage, listPublishedControlZones, listPublishedPlots, searchPublic } from '../repos/public.repo.ts'

/** Every county served with the coverage of its monitoring network, and their joint extent (the map starts there). */
export async function listPublicCounties(db: Database): Promise<{ counties: PublicCounty[]; bbox: Bbox | null }> {
  const counties = (await listCountyCoverage(db)).map(toPublicCounty)
  return { counties, bbox: unionBbox(counties.map((c) => c.bbox)) }
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
