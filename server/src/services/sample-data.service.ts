import fs from 'node:fs'
import path from 'node:path'
import { paths } from '../config.ts'
import type { Database, Queryable } from '../db/database.ts'
import { sqlFile } from '../db/sql-files.ts'
import { generateCounty, type CountyInput, type CountySample, type GenerateOptions } from '../../../sample-data/generator/generate.ts'
import type { PolygonCoords } from '../../../sample-data/generator/geometry.ts'

export type SampleScale = 'sample' | 'county' | 'city'

export interface SeedOptions {
  scale: SampleScale
  /** Parcels per county at the `sample` scale. */
  parcelsPerCounty?: number
  /** Only these counties (sample scale); all by default. */
  adcodes?: string[]
  seed?: number
  log?: (msg: string) => void
}

interface CountyFeature {
  properties: { adcode: string; name: string; city_code: string; city: string; province: string }
  geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown }
}

const BATCH = 5000
/** PERF.md scales: one county of 100k parcels, or 益阳市 with 1M. */
const COUNTY_SCALE_ADCODE = '430903'
const CITY_SCALE_CITY = '430900'

export function readCountyFeatures(): CountyFeature[] {
  const text = fs.readFileSync(path.join(paths.sampleData, 'counties.geojson'), 'utf8')
  return JSON.parse(text).features
}

export function readTownships(): { code: string; name: string; countyCode: string }[] {
  const lines = fs.readFileSync(path.join(paths.sampleData, 'townships.csv'), 'utf8').trim().split(/\r?\n/).slice(1)
  return lines.map((line) => {
    const [code, name, countyCode] = line.split(',')
    return { code, name, countyCode }
  })
}

function polygonsOf(geometry: CountyFeature['geometry']): PolygonCoords[] {
  return (geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates) as PolygonCoords[]
}

/** How much of everything each county gets at a scale; totals match ../shared/PERF.md. */
export function planScale(features: CountyFeature[], options: SeedOptions): { feature: CountyFeature; gen: GenerateOptions }[] {
  const seed = options.seed ?? 20161231
  if (options.scale === 'county') {
    const feature = features.find((f) => f.properties.adcode === COUNTY_SCALE_ADCODE)!
    return [{ feature, gen: { seed, parcels: 100_000, points: 10_000, enterprises: 300, plots: 2_000, zones: 20, zoneVertices: 200 } }]
  }
  if (options.scale === 'city') {
    const inCity = features.filter((f) => f.properties.city_code === CITY_SCALE_CITY)
    const share = (total: number, i: number) => Math.floor(total / inCity.length) + (i < total % inCity.length ? 1 : 0)
    return inCity.map((feature, i) => ({
      feature,
      gen: {
        seed, parcels: share(1_000_000, i), points: share(100_000, i), enterprises: share(3_000, i), plots: share(20_000, i),
        zones: share(200, i), zoneVertices: 1_000, largeZones: share(20, i), largeZoneVertices: 20_000,
      },
    }))
  }
  const wanted = options.adcodes ? features.filter((f) => options.adcodes!.includes(f.properties.adcode)) : features
  return wanted.map((feature, i) => ({
    feature,
    gen: {
      seed, parcels: options.parcelsPerCounty ?? 3000, points: 40, enterprises: 5, plots: 6, zones: 1, zoneVertices: 64,
      // every ninth county has no 国控 point, so the coverage view has a gap to show
      withoutNationalPoint: i % 9 === 4,
    },
  }))
}

/** Removes every row of the mission tables (sample data is replaced whole). History is kept. */
export async function clearData(db: Database): Promise<void> {
  await db.query(`TRUNCATE farmland_overview, control_zone_sign, control_zone_plot, control_zone, plot_negative_use,
    contaminated_plot, supervised_enterprise, monitoring_result, monitoring_point, farmland_parcel, township, county`)
}

