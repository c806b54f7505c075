import fs from 'node:fs'
import path from 'node:path'
import { paths } from '../config.ts'
import { DEFAULT_PRIORITY_AREA_SETTINGS, type PriorityAreaSettings } from '../domain/priority-area.ts'
import { refreshPriorityAreas } from '../repos/priority-area.repo.ts'
import type { Database } from '../db/database.ts'
import {
  beginSampleLoad,
  clearMissionTables,
  completeSampleLoad,
  findSampleLoad,
  insertCounty,
  insertCountySample,
  insertTownships,
} from '../repos/sample-data.repo.ts'
import { generateCounty, type CountyInput, type GenerateOptions } from '../../../sample-data/generator/generate.ts'
import type { PolygonCoords } from '../../../sample-data/generator/geometry.ts'

export type SampleScale = 'sample' | 'county' | 'city'

export interface SeedOptions {
  scale: SampleScale
  /** Parcels per county at the `sample` scale. */
  parcelsPerCounty?: number
  /** Only these counties (sample scale); all by default. */
  adcodes?: string[]
  /** Counties of the plan already loaded: left out, the others keep the plan's settings. */
  skipAdcodes?: string[]
  seed?: number
  log?: (msg: string) => void
  /** The 优先保护类耕地集中区域 computed from the sample classes (the defaults when not given). */
  priorityAreas?: PriorityAreaSettings
  /** Called after each county is committed: it can be used at once. */
  onCountyLoaded?: (county: { adcode: string; name: string }) => void
}

/** How far the sample load of a first start has come (GET /api/sample-load; the page's notice). */
export interface SampleLoadProgress {
  isLoading: boolean
  loaded: number
  total: number
}

interface CountyFeature {
  properties: { adcode: string; name: string; city_code: string; city: string; province: string }
  geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown }
}

/** The benchmark scales of docs/perf-targets.md: one county of 100k parcels, or 益阳市 with 1M. */
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

/** How much of everything each county gets at a scale; totals match docs/perf-targets.md. */
export function planScale(
  features: CountyFeature[],
  options: SeedOptions,
): { feature: CountyFeature; gen: GenerateOptions }[] {
  const seed = options.seed ?? 20161231
  if (options.scale === 'county') {
    const feature = features.find((f) => f.properties.adcode === COUNTY_SCALE_ADCODE)!
    return [
      {
        feature,
        gen: { seed, parcels: 100_000, points: 10_000, enterprises: 300, plots: 2_000, zones: 20, zoneVertices: 200 },
      },
    ]
  }
  if (options.scale === 'city') {
    const inCity = features.filter((f) => f.properties.city_code === CITY_SCALE_CITY)
    const share = (total: number, i: number) => Math.floor(total / inCity.length) + (i < total % inCity.length ? 1 : 0)
    return inCity.map((feature, i) => ({
      feature,
      gen: {
        seed,
        parcels: share(1_000_000, i),
        points: share(100_000, i),
        enterprises: share(3_000, i),
        plots: share(20_000, i),
        zones: share(200, i),
        zoneVertices: 1_000,
        largeZones: share(20, i),
        largeZoneVertices: 20_000,
      },
    }))
  }
  const wanted = options.adcodes ? features.filter((f) => options.adcodes!.includes(f.properties.adcode)) : features
  return wanted.map((feature, i) => ({
    feature,
    gen: {
      seed,
      parcels: options.parcelsPerCounty ?? 3000,
      points: 40,
      enterprises: 5,
      plots: 6,
      zones: 1,
      zoneVertices: 64,
      // every ninth county has no 国控 point, so the coverage view has a gap to show
      withoutNationalPoint: i % 9 === 4,
      withContext: true,
    },
  }))
}

/** Removes every row of the mission tables (sample data is replaced whole). History is kept. */
export async function clearData(db: Database): Promise<void> {
  await clearMissionTables(db)
}

