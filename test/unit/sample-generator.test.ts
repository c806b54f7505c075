import { describe, expect, it } from 'vitest'
import { generateCounty, type CountyInput, type GenerateOptions } from '../../sample-data/generator/generate.ts'
import { isInPolygons } from '../../sample-data/generator/geometry.ts'
import { GENERATED_MARK } from '../../sample-data/generator/names.ts'
import { readCountyFeatures, readTownships } from '../../server/src/services/sample-data.service.ts'

const feature = readCountyFeatures().find((f) => f.properties.adcode === '430903')!
const county: CountyInput = {
  adcode: '430903', name: '赫山区', province: '湖南省',
  polygons: feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates as any] : (feature.geometry.coordinates as any),
  townshipCodes: readTownships().filter((t) => t.countyCode === '430903').map((t) => t.code),
}
const options: GenerateOptions = { seed: 7, parcels: 500, points: 30, enterprises: 4, plots: 6, zones: 2, zoneVertices: 40 }

function ringsOf(wkt: string): number[][][] {
  return wkt.replace(/^MULTIPOLYGON\(\(/, '').replace(/\)\)$/, '').split('),(').map((ring) =>
    ring.replace(/[()]/g, '').split(',').map((pair) => pair.split(' ').map(Number)))
}

function bboxOf(ring: number[][]) {
  const xs = ring.map((p) => p[0]), ys = ring.map((p) => p[1])
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)]
}

describe('sample data generator', () => {
  it('when run twice with the same seed, then it produces the same data', () => {
    expect(generateCounty(county, options)).toEqual(generateCounty(county, options))
  })

  it('when the seed changes, then the data changes', () => {
    expect(generateCounty(county, { ...options, seed: 8 }).parcels[0].wkt).not.toBe(generateCounty(county, options).parcels[0].wkt)
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
    const boxes = generateCounty(county, options).parcels.map((p) => bboxOf(ringsOf(p.wkt)[0])).sort((a, b) => a[0] - b[0])
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length && boxes[j][0] < boxes[i][2]; j++) {
        const overlap = boxes[j][1] < boxes[i][3] && boxes[i][1] < boxes[j][3]
        expect(overlap, `parcel boxes ${i} and ${j} overlap`).toBe(false)
      }
    }
  })

  it('when names are generated, then every one carries the generated mark', () => {
    const s = generateCounty(county, options)
    for (const name of [...s.points.map((p) => p.name), ...s.enterprises.map((e) => e.name), ...s.plots.map((p) => p.name), ...s.zones.map((z) => z.name)]) {
      expect(name).toContain(GENERATED_MARK)
    }
  })

  it('when a county is asked to have no 国控 point, then it has none, and otherwise it has at least one', () => {
    expect(generateCounty(county, { ...options, withoutNationalPoint: true }).points.some((p) => p.level === 'national')).toBe(false)
    expect(generateCounty(county, options).points.some((p) => p.level === 'national')).toBe(true)
  })
})
