import type { Queryable } from '../db/database.ts'
import { sqlFile } from '../db/sql-files.ts'
import { publishControlZones, publishPlots } from './review.repo.ts'
import type { CountySample, TownshipSeed } from '../../../sample-data/generator/generate.ts'

export interface CountyRecord {
  adcode: string
  name: string
  cityCode: string
  city: string
  province: string
  /** GeoJSON outline in lon/lat; repaired with ST_MakeValid on insert. */
  geometry: unknown
}

const BATCH = 5000

export async function clearMissionTables(db: Queryable): Promise<void> {
  await db.query(sqlFile('sample-data/clear-data'))
}

export async function insertCounty(tx: Queryable, c: CountyRecord): Promise<void> {
  await tx.query(sqlFile('sample-data/insert-county'), [
    c.adcode,
    c.name,
    c.cityCode,
    c.city,
    c.province,
    JSON.stringify(c.geometry),
  ])
}

/** Generated township outlines: a Voronoi partition of the county from one seed point per township. */
export async function insertTownships(
  tx: Queryable,
  adcode: string,
  seeds: (TownshipSeed & { name: string })[],
): Promise<void> {
  await tx.query(sqlFile('sample-data/insert-townships'), [
    adcode,
    seeds.map((s) => s.code),
    seeds.map((s) => s.name),
    seeds.map((s) => s.lon),
    seeds.map((s) => s.lat),
  ])
}

async function insertBatches<T>(rows: T[], insert: (batch: T[]) => Promise<number>): Promise<number> {
  let n = 0
  for (let i = 0; i < rows.length; i += BATCH) n += await insert(rows.slice(i, i + BATCH))
  return n
}

