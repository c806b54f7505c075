import { describe, expect, it } from 'vitest'
import { LAND_CLASSES, landClassOf, landClassSql } from '../../server/src/domain/land-class.ts'
import { LAYER_GROUPS } from '../../server/src/tiles/layer-groups.ts'
import { buildPublicStyle, buildStyle } from '../../server/src/tiles/style.ts'

describe('land code → class of the context base map', () => {
  it.each([
    ['0101', 'cropland'],
    ['0103', 'cropland'],
    ['0201K', 'plantation'],
    ['0204', 'plantation'],
    ['0301', 'woodland'],
    ['0301K', 'woodland'],
    ['0307', 'woodland'],
    ['0303', 'wetland'],
    ['0304', 'wetland'],
    ['0306', 'wetland'],
    ['0402', 'wetland'],
    ['0404', 'grassland'],
    ['05H1', 'industrial'],
    ['0508', 'industrial'],
    ['0601', 'industrial'],
    ['0603', 'wetland'],
    ['0701', 'residential'],
    ['0702', 'residential'],
    ['08H2', 'public'],
    ['0810A', 'public'],
    ['09', 'public'],
    ['1003', 'transport'],
    ['1006', 'transport'],
    ['1101', 'water'],
    ['1104A', 'water'],
    ['1105', 'wetland'],
    ['1106', 'wetland'],
    ['1107A', 'water'],
    ['1108', 'wetland'],
    ['1202', 'other'],
    ['1203', 'other'],
    ['203', 'residential'],
    ['201A', 'residential'],
    [' 1104a ', 'water'],
    ['', 'other'],
    ['99', 'other'],
  ])('when the code is %j, then it is drawn as %s', (dlbm, expected) => {
    expect(landClassOf(dlbm)).toBe(expected)
  })

  it('when the SQL expression is built, then it names every class with prefixes and the wetland codes', () => {
    const sql = landClassSql('dlbm')
    for (const c of LAND_CLASSES) expect(sql).toContain(`'${c.key}'`)
    expect(sql).toContain("'1108'")
    expect(sql).not.toMatch(/;/)
  })
})

describe('style of the context base map and the 永久基本农田 layer', () => {
  const style = buildStyle('http://x', () => 1)
  const layers = style.layers as { id: string; type: string; source?: string; minzoom?: number; paint?: any }[]

  it('when the staff style is built, then the context fill lies under every other data layer, from z12', () => {
    const dataLayers = layers.filter((l) => l.type !== 'background')
    expect(dataLayers[0].source).toBe('land-context')
    expect(dataLayers[0].minzoom).toBe(12)
  })

  it('when the context fill is coloured, then every land class has its own colour, as the legend shows', () => {
    const fill = layers.find((l) => l.source === 'land-context' && l.type === 'fill')!
    const match = fill.paint['fill-color'] as unknown[]
    const group = LAYER_GROUPS.find((g) => g.id === 'land-context')!
    for (const c of LAND_CLASSES) {
      expect(match[match.indexOf(c.key) + 1]).toBe(c.color)
      expect(group.legend).toContainEqual({ label: c.name, color: c.color, kind: 'fill' })
    }
    expect(group.visible).toBe(true)
  })

  it('when the 永久基本农田 layer is drawn, then it is an outline above the parcels, off until the officer turns it on', () => {
    const ids = layers.map((l) => l.id)
    const outline = layers.find((l) => l.source === 'basic-farmland' && l.type === 'line')!
    expect(ids.indexOf(outline.id)).toBeGreaterThan(ids.indexOf('parcel-fill'))
    expect(LAYER_GROUPS.find((g) => g.id === 'basic-farmland')!.visible).toBe(false)
  })

  it('when the public style is built, then neither 三调 layer is a source or a group of it', () => {
    const text = JSON.stringify(buildPublicStyle('http://x', () => 1))
    expect(text).not.toContain('land-context')
    expect(text).not.toContain('basic-farmland')
    expect(text).not.toContain('永久基本农田')
  })
})
