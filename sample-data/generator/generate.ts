import { Random, seedFor } from './random.ts'
import {
  bboxOf,
  centreOf,
  centreOfWkt,
  insideOnLines,
  isInPolygons,
  metresPerDegree,
  polygonToWkt,
  round7,
  starRingInBox,
  type PolygonCoords,
  type Position,
} from './geometry.ts'
import { FIRM_WORDS, GENERATED_MARK, INDUSTRIES, PLOT_SUFFIXES, shortCountyName } from './names.ts'
import {
  generateBasicFarmland,
  generateContext,
  type BasicFarmlandRow,
  type ContextRow,
  type ParcelGrid,
} from './context.ts'
import { generateAccounts, generateRedevelopments, type AccountRow, type RedevelopmentRow } from './ledgers.ts'

export interface CountyInput {
  adcode: string
  name: string
  province: string
  /** Outline as GeoJSON polygon coordinates (lon/lat). */
  polygons: PolygonCoords[]
  townshipCodes: string[]
}

export interface GenerateOptions {
  seed: number
  parcels: number
  points: number
  enterprises: number
  plots: number
  /** Control zones and the vertices of their outlines. */
  zones: number
  zoneVertices: number
  /** Extra large zones (city scale: 20 of ~20,000 vertices). */
  largeZones?: number
  largeZoneVertices?: number
  /** Leave the county without any 国控 point (to give the coverage view a gap). */
  withoutNationalPoint?: boolean
  /** Add the ground around the parcels (context base map) and 永久基本农田 patches over them. */
  withContext?: boolean
}

export interface ParcelRow {
  code: string
  dlbm: string
  class: string
  wkt: string
}
export interface PointRow {
  code: string
  name: string
  level: string
  pointType: string
  landUse: string
  soilType: string
  lon: number
  lat: number
}
export interface ResultRow {
  pointCode: string
  sampledOn: string
  medium: 'soil' | 'crop'
  crop: string | null
  ph: number | null
  organicMatterGKg: number | null
  values: Record<string, number>
  ploughDepthCm: number | null
}
export interface EnterpriseRow {
  creditCode: string
  name: string
  industry: string
  status: string
  wkt: string
}
export interface PlotRow {
  code: string
  name: string
  status: string
  riskLevel: string | null
  formerIndustry: string
  landUser: string
  address: string
  contact: string
  wkt: string
}
export interface ZoneRow {
  code: string
  name: string
  plotCode: string | null
  announcementNo: string
  announcementDate: string
  announcementText: string
  monitor: { soil: boolean; surfaceWater: boolean; groundwater: boolean; air: boolean }
  wkt: string
  signs: { label: string; lon: number; lat: number }[]
}
export interface TownshipSeed {
  code: string
  lon: number
  lat: number
}

export interface CountySample {
  adcode: string
  townshipSeeds: TownshipSeed[]
  parcels: ParcelRow[]
  points: PointRow[]
  results: ResultRow[]
  enterprises: EnterpriseRow[]
  plots: PlotRow[]
  zones: ZoneRow[]
  accounts: AccountRow[]
  redevelopments: RedevelopmentRow[]
  /** 三调 features that are not farmland, around the parcels (empty without `withContext`). */
  context: ContextRow[]
  basicFarmland: BasicFarmlandRow[]
}

const CELL_W_M = 70
const CELL_H_M = 60

/** Plot lifecycle states spread over the sample, weighted towards the early states. */
const PLOT_STATUSES: readonly (readonly [string, number])[] = [
  ['suspected', 5],
  ['preliminary_investigation', 2],
  ['contaminated', 2],
  ['detailed_investigation', 1],
  ['risk_assessment', 1],
  ['listed', 2],
  ['risk_control', 1],
  ['remediation', 1],
  ['effect_evaluation', 1],
  ['removal_applied', 0.5],
  ['removed', 0.5],
  ['cleared', 1],
  ['control_zone', 2],
]
const LISTED_STATUSES = new Set([
  'listed',
  'risk_control',
  'remediation',
  'effect_evaluation',
  'removal_applied',
  'control_zone',
])