/** Generates and loads the sample data, one transaction per county. */
export async function loadSampleData(
  db: Database,
  options: SeedOptions,
): Promise<{ counties: number; parcels: number }> {
  const log = options.log ?? (() => {})
  const features = readCountyFeatures()
  const townships = readTownships()
  const plan = planScale(features, options).filter((p) => !options.skipAdcodes?.includes(p.feature.properties.adcode))
  let parcels = 0
  for (const { feature, gen } of plan) {
    const { adcode, name } = feature.properties
    const own = townships.filter((t) => t.countyCode === adcode)
    const input: CountyInput = {
      adcode,
      name,
      province: feature.properties.province,
      polygons: polygonsOf(feature.geometry),
      townshipCodes: own.map((t) => t.code),
    }
    const sample = generateCounty(input, gen)
    const loaded = await db.transaction(async (tx) => {
      const p = feature.properties
      await insertCounty(tx, {
        adcode: p.adcode,
        name: p.name,
        cityCode: p.city_code,
        city: p.city,
        province: p.province,
        geometry: feature.geometry,
      })
      await insertTownships(
        tx,
        adcode,
        sample.townshipSeeds.map((seed) => ({ ...seed, name: own.find((t) => t.code === seed.code)!.name })),
      )
      const inserted = await insertCountySample(tx, sample)
      await refreshPriorityAreas(tx, adcode, options.priorityAreas ?? DEFAULT_PRIORITY_AREA_SETTINGS, null)
      return inserted
    })
    parcels += loaded
    log(`已加载 ${feature.properties.city}${name}（${adcode}）：耕地图斑 ${loaded} 个`)
    options.onCountyLoaded?.({ adcode, name })
  }
  return { counties: plan.length, parcels }
}

/**
 * The sample data of a first start, loaded so that an interrupted start is finished by the next one: the plan is
 * recorded before the first county, each county loads in its own transaction, and the load is marked complete after
 * the last. A start that finds the load unfinished loads the counties of the recorded plan still missing. A database
 * that already had counties without a recorded load (set up from its own files) is left as it is.
 */
export async function seedSampleDataOnStart(
  db: Database,
  options: {
    parcelsPerCounty: number
    log?: (msg: string) => void
    priorityAreas?: PriorityAreaSettings
    /** Kept up to date while the counties load. */
    progress?: SampleLoadProgress
    onCountyLoaded?: (county: { adcode: string; name: string }) => void
  },
): Promise<{ counties: number; parcels: number; isResumed: boolean } | null> {
  const log = options.log ?? (() => {})
  const state = await findSampleLoad(db)
  if (state.plan?.isComplete) return null
  if (!state.plan && state.loadedAdcodes.length) return null
  let plan = state.plan
  if (!plan) {
    plan = {
      parcelsPerCounty: options.parcelsPerCounty,
      adcodes: readCountyFeatures().map((f) => f.properties.adcode),
      isComplete: false,
    }
    await beginSampleLoad(db, plan.parcelsPerCounty, plan.adcodes)
    log(`数据库为空，正在加载示例数据（${plan.adcodes.length} 个区县，均为生成数据，约需 1 分钟）…`)
  } else {
    log(
      `上次启动时示例数据未加载完（已有 ${state.loadedAdcodes.length} / ${plan.adcodes.length} 个区县），继续加载其余区县…`,
    )
  }
  const progress = options.progress
  if (progress)
    Object.assign(progress, { isLoading: true, loaded: state.loadedAdcodes.length, total: plan.adcodes.length })
  const result = await loadSampleData(db, {
    scale: 'sample',
    adcodes: plan.adcodes,
    parcelsPerCounty: plan.parcelsPerCounty,
    skipAdcodes: state.loadedAdcodes,
    log: (msg) => log(progress ? `${msg}（${progress.loaded + 1}/${progress.total}）` : msg),
    priorityAreas: options.priorityAreas,
    onCountyLoaded: (county) => {
      if (progress) progress.loaded++
      options.onCountyLoaded?.(county)
    },
  })
  await completeSampleLoad(db)
  if (progress) progress.isLoading = false
  return { ...result, isResumed: state.plan !== null }
}
