import type { Queryable } from '../db/database.ts'
import { farmlandClasses, type CoverageSettings } from '../domain/coverage.ts'
import {
  findCoverageFacts,
  findCoverageVersions,
  findThreeLevelFacts,
  type ThreeLevelFacts,
  type TownshipFacts,
} from '../repos/coverage.repo.ts'

/** What the database answers for one county: its township facts and its three-level facts. */
interface CountyFigures {
  townships: TownshipFacts[]
  threeLevel: ThreeLevelFacts
}

/** Most county figures the coverage cache of one database keeps (one per county and settings; least recently read go first). */
const CACHE_MAX_COUNTIES = 1000

/**
 * Computed coverage figures per county and settings with the data version they were computed at (migration 022),
 * and how many counties were served from it (hits) or computed (misses). A figure is served only while the county's
 * version is the one read just before it was computed, so it is never older than the data.
 */
class CoverageCache {
  private readonly entries = new Map<string, { version: string; figures: Promise<CountyFigures> }>()
  hits = 0
  misses = 0

  get size() {
    return this.entries.size
  }

  /** The figures kept under the key at this version, now the most recently read; none when absent or older. */
  find(key: string, version: string): Promise<CountyFigures> | undefined {
    const entry = this.entries.get(key)
    if (entry?.version !== version) return undefined
    this.entries.delete(key)
    this.entries.set(key, entry)
    return entry.figures
  }

  keep(key: string, version: string, figures: Promise<CountyFigures>): void {
    this.entries.delete(key)
    this.entries.set(key, { version, figures })
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= CACHE_MAX_COUNTIES) break
      this.entries.delete(oldest)
    }
  }

  /** Drops the figures under the key when they are these (a failed computation is not kept). */
  forget(key: string, figures: Promise<CountyFigures>): void {
    if (this.entries.get(key)?.figures === figures) this.entries.delete(key)
  }
}

const caches = new WeakMap<Queryable, CoverageCache>()

function cacheOf(db: Queryable): CoverageCache {
  let cache = caches.get(db)
  if (!cache) caches.set(db, (cache = new CoverageCache()))
  return cache
}

/** Counties of the database's coverage cache served from it and computed so far, and how many it holds. */
export function coverageCacheStats(db: Queryable) {
  const cache = caches.get(db)
  return { hits: cache?.hits ?? 0, misses: cache?.misses ?? 0, counties: cache?.size ?? 0 }
}

/** Empties the database's coverage cache, so the next read computes every county (the bench times the computation). */
export function clearCoverageCache(db: Queryable): void {
  caches.delete(db)
}

/** Township and three-level facts of the counties, in one query each. */
async function computeFigures(
  db: Queryable,
  adcodes: string[],
  settings: CoverageSettings,
): Promise<Map<string, CountyFigures>> {
  const [facts, threeLevel] = await Promise.all([
    findCoverageFacts(db, adcodes, settings.distanceM, farmlandClasses(settings)),
    findThreeLevelFacts(db, adcodes),
  ])
  return new Map(
    adcodes.map((adcode) => [
      adcode,
      {
        townships: facts.filter((f) => f.adcode === adcode),
        threeLevel: threeLevel.get(adcode) ?? { soilTypes: [], landUses: [] },
      },
    ]),
  )
}

/**
 * The figures of the counties: from the cache where the county's data version (read first, one small query) is the
 * one they were computed at, the others computed together and kept. Figures computed after the version was read can
 * only be newer than it; a later change moves the version on (the boxes of migration 022 only grow), so they are
 * never served for data they do not show.
 */
export async function figuresOf(
  db: Queryable,
  adcodes: string[],
  settings: CoverageSettings,
): Promise<Map<string, CountyFigures>> {
  const cache = cacheOf(db)
  const fingerprint = JSON.stringify([settings.distanceM, farmlandClasses(settings)])
  const versions = await findCoverageVersions(db, adcodes, settings.distanceM)
  const key = (adcode: string) => `${adcode}|${fingerprint}`
  const figures = new Map<string, Promise<CountyFigures>>()
  const missing: string[] = []
  for (const adcode of adcodes) {
    const kept = cache.find(key(adcode), versions.get(adcode) ?? '')
    if (kept) figures.set(adcode, kept)
    else missing.push(adcode)
  }
  cache.hits += figures.size
  cache.misses += missing.length
  if (missing.length) {
    const computed = computeFigures(db, missing, settings)
    for (const adcode of missing) {
      const one = computed.then((all) => all.get(adcode)!)
      figures.set(adcode, one)
      cache.keep(key(adcode), versions.get(adcode) ?? '', one)
    }
    computed.catch(() => {
      for (const adcode of missing) cache.forget(key(adcode), figures.get(adcode)!)
    })
  }
  return new Map(await Promise.all(adcodes.map(async (adcode) => [adcode, await figures.get(adcode)!] as const)))
}
