import { useCallback, useEffect, useState } from 'react'
import type { Feature, FeatureCollection } from 'geojson'
import type { MapClient } from '../../map/map-client'
import type { PointerAt } from '../../map/map-pointer'
import { formatAreaUnits, formatDistance, type LngLat } from './measure-geodesic'
import {
  MEASURE_OFF,
  clearMeasure,
  finishMeasure,
  hoverPoint,
  livePoints,
  measureResult,
  placePoint,
  toggleMeasure,
  type MeasureKind,
  type MeasureState,
} from './measure-state'

/** Pixels within which a point snaps to a drawn parcel's or plot's vertex, or hits the first or last point. */
const SNAP_PX = 10
/** The sources whose vertices a measuring point snaps to. */
const SNAP_SOURCES = ['parcel', 'contaminated-plot']
const OVERLAY = 'measure'

/** The measuring tool of a map: its state, the readout and the actions of its buttons. */
export interface Measure {
  state: MeasureState
  /** The result as an officer reads it (length; area in m², 亩 and 公顷), or null. */
  readout: string | null
  toggle: (kind: MeasureKind) => void
  clear: () => void
  stop: () => void
}

/** The readout of a measure: `长度 1.234 km`, or `面积 … · 周长 …`. */
function readoutOf(state: MeasureState): string | null {
  const result = measureResult(state)
  if (!result) return null
  if (result.areaM2 === null) return `长度 ${formatDistance(result.lengthM)}`
  return `面积 ${formatAreaUnits(result.areaM2)}，周长 ${formatDistance(result.lengthM)}`
}

/** The short text beside the last point: the length, or the area in m² over 亩 and 公顷. */
function tagOf(state: MeasureState): string | null {
  const result = measureResult(state)
  if (!result) return null
  if (result.areaM2 === null) return formatDistance(result.lengthM)
  const [m2, ...others] = formatAreaUnits(result.areaM2).split(' · ')
  return `${m2}\n${others.join(' · ')}`
}

function overlayOf(state: MeasureState): FeatureCollection {
  const points = livePoints(state)
  const features: Feature[] = state.points.map((point) => ({
    type: 'Feature',
    geometry: { type: 'Point', coordinates: point },
    properties: { kind: 'selected' },
  }))
  if (state.kind === 'area' && points.length >= 3)
    features.unshift({
      type: 'Feature',
      geometry: { type: 'Polygon', coordinates: [[...points, points[0]]] },
      properties: { kind: 'preview' },
    })
  else if (points.length >= 2)
    features.unshift({
      type: 'Feature',
      geometry: { type: 'LineString', coordinates: points },
      properties: { kind: 'preview' },
    })
  return { type: 'FeatureCollection', features }
}

function isNear(client: MapClient, point: LngLat | undefined, screen: [number, number]): boolean {
  if (!point) return false
  const [x, y] = client.screenPoint(point)
  return Math.hypot(x - screen[0], y - screen[1]) <= SNAP_PX
}

/**
 * Measures on the map of `client`: click or tap the points (snapped to the vertices of drawn parcels and plots),
 * double-click, or click the last point (an area: also the first), to finish; Esc clears.
 */
export function useMeasure(client: MapClient | null): Measure {
  const [state, setState] = useState<MeasureState>(MEASURE_OFF)
  const kind = state.kind

  useEffect(() => {
    if (!client || !kind) return
    const snap = (at: PointerAt): LngLat => client.vertexNear(at.screen, SNAP_PX, SNAP_SOURCES) ?? at.lngLat
    const release = client.capturePointer({
      onClick: (at) => {
        const point = snap(at)
        setState((s) =>
          placePoint(s, point, {
            isOnFirst: isNear(client, s.points[0], at.screen),
            isOnLast: isNear(client, s.points[s.points.length - 1], at.screen),
          }),
        )
      },
      onMove: (at) => setState((s) => (s.isFinished ? s : hoverPoint(s, snap(at)))),
      onDoubleClick: () => setState(finishMeasure),
    })
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setState(clearMeasure)
    }
    window.addEventListener('keydown', onKey)
    return () => {
      release()
      window.removeEventListener('keydown', onKey)
    }
  }, [client, kind])

  const readout = readoutOf(state)
  const tag = tagOf(state)
  useEffect(() => {
    if (!client) return
    if (!state.kind) {
      client.setOverlay(OVERLAY, null)
      client.setTag(null)
      return
    }
    client.setOverlay(OVERLAY, overlayOf(state))
    const last = state.points[state.points.length - 1]
    client.setTag(last && tag ? last : null, tag ?? '')
  }, [client, state, tag])

  return {
    state,
    readout,
    toggle: useCallback((next: MeasureKind) => setState((s) => toggleMeasure(s, next)), []),
    clear: useCallback(() => setState(clearMeasure), []),
    stop: useCallback(() => setState(MEASURE_OFF), []),
  }
}
