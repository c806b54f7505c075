import type { StyleSpecification } from 'maplibre-gl'
import { describe, expect, it } from 'vitest'
import { indexStyle, orderLayers, scaleOpacity } from '../../client/src/map/style-groups.ts'
import {
  moveGroup,
  NO_PREFS,
  orderedGroups,
  parsePrefs,
  setOpacity,
} from '../../client/src/features/layers/layer-prefs.ts'
import { buildStyle } from '../../server/src/tiles/style.ts'

describe('the order and opacity of the staff map layer groups', () => {
  const style = buildStyle('http://x', () => 1) as unknown as StyleSpecification
  const index = indexStyle(style)
  const ids = style.layers.map((l) => l.id)
  const at = (order: string[], id: string) => order.indexOf(id)

  it('when nothing is moved, then the panel lists the groups as the style draws them, top first, and only outlines (区县 and 乡镇 under the parcels’) would move', () => {
    const rank = (group: string) => index.drawOrder.indexOf(group)
    expect(rank('monitoring-point')).toBeLessThan(rank('enterprise'))
    expect(rank('enterprise')).toBeLessThan(rank('contaminated-plot'))
    expect(rank('contaminated-plot')).toBeLessThan(rank('control-zone'))
    expect(rank('parcel')).toBeLessThan(rank('county'))
    expect(index.drawOrder.at(-1)).toBe('land-context')
    const moved = orderLayers(ids, index, index.drawOrder).filter((id, i) => id !== ids[i])
    expect(moved).toContain('county-line')
    expect(moved.filter((id) => index.tiers.get(id) !== 'line')).toEqual([])
  })

  it('when 管控区域 moves above 污染地块, then its fill and outline draw above the plots’ and nothing else moves', () => {
    let prefs = NO_PREFS
    const ranked = () => orderedGroups(prefs, index.drawOrder)
    while (ranked().indexOf('control-zone') > ranked().indexOf('contaminated-plot'))
      prefs = moveGroup(prefs, index.drawOrder, 'control-zone', -1)
    const order = prefs.order
    expect(order.indexOf('control-zone')).toBe(order.indexOf('contaminated-plot') - 1)
    const moved = orderLayers(ids, index, order)
    expect(at(moved, 'control-zone-fill')).toBeGreaterThan(at(moved, 'plot-fill'))
    expect(at(moved, 'control-zone-line')).toBeGreaterThan(at(moved, 'plot-line'))
    expect(at(moved, 'plot-point')).toBeLessThan(at(moved, 'enterprise-point'))
    expect(moved.at(-1)).toBe('county-label')
    expect([...moved].sort()).toEqual([...ids].sort())
  })

  it('when 三调地类 goes to the top, then its areas cover the other areas but every outline, point and name stays above it', () => {
    let prefs = NO_PREFS
    for (let i = 0; i < index.drawOrder.length; i++) prefs = moveGroup(prefs, index.drawOrder, 'land-context', -1)
    expect(orderedGroups(prefs, index.drawOrder)[0]).toBe('land-context')
    const moved = orderLayers(ids, index, prefs.order)
    expect(at(moved, 'land-context-fill')).toBeGreaterThan(at(moved, 'enterprise-fill'))
    expect(at(moved, 'land-context-fill')).toBeLessThan(at(moved, 'enterprise-line'))
    expect(at(moved, 'background')).toBe(0)
  })

  it('when a group is already at the top or bottom, then moving it further changes nothing', () => {
    expect(moveGroup(NO_PREFS, index.drawOrder, index.drawOrder[0], -1)).toBe(NO_PREFS)
    expect(moveGroup(NO_PREFS, index.drawOrder, index.drawOrder.at(-1)!, 1)).toBe(NO_PREFS)
  })

  it.each([
    [0.7, 0.5, 0.35],
    [undefined, 0.4, 0.4],
    [
      ['interpolate', ['linear'], ['zoom'], 12, 0.6, 14, 0.9],
      0.5,
      ['interpolate', ['linear'], ['zoom'], 12, 0.3, 14, 0.45],
    ],
    [['step', ['zoom'], 0, 10, 1], 0.5, ['step', ['zoom'], 0, 10, 0.5]],
    [['get', 'alpha'], 0.5, ['*', 0.5, ['get', 'alpha']]],
  ])('when the style says %j and the officer sets %d, then the layer draws %j', (value, factor, expected) => {
    expect(scaleOpacity(value, factor)).toEqual(expected)
  })

  it('when the stored arrangement is damaged or out of range, then the style’s own is used', () => {
    expect(parsePrefs('{not json')).toEqual(NO_PREFS)
    expect(parsePrefs(JSON.stringify({ order: ['parcel', 3], opacity: { parcel: 140, county: 40 } }))).toEqual({
      order: ['parcel'],
      opacity: { county: 40 },
    })
    expect(setOpacity(NO_PREFS, 'parcel', 104.2).opacity.parcel).toBe(100)
  })
})