/** Generates and loads the sample data, one transaction per county. */
export async function loadSampleData(db: Database, options: SeedOptions): Promise<{ counties: number; parcels: number }> {
  const log = options.log ?? (() => {})
  const features = readCountyFeatures()
  const townships = readTownships()
  const plan = planScale(features, options)
  let parcels = 0
  for (const { feature, gen } of plan) {
    const { adcode, name } = feature.properties
    const own = townships.filter((t) => t.countyCode === adcode)
    const input: CountyInput = {
      adcode, name, province: feature.properties.province, polygons: polygonsOf(feature.geometry), townshipCodes: own.map((t) => t.code),
    }
    const sample = generateCounty(input, gen)
    const loaded = await db.transaction(async (tx) => {
      await insertCounty(tx, feature)
      await tx.query(sqlFile('sample-data/insert-townships'), [
        adcode, sample.townshipSeeds.map((s) => s.code), sample.townshipSeeds.map((s) => own.find((t) => t.code === s.code)!.name),
        sample.townshipSeeds.map((s) => s.lon), sample.townshipSeeds.map((s) => s.lat),
      ])
      return insertSample(tx, sample)
    })
    parcels += loaded
    log(`已加载 ${feature.properties.city}${name}（${adcode}）：耕地图斑 ${loaded} 个`)
  }
  return { counties: plan.length, parcels }
}

async function insertCounty(tx: Queryable, feature: CountyFeature): Promise<void> {
  const p = feature.properties
  await tx.query(sqlFile('sample-data/insert-county'), [p.adcode, p.name, p.city_code, p.city, p.province, JSON.stringify(feature.geometry)])
}

async function insertBatches<T>(rows: T[], insert: (batch: T[]) => Promise<number>): Promise<number> {
  let n = 0
  for (let i = 0; i < rows.length; i += BATCH) n += await insert(rows.slice(i, i + BATCH))
  return n
}

async function insertSample(tx: Queryable, s: CountySample): Promise<number> {
  const a = s.adcode
  const parcels = await insertBatches(s.parcels, async (b) => (await tx.query(sqlFile('sample-data/insert-parcels'), [
    a, b.map((r) => r.code), b.map((r) => r.dlbm), b.map((r) => r.class), b.map((r) => r.wkt),
  ])).rowCount ?? 0)
  await insertBatches(s.points, async (b) => (await tx.query(sqlFile('sample-data/insert-points'), [
    a, b.map((r) => r.code), b.map((r) => r.name), b.map((r) => r.level), b.map((r) => r.pointType),
    b.map((r) => r.landUse), b.map((r) => r.soilType), b.map((r) => r.lon), b.map((r) => r.lat),
  ])).rowCount ?? 0)
  await insertBatches(s.results, async (b) => (await tx.query(sqlFile('sample-data/insert-results'), [
    a, b.map((r) => r.pointCode), b.map((r) => r.sampledOn), b.map((r) => r.medium), b.map((r) => r.crop),
    b.map((r) => r.ph), b.map((r) => r.organicMatterGKg), b.map((r) => JSON.stringify(r.values)),
  ])).rowCount ?? 0)
  await insertBatches(s.enterprises, async (b) => (await tx.query(sqlFile('sample-data/insert-enterprises'), [
    a, b.map((r) => r.creditCode), b.map((r) => r.name), b.map((r) => r.industry), b.map((r) => r.status), b.map((r) => r.wkt),
  ])).rowCount ?? 0)
  await insertBatches(s.plots, async (b) => (await tx.query(sqlFile('sample-data/insert-plots'), [
    a, b.map((r) => r.code), b.map((r) => r.name), b.map((r) => r.status), b.map((r) => r.riskLevel), b.map((r) => r.formerIndustry),
    b.map((r) => r.landUser), b.map((r) => r.address), b.map((r) => r.contact), b.map((r) => r.wkt),
  ])).rowCount ?? 0)
  await tx.query(sqlFile('sample-data/insert-negative-uses'), [a])
  for (const z of s.zones) {
    const { rows } = await tx.query<{ id: number }>(sqlFile('sample-data/insert-zone'), [
      a, z.code, z.name, z.announcementNo, z.announcementDate, z.announcementText,
      z.monitor.soil, z.monitor.surfaceWater, z.monitor.groundwater, z.monitor.air, z.wkt,
    ])
    await tx.query(sqlFile('sample-data/insert-zone-links'), [
      a, rows[0].id, z.plotCode, z.signs.map((g) => g.label), z.signs.map((g) => g.lon), z.signs.map((g) => g.lat),
    ])
  }
  await tx.query('SELECT refresh_farmland_overview($1)', [a])
  await tx.query(`INSERT INTO change_history (adcode, entity, entity_id, action, actor, reason, after)
    VALUES ($1, 'county', $3, 'import', 'sample-data', '加载生成的示例数据', $2)`,
  [a, JSON.stringify({ parcels, points: s.points.length, plots: s.plots.length, zones: s.zones.length, enterprises: s.enterprises.length, isGenerated: true }), Number(a)])
  return parcels
}