/** Every generated row of one county, in batches; returns the parcels kept (those inside the county). */
export async function insertCountySample(tx: Queryable, s: CountySample): Promise<number> {
  const a = s.adcode
  const parcels = await insertBatches(
    s.parcels,
    async (b) =>
      (
        await tx.query(sqlFile('sample-data/insert-parcels'), [
          a,
          b.map((r) => r.code),
          b.map((r) => r.dlbm),
          b.map((r) => r.class),
          b.map((r) => r.wkt),
        ])
      ).rowCount ?? 0,
  )
  await insertBatches(
    s.points,
    async (b) =>
      (
        await tx.query(sqlFile('sample-data/insert-points'), [
          a,
          b.map((r) => r.code),
          b.map((r) => r.name),
          b.map((r) => r.level),
          b.map((r) => r.pointType),
          b.map((r) => r.landUse),
          b.map((r) => r.soilType),
          b.map((r) => r.lon),
          b.map((r) => r.lat),
        ])
      ).rowCount ?? 0,
  )
  await insertBatches(
    s.results,
    async (b) =>
      (
        await tx.query(sqlFile('sample-data/insert-results'), [
          a,
          b.map((r) => r.pointCode),
          b.map((r) => r.sampledOn),
          b.map((r) => r.medium),
          b.map((r) => r.crop),
          b.map((r) => r.ph),
          b.map((r) => r.organicMatterGKg),
          b.map((r) => JSON.stringify(r.values)),
          b.map((r) => r.ploughDepthCm),
        ])
      ).rowCount ?? 0,
  )
  await insertBatches(
    s.enterprises,
    async (b) =>
      (
        await tx.query(sqlFile('sample-data/insert-enterprises'), [
          a,
          b.map((r) => r.creditCode),
          b.map((r) => r.name),
          b.map((r) => r.industry),
          b.map((r) => r.status),
          b.map((r) => r.wkt),
        ])
      ).rowCount ?? 0,
  )
  await insertBatches(
    s.plots,
    async (b) =>
      (
        await tx.query(sqlFile('sample-data/insert-plots'), [
          a,
          b.map((r) => r.code),
          b.map((r) => r.name),
          b.map((r) => r.status),
          b.map((r) => r.riskLevel),
          b.map((r) => r.formerIndustry),
          b.map((r) => r.landUser),
          b.map((r) => r.address),
          b.map((r) => r.contact),
          b.map((r) => r.wkt),
        ])
      ).rowCount ?? 0,
  )
  await tx.query(sqlFile('sample-data/insert-negative-uses'), [a])
  await tx.query(sqlFile('sample-data/insert-plot-events'), [a])
  for (const z of s.zones) {
    const { rows } = await tx.query<{ id: number }>(sqlFile('sample-data/insert-zone'), [
      a,
      z.code,
      z.name,
      z.announcementNo,
      z.announcementDate,
      z.announcementText,
      z.monitor.soil,
      z.monitor.surfaceWater,
      z.monitor.groundwater,
      z.monitor.air,
      z.wkt,
    ])
    await tx.query(sqlFile('sample-data/insert-zone-links'), [
      a,
      rows[0].id,
      z.plotCode,
      z.signs.map((g) => g.label),
      z.signs.map((g) => g.lon),
      z.signs.map((g) => g.lat),
    ])
  }
  await tx.query(sqlFile('sample-data/set-review-states'), [a])
  const {
    rows: [published],
  } = await tx.query<{ plot_ids: string[]; zone_ids: string[] }>(sqlFile('sample-data/published-ids'), [a])
  await publishPlots(tx, a, published.plot_ids.map(Number))
  await publishControlZones(tx, a, published.zone_ids.map(Number))
  await insertBatches(s.accounts, async (b) => {
    const measures = b.flatMap((r) => r.measures.map((m) => ({ code: r.parcelCode, year: r.year, ...m })))
    return (
      (
        await tx.query(sqlFile('sample-data/insert-accounts'), [
          a,
          b.map((r) => r.parcelCode),
          b.map((r) => r.year),
          b.map((r) => r.degree),
          b.map((r) => r.produceCompliant),
          b.map((r) => r.produceBasis),
          measures.map((m) => m.code),
          measures.map((m) => m.year),
          measures.map((m) => m.name),
          measures.map((m) => m.bucket),
        ])
      ).rowCount ?? 0
    )
  })
  await tx.query(sqlFile('sample-data/insert-redevelopments'), [
    a,
    s.redevelopments.map((r) => r.plotCode),
    s.redevelopments.map((r) => r.plotName),
    s.redevelopments.map((r) => r.year),
    s.redevelopments.map((r) => r.plannedUse),
    s.redevelopments.map((r) => r.areaM2),
    s.redevelopments.map((r) => r.meetsRequirement),
    s.redevelopments.map((r) => r.basis),
  ])
  await insertBatches(
    s.context,
    async (b) =>
      (
        await tx.query(sqlFile('sample-data/insert-context'), [
          a,
          b.map((r) => r.dlbm),
          b.map((r) => r.dlmc),
          b.map((r) => r.wkt),
        ])
      ).rowCount ?? 0,
  )
  await insertBatches(
    s.basicFarmland,
    async (b) =>
      (
        await tx.query(sqlFile('sample-data/insert-basic-farmland'), [
          a,
          b.map((r) => r.code),
          b.map((r) => r.dlbm),
          b.map((r) => r.wkt),
        ])
      ).rowCount ?? 0,
  )
  await tx.query(sqlFile('sample-data/refresh-overview'), [a])
  await tx.query(sqlFile('sample-data/record-import'), [
    a,
    JSON.stringify({
      parcels,
      points: s.points.length,
      plots: s.plots.length,
      zones: s.zones.length,
      enterprises: s.enterprises.length,
      isGenerated: true,
    }),
    Number(a),
  ])
  return parcels
}

export interface SampleLoadState {
  /** The load begun on this database; null when the start-up never seeded it. */
  plan: { parcelsPerCounty: number; adcodes: string[]; isComplete: boolean } | null
  /** Counties in the database now. */
  loadedAdcodes: string[]
}

export async function findSampleLoad(db: Queryable): Promise<SampleLoadState> {
  const {
    rows: [r],
  } = await db.query(sqlFile('sample-data/find-load'))
  return {
    plan:
      r.parcels_per_county === null
        ? null
        : { parcelsPerCounty: r.parcels_per_county, adcodes: r.adcodes, isComplete: r.is_complete },
    loadedAdcodes: r.loaded,
  }
}

export async function beginSampleLoad(db: Queryable, parcelsPerCounty: number, adcodes: string[]): Promise<void> {
  await db.query(sqlFile('sample-data/begin-load'), [parcelsPerCounty, adcodes])
}

export async function completeSampleLoad(db: Queryable): Promise<void> {
  await db.query(sqlFile('sample-data/complete-load'))
}
