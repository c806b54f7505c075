import { describe, expect, it } from 'vitest'
import { formatUrlState, parseUrlState } from '../../client/src/app/url-state.ts'

describe('the staff map view, tab and feature in the address', () => {
  it('when a view, tab and feature are written, then reading the address gives them back', () => {
    const state = {
      view: { zoom: 15.5, lat: 28.51234, lon: 112.34567 },
      tab: 'plots',
      feature: { source: 'parcel', id: 4711 },
    }
    const hash = formatUrlState(state)
    expect(hash).toBe('#map=15.50/28.51234/112.34567&tab=plots&feature=parcel/4711')
    expect(parseUrlState(hash)).toEqual(state)
  })

  it('when the map is close in, then the centre keeps six decimals', () => {
    expect(formatUrlState({ view: { zoom: 17, lat: 28.1234567, lon: 112.7654321 }, tab: null, feature: null })).toBe(
      '#map=17.00/28.123457/112.765432',
    )
  })

  it.each([
    ['#map=99/28.5/112.3', 'a zoom beyond the map'],
    ['#map=12/95/112.3', 'a latitude off the globe'],
    ['#map=12/28.5', 'a view without longitude'],
    ['#map=12/28.5/112.3<script>', 'a view with text after it'],
  ])('when the address holds %s (%s), then no view is read from it', (hash) => {
    expect(parseUrlState(hash).view).toBeNull()
  })

  it('when the tab or feature is not well formed, then it is left out', () => {
    expect(parseUrlState('#tab=../admin&feature=parcel/abc')).toEqual({ view: null, tab: null, feature: null })
    expect(parseUrlState('#feature=Parcel/1').feature).toBeNull()
    expect(parseUrlState('').tab).toBeNull()
  })
})
