import crypto from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { generateCounty, type CountyInput, type GenerateOptions } from '../../sample-data/generator/generate.ts'
import { isInPolygons } from '../../sample-data/generator/geometry.ts'
import { GENERATED_MARK } from '../../sample-data/generator/names.ts'
import { readCountyFeatures, readTownships } from '../../server/src/services/sample-data.service.ts'

const feature = readCountyFeatures().find((f) => f.properties.adcode === '430903')!
const county: CountyInput = {
  adcode: '430903',
  name: '赫山区',
  province: '湖南省',
  polygons:
    feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates as any] : (feature.geometry.coordinates as any),
  townshipCodes: readTownships()
    .filter((t) => t.countyCode === '430903')
    .map((t) => t.code),
}
const options: GenerateOptions = {
  seed: 7,
  parcels: 500,
  points: 30,
  enterprises: 4,
  plots: 6,
  zones: 2,
  zoneVertices: 40,
}
/** Digest of the parcels, points and results of `options` as generated before the indicator data was added. */
const STABLE_DIGEST = 'e942b5b56011d265'

function ringsOf(wkt: string): number[][][] {
  return wkt
    .replace(/^MULTIPOLYGON\(\(/, '')
    .replace(/\)\)$/, '')
    .split('),(')
    .map((ring) =>
      ring
        .replace(/[()]/g, '')
        .split(',')
        .map((pair) => pair.split(' ').map(Number)),
    )
}

function bboxOf(ring: number[][]) {
  const xs = ring.map((p) => p[0]),
    ys = ring.map((p) => p[1])
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)]
}

describe('sample data generator', () => {
  it('when run twice with the same seed, then it produces the same data', () => {
    expect(generateCounty(county, options)).toEqual(generateCounty(county, options))
  })

  it('when the seed changes, then the data changes', () => {
    expect(generateCounty(county, { ...options, seed: 8 }).parcels[0].wkt).not.toBe(
      generateCounty(county, options).parcels[0].wkt,
    )
  })

  it('when parcels are generated, then they have 9–30 vertices, closed rings, unique codes and lie inside the county', () => {
    const { parcels } = generateCounty(county, options)
    expect(parcels).toHaveLength(500)
    expect(new Set(parcels.map((p) => p.code)).size).toBe(500)
    for (const p of parcels) {
      const [ring] = ringsOf(p.wkt)
      expect(ring.length - 1).toBeGreaterThanOrEqual(9)
      expect(ring.length - 1).toBeLessThanOrEqual(30)
      expect(ring[0]).toEqual(ring[ring.length - 1])
      expect(ring.every((pt) => isInPolygons(pt as [number, number], county.polygons))).toBe(true)
      expect(['0101', '0102', '0103', '0201']).toContain(p.dlbm)
    }
  })

  it('when parcels are generated, then no two bounding boxes overlap (so no two parcels can)', () => {
    const boxes = generateCounty(county, options)
      .parcels.map((p) => bboxOf(ringsOf(p.wkt)[0]))
      .sort((a, b) => a[0] - b[0])
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length && boxes[j][0] < boxes[i][2]; j++) {
        const overlap = boxes[j][1] < boxes[i][3] && boxes[i][1] < boxes[j][3]
        expect(overlap, `parcel boxes ${i} and ${j} overlap`).toBe(false)
      }
    }
  })

  it('when names are generated, then every one carries the generated mark', () => {
    const s = generateCounty(county, options)
    for (const name of [
      ...s.points.map((p) => p.name),
      ...s.enterprises.map((e) => e.name),
      ...s.plots.map((p) => p.name),
      ...s.zones.map((z) => z.name),
    ]) {
      expect(name).toContain(GENERATED_MARK)
    }
  })

  it('when a county is asked to have no 国控 point, then it has none, and otherwise it has at least one', () => {
    expect(
      generateCounty(county, { ...options, withoutNationalPoint: true }).points.some((p) => p.level === 'national'),
    ).toBe(false)
    expect(generateCounty(county, options).points.some((p) => p.level === 'national')).toBe(true)
  })
})

describe('sample data generator: indicator data', () => {
  const lishuFeature = readCountyFeatures().find((f) => f.properties.adcode === '220322')!
  const lishu: CountyInput = {
    adcode: '220322',
    name: '梨树县',
    province: '吉林省',
    polygons:
      lishuFeature.geometry.type === 'Polygon'
        ? [lishuFeature.geometry.coordinates as any]
        : (lishuFeature.geometry.coordinates as any),
    townshipCodes: readTownships()
      .filter((t) => t.countyCode === '220322')
      .map((t) => t.code),
  }

  it('when generated, then the parcels, points and results keep the values they had before the indicator data (own random stream)', () => {
    const s = generateCounty(county, options)
    const digest = (v: unknown) => crypto.createHash('sha256').update(JSON.stringify(v)).digest('hex').slice(0, 16)
    expect(
      digest({ parcels: s.parcels, points: s.points, results: s.results.map(({ ploughDepthCm: _d, ...r }) => r) }),
    ).toBe(STABLE_DIGEST)
  })

  it('when accounting rows are generated, then each parcel appears once per year, its degree follows its class, and measures have a known bucket', () => {
    const s = generateCounty(county, { ...options, parcels: 2000 })
    const classOf = new Map(s.parcels.map((p) => [p.code, p.class]))
    expect(s.accounts.length).toBeGreaterThan(0)
    expect(new Set(s.accounts.map((a) => `${a.parcelCode}/${a.year}`)).size).toBe(s.accounts.length)
    for (const a of s.accounts) {
      const cls = classOf.get(a.parcelCode)
      expect({ severe: 'strict', mild_moderate: 'safe_use', slight: 'priority' }[a.degree]).toBe(cls)
      for (const m of a.measures) expect(['priority', 'safe_use', 'strict']).toContain(m.bucket)
      if (a.produceBasis) expect(a.produceBasis).toContain('（示例）')
    }
    const safe = s.accounts.filter((a) => a.measures.length > 0).length / s.accounts.length
    expect(safe).toBeGreaterThan(0.6)
  })

  it('when redevelopment records are generated, then each plot code appears once, names are marked generated and registered plots keep their code', () => {
    const s = generateCounty(county, options)
    expect(new Set(s.redevelopments.map((r) => r.plotCode)).size).toBe(s.redevelopments.length)
    for (const r of s.redevelopments) {
      expect(r.plotName).toContain(GENERATED_MARK)
      expect(r.basis).toContain('（示例）')
      if (r.areaM2 === null) expect(s.plots.some((p) => p.code === r.plotCode)).toBe(true)
    }
  })

  it('when soil results are generated, then the northern (吉林) counties carry a plough-layer depth and the southern ones none', () => {
    const north = generateCounty(lishu, options).results
    expect(
      north
        .filter((r) => r.medium === 'soil')
        .every((r) => r.ploughDepthCm !== null && r.ploughDepthCm >= 14 && r.ploughDepthCm <= 32),
    ).toBe(true)
    expect(north.filter((r) => r.medium === 'crop').every((r) => r.ploughDepthCm === null)).toBe(true)
    expect(generateCounty(county, options).results.every((r) => r.ploughDepthCm === null)).toBe(true)
  })
})