/** Generates one county's sample data, deterministically from `options.seed` and the county code. */
export function generateCounty(county: CountyInput, options: GenerateOptions): CountySample {
  const rnd = new Random(seedFor(options.seed, county.adcode))
  const box = bboxOf(county.polygons)
  const mpd = metresPerDegree((box[1] + box[3]) / 2)
  const cellW = CELL_W_M / mpd.lon
  const cellH = CELL_H_M / mpd.lat
  const cols = Math.floor((box[2] - box[0]) / cellW)
  const rows = Math.floor((box[3] - box[1]) / cellH)
  const blocked = new Set<number>()
  const cellKey = (c: number, r: number) => r * cols + c
  const isInside = (p: Position) => isInPolygons(p, county.polygons)
  const randomPointInside = (): Position => {
    for (let i = 0; i < 10_000; i++) {
      const p: Position = [rnd.between(box[0], box[2]), rnd.between(box[1], box[3])]
      if (isInside(p)) return p
    }
    throw new Error(`无法在 ${county.name} 内生成随机点`)
  }
  const boxAround = ([lon, lat]: Position, halfWm: number, halfHm: number): [number, number, number, number] => [
    lon - halfWm / mpd.lon,
    lat - halfHm / mpd.lat,
    lon + halfWm / mpd.lon,
    lat + halfHm / mpd.lat,
  ]
  const block = (b: [number, number, number, number], marginCells = 1) => {
    const c0 = Math.floor((b[0] - box[0]) / cellW) - marginCells,
      c1 = Math.floor((b[2] - box[0]) / cellW) + marginCells
    const r0 = Math.floor((b[1] - box[1]) / cellH) - marginCells,
      r1 = Math.floor((b[3] - box[1]) / cellH) + marginCells
    for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) blocked.add(cellKey(c, r))
  }
  const rand = () => rnd.next()
  const short = shortCountyName(county.name)
  const isNorth = county.province === '吉林省'

  const townshipSeeds = county.townshipCodes.map((code) => {
    const [lon, lat] = randomPointInside()
    return { code, lon: round7(lon), lat: round7(lat) }
  })

  const enterprises: EnterpriseRow[] = []
  const sources: Position[] = []
  for (let i = 0; i < options.enterprises; i++) {
    const centre = randomPointInside()
    const [industry, , word] = rnd.pick(INDUSTRIES)
    const b = boxAround(centre, rnd.between(80, 160), rnd.between(60, 120))
    block(b)
    sources.push(centre)
    enterprises.push({
      creditCode: `91${county.adcode}MA${String(i).padStart(8, '0')}`.slice(0, 18).padEnd(18, 'X'),
      name: `${short}${rnd.pick(FIRM_WORDS)}${word}有限公司${GENERATED_MARK}`,
      industry,
      status: rnd.weighted([
        ['operating', 6],
        ['closed', 2],
        ['relocated', 2],
      ] as const),
      wkt: polygonToWkt([starRingInBox(b, rnd.int(9, 16), rand, 0.9, 0.99)]),
    })
  }

  const plots: PlotRow[] = []
  const zones: ZoneRow[] = []
  const plotBoxes: [number, number, number, number][] = []
  for (let i = 0; i < options.plots; i++) {
    const former = i < enterprises.length && enterprises[i].status !== 'operating' ? enterprises[i] : undefined
    const centre = former ? sources[i] : randomPointInside()
    if (!former) sources.push(centre)
    const b = boxAround(centre, rnd.between(60, 150), rnd.between(50, 120))
    block(b)
    plotBoxes.push(b)
    const [industry, industryName] = former
      ? INDUSTRIES.find(([code]) => code === former.industry)!
      : rnd.pick(INDUSTRIES)
    const status = rnd.weighted(PLOT_STATUSES)
    const name = former
      ? `原${former.name.replace(GENERATED_MARK, '')}地块${GENERATED_MARK}`
      : `${short}${rnd.pick(FIRM_WORDS)}${industryName}${rnd.pick(PLOT_SUFFIXES)}地块${GENERATED_MARK}`
    plots.push({
      code: `${county.adcode}-DK${String(i + 1).padStart(4, '0')}`,
      name,
      status,
      riskLevel: LISTED_STATUSES.has(status) || status === 'contaminated' ? rnd.pick(['high', 'medium', 'low']) : null,
      formerIndustry: industry,
      landUser: `${short}${rnd.pick(FIRM_WORDS)}置业有限公司${GENERATED_MARK}`,
      address: `${county.province}${county.name}（示例地址）`,
      contact: `联系人${rnd.int(1, 99)}（示例） 1380000${String(rnd.int(0, 9999)).padStart(4, '0')}`,
      wkt: polygonToWkt([starRingInBox(b, rnd.int(9, 20), rand, 0.88, 0.99)]),
    })
  }

  const zonePlots = plots.map((p, i) => ({ p, i })).filter(({ p }) => p.status === 'control_zone')
  const zoneCount = options.zones + (options.largeZones ?? 0)
  for (let i = 0; i < zoneCount; i++) {
    const isLarge = i >= options.zones
    const link = zonePlots[i]
    const centre = link ? centreOf(plotBoxes[link.i]) : randomPointInside()
    const half = isLarge ? rnd.between(900, 1500) : rnd.between(250, 450)
    const b = boxAround(centre, half, half * rnd.between(0.7, 1))
    block(b)
    const vertices = isLarge ? (options.largeZoneVertices ?? 20_000) : options.zoneVertices
    const ring = starRingInBox(b, vertices, rand, 0.9, 0.99)
    const year = 2020 + rnd.int(0, 5)
    const seq = i + 1
    zones.push({
      code: `${county.adcode}-GK${String(seq).padStart(3, '0')}`,
      name: `${link ? link.p.name.replace(GENERATED_MARK, '') : `${short}第${seq}号`}管控区域${GENERATED_MARK}`,
      plotCode: link ? link.p.code : null,
      announcementNo: `${short}环公告〔${year}〕${seq}号（示例）`,
      announcementDate: `${year}-${String(rnd.int(1, 12)).padStart(2, '0')}-${String(rnd.int(1, 28)).padStart(2, '0')}`,
      announcementText: `该区域为暂不开发利用的污染地块管控区域，禁止无关人员进入，禁止擅自开发利用和种植食用农产品。（示例公告，非真实信息）`,
      monitor: { soil: true, surfaceWater: rnd.next() < 0.5, groundwater: rnd.next() < 0.7, air: rnd.next() < 0.3 },
      wkt: polygonToWkt([ring]),
      signs: [0, 0.25, 0.5, 0.75].map((f, k) => {
        const [lon, lat] = ring[Math.floor(f * (ring.length - 1))]
        return { label: `标识牌${k + 1}`, lon, lat }
      }),
    })
  }

  const parcelCells = new Map<number, { cls: string; dlbm: string }>()
  const clusters: ParcelGrid['clusters'] = []
  const parcels = generateParcels()

  function generateParcels(): ParcelRow[] {
    const out: ParcelRow[] = []
    const used = new Set<number>()
    const dlbmWeights: readonly (readonly [string, number])[] = isNorth
      ? [
          ['0103', 80],
          ['0102', 15],
          ['0101', 3],
          ['0201', 2],
        ]
      : [
          ['0101', 70],
          ['0103', 15],
          ['0102', 8],
          ['0201', 7],
        ]
    let guard = 0
    while (out.length < options.parcels && guard++ < options.parcels * 4 + 1000) {
      const seed = randomPointInside()
      let c = Math.floor((seed[0] - box[0]) / cellW)
      let r = Math.floor((seed[1] - box[1]) / cellH)
      const clusterSize = rnd.int(80, 600)
      const dlbm = rnd.weighted(dlbmWeights)
      const extent = { c0: Infinity, r0: Infinity, c1: -Infinity, r1: -Infinity }
      for (let k = 0; k < clusterSize * 3 && out.length < options.parcels; k++) {
        const key = cellKey(c, r)
        if (c >= 0 && r >= 0 && c < cols && r < rows && !used.has(key) && !blocked.has(key)) {
          const w = box[0] + c * cellW,
            s = box[1] + r * cellH
          const corners: Position[] = [
            [w, s],
            [w + cellW, s],
            [w + cellW, s + cellH],
            [w, s + cellH],
          ]
          used.add(key)
          if (corners.every(isInside)) {
            const centre: Position = [w + cellW / 2, s + cellH / 2]
            out.push({
              code: `${county.adcode}-${String(out.length + 1).padStart(7, '0')}`,
              dlbm: rnd.next() < 0.85 ? dlbm : rnd.weighted(dlbmWeights),
              class: classNear(centre),
              wkt: polygonToWkt([starRingInBox([w, s, w + cellW, s + cellH], rnd.int(9, 30), rand)]),
            })
            parcelCells.set(key, { cls: out[out.length - 1].class, dlbm: out[out.length - 1].dlbm })
            extent.c0 = Math.min(extent.c0, c)
            extent.r0 = Math.min(extent.r0, r)
            extent.c1 = Math.max(extent.c1, c)
            extent.r1 = Math.max(extent.r1, r)
            if (out.length % clusterSize === 0) break
          }
        }
        // a random walk keeps each cluster compact, like the fields around a village
        const step = rnd.int(0, 3)
        if (step === 0) c++
        else if (step === 1) c--
        else if (step === 2) r++
        else r--
      }
      if (extent.c1 >= extent.c0) clusters.push(extent)
    }
    return out
  }

  function distanceM(a: Position, b: Position): number {
    return Math.hypot((a[0] - b[0]) * mpd.lon, (a[1] - b[1]) * mpd.lat)
  }

  function nearestSourceM(p: Position): number {
    return sources.reduce((min, s) => Math.min(min, distanceM(p, s)), Infinity)
  }

  function classNear(p: Position): string {
    const d = nearestSourceM(p)
    const x = rnd.next()
    if (d < 800) return x < 0.6 ? 'strict' : x < 0.95 ? 'safe_use' : 'unclassified'
    if (d < 2500) return x < 0.55 ? 'safe_use' : x < 0.9 ? 'priority' : 'unclassified'
    return x < 0.9 ? 'priority' : x < 0.95 ? 'safe_use' : 'unclassified'
  }

  const points: PointRow[] = []
  const results: ResultRow[] = []
  for (let i = 0; i < options.points; i++) {
    const onFarmland = parcels.length > 0 && rnd.next() < 0.6
    const p: Position = onFarmland ? centreOfWkt(rnd.pick(parcels).wkt) : randomPointInside()
    let level = rnd.weighted([
      ['national', 8],
      ['provincial', 15],
      ['city', 27],
      ['county', 50],
    ] as const)
    if (i === 0 && !options.withoutNationalPoint) level = 'national'
    if (options.withoutNationalPoint && level === 'national') level = 'provincial'
    const pointType = rnd.weighted([
      ['basic', 55],
      ['risk', 20],
      ['background', 7],
      ['produce', 18],
    ] as const)
    const code = `${county.adcode}-JC${String(i + 1).padStart(4, '0')}`
    const landUse = onFarmland ? (isNorth ? '0103' : '0101') : rnd.pick(['0301', '0404', '0601', '1201'])
    points.push({
      code,
      name: `${short}${i + 1}号监测点${GENERATED_MARK}`,
      level,
      pointType,
      landUse,
      soilType: isNorth ? rnd.pick(['黑土', '黑钙土', '草甸土']) : rnd.pick(['水稻土', '红壤', '黄壤', '紫色土']),
      lon: round7(p[0]),
      lat: round7(p[1]),
    })
    results.push(...resultsFor(code, p, pointType, isNorth))
  }

  function resultsFor(code: string, p: Position, pointType: string, north: boolean): ResultRow[] {
    const factor = Math.max(1, 6 * Math.exp(-nearestSourceM(p) / 1500))
    const years = pointType === 'background' ? [2018] : [2018, 2021, 2024].slice(0, rnd.int(1, 3))
    const rows: ResultRow[] = []
    for (const year of years) {
      const sampledOn = `${year}-${String(rnd.int(4, 10)).padStart(2, '0')}-${String(rnd.int(1, 28)).padStart(2, '0')}`
      const metal = (median: number, sigma = 0.45) => Number((rnd.logNormal(median, sigma) * factor).toPrecision(3))
      rows.push({
        pointCode: code,
        sampledOn,
        medium: 'soil',
        crop: null,
        ph: rnd.next() < 0.03 ? null : Number((north ? rnd.between(5.8, 8.3) : rnd.between(4.6, 7.2)).toFixed(2)),
        organicMatterGKg: Number((north ? rnd.between(15, 45) : rnd.between(12, 40)).toFixed(1)),
        values: {
          cd: metal(north ? 0.12 : 0.28, 0.6),
          hg: metal(0.09, 0.6),
          as: metal(10),
          pb: metal(32),
          cr: metal(65, 0.3),
          cu: metal(25),
          ni: metal(28, 0.3),
          zn: metal(80, 0.3),
        },
        ploughDepthCm: null,
      })
      if (pointType === 'produce') {
        const crop = north ? '玉米' : '稻谷'
        const cropMetal = (median: number) => Number((rnd.logNormal(median, 0.6) * factor).toPrecision(3))
        rows.push({
          pointCode: code,
          sampledOn,
          medium: 'crop',
          crop,
          ph: null,
          organicMatterGKg: null,
          values: {
            cd: cropMetal(north ? 0.03 : 0.12),
            pb: cropMetal(0.05),
            as: cropMetal(0.08),
            hg: cropMetal(0.005),
            cr: cropMetal(0.2),
          },
          ploughDepthCm: null,
        })
      }
    }
    return rows
  }

  // Indicator data draws from its own stream, so the parcels, points and results above stay as they were.
  const xr = new Random(seedFor(options.seed, `${county.adcode}/indicators`))
  if (isNorth) for (const r of results) if (r.medium === 'soil') r.ploughDepthCm = Number(xr.between(14, 32).toFixed(1))
  const accounts = generateAccounts(
    xr,
    parcels.map((p) => ({ code: p.code, cls: p.class, sourceM: nearestSourceM(centreOfWkt(p.wkt)) })),
    isNorth,
  )
  const redevelopments = generateRedevelopments(xr, county.adcode, short, plots)

  // The ground and 永久基本农田 draw from a stream of their own too.
  const grid: ParcelGrid = {
    west: box[0],
    south: box[1],
    cellW,
    cellH,
    cellWm: CELL_W_M,
    cellHm: CELL_H_M,
    cols,
    rows,
    isFree: (c, r) =>
      !parcelCells.has(cellKey(c, r)) &&
      !blocked.has(cellKey(c, r)) &&
      isInsideOnRow([box[0] + (c + 0.5) * cellW, box[1] + (r + 0.5) * cellH]),
    parcelAt: (c, r) => parcelCells.get(cellKey(c, r)),
    clusters,
  }
  const isInsideOnRow = insideOnLines(county.polygons)
  const cr = new Random(seedFor(options.seed, `${county.adcode}/context`))
  const context = options.withContext ? generateContext(grid, cr) : []
  const basicFarmland = options.withContext ? generateBasicFarmland(grid, cr, county.adcode) : []

  return {
    adcode: county.adcode,
    townshipSeeds,
    parcels,
    points,
    results,
    enterprises,
    plots,
    zones,
    accounts,
    redevelopments,
    context,
    basicFarmland,
  }
}
