import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { layerOfSource, layerVersion } from '../../client/src/shared/data-versions.ts'
import {
  INITIAL_WORKSPACE,
  dataChanged,
  enterMode,
  isBrowsing,
  layersOfSources,
  leaveMode,
  openPlot,
  openPoint,
  selectFeature,
  selectTab,
  startNewPlot,
  workspaceReducer,
} from '../../client/src/app/workspace-state.ts'

describe('the staff map store', () => {
  it('when a parcel is saved, then only the parcel and class list versions move (plots, zones, points and the queue stay)', () => {
    const next = dataChanged(INITIAL_WORKSPACE, ['parcels', 'classLists'])
    expect(next.versions).toEqual({
      parcels: 1,
      classLists: 1,
      plots: 0,
      zones: 0,
      enterprises: 0,
      points: 0,
      reviews: 0,
    })
  })

  it('when the reducer hears that parcels were saved, then a panel of plots keeps its version and a panel of parcels or class lists moves', () => {
    const next = workspaceReducer(INITIAL_WORKSPACE, { type: 'dataChanged', layers: ['parcels'] })
    expect(layerVersion(next.versions, ['plots'])).toBe(layerVersion(INITIAL_WORKSPACE.versions, ['plots']))
    expect(layerVersion(next.versions, ['zones', 'plots'])).toBe(
      layerVersion(INITIAL_WORKSPACE.versions, ['zones', 'plots']),
    )
    expect(layerVersion(next.versions, ['parcels'])).not.toBe(layerVersion(INITIAL_WORKSPACE.versions, ['parcels']))
    expect(layerVersion(next.versions, ['classLists', 'parcels'])).not.toBe(
      layerVersion(INITIAL_WORKSPACE.versions, ['classLists', 'parcels']),
    )
    expect(workspaceReducer(next, { type: 'selectTab', tab: 'plots' }).versions).toBe(next.versions)
  })

  it('when the client is read, then no panel is handed a refresh key, a change callback or a global data version (each reads its layers from the store)', () => {
    const client = path.resolve(import.meta.dirname, '../../client/src')
    const files = fs
      .readdirSync(client, { recursive: true, encoding: 'utf8' })
      .filter((f) => /\.tsx?$/.test(f))
      .map((f) => path.join(client, f))
    const offending = files.flatMap((file) => {
      const text = fs.readFileSync(file, 'utf8')
      const isComposition = /app[\\/](map-page|workspace-tabs|class-list-review|plot-review)\.tsx$/.test(file)
      const pattern = isComposition ? /\b(refreshKey|onChanged|dataVersion)\b/g : /\brefreshKey\b|\bdataVersion=/g
      return [...text.matchAll(pattern)].map((m) => `${path.relative(client, file)}: ${m[0]}`)
    })
    expect(offending).toEqual([])
  })

  it('when another user changed the parcel tiles, then parcels, class lists and the review queue read again, not plots', () => {
    expect(layersOfSources(['parcel'])).toEqual(['parcels', 'classLists', 'reviews'])
    expect(layersOfSources(['contaminated-plot-point', 'monitoring-point'])).toEqual(['plots', 'points', 'reviews'])
    expect(layersOfSources([])).toEqual([])
    expect(layerOfSource('county')).toBeNull()
  })

  it('when a tool takes the map click, then clicks stop opening features until that same tool lets go', () => {
    const zone = enterMode(selectTab(INITIAL_WORKSPACE, 'zones'), { kind: 'edit-zone' })
    expect(isBrowsing(zone)).toBe(false)
    expect(leaveMode(zone, 'place-point')).toBe(zone)
    expect(isBrowsing(leaveMode(zone, 'edit-zone'))).toBe(true)
  })

  it('when the officer leaves the tab of a tool, then the map click opens features again (a new plot being drawn is dropped)', () => {
    const drawing = startNewPlot(openPlot(INITIAL_WORKSPACE, 7))
    expect(drawing).toMatchObject({ tab: 'plots', openPlotId: null, mode: { kind: 'draw-plot' } })
    expect(selectTab(drawing, 'plots').mode).toEqual({ kind: 'draw-plot' })
    expect(selectTab(drawing, 'layers').mode).toEqual({ kind: 'browse' })
  })

  it('when a plot, a point or a feature opens, then the others close', () => {
    const feature = selectFeature(INITIAL_WORKSPACE, { source: 'parcel', id: 3 })
    const point = openPoint(feature, 5)
    expect(point).toMatchObject({ selected: null, openPointId: 5 })
    expect(openPlot(point, 9)).toMatchObject({ selected: null, openPointId: null, openPlotId: 9 })
    expect(selectFeature(point, { source: 'control-zone', id: 1 })).toMatchObject({
      openPointId: null,
      selected: { source: 'control-zone', id: 1 },
    })
  })

  it('when the reducer is given a named action, then it runs that transition', () => {
    const next = workspaceReducer(INITIAL_WORKSPACE, { type: 'requestZoneForm', id: 4 })
    expect(next).toMatchObject({ tab: 'zones', zoneRequest: { id: 4, n: 1 } })
    expect(workspaceReducer(next, { type: 'requestZoneForm', id: 4 }).zoneRequest).toEqual({ id: 4, n: 2 })
  })
})
