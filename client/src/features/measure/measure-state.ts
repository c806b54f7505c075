import { geodesicAreaM2, geodesicLengthM, type LngLat } from './measure-geodesic'

/** What is measured: a line's length or a polygon's area. */
export type MeasureKind = 'distance' | 'area'

/** The measuring tool: which measure is on (null: off), the points placed, and the pointer while still placing. */
export interface MeasureState {
  kind: MeasureKind | null
  points: LngLat[]
  /** The point under the pointer (snapped), drawn as the next point until the measure is finished. */
  hover: LngLat | null
  isFinished: boolean
}

/** Where a new point falls: on the first or the last point placed (within the snapping distance on screen). */
export interface PointHit {
  isOnFirst: boolean
  isOnLast: boolean
}

/** The measure of a line or polygon: its length (a polygon's perimeter), and a polygon's area. */
export interface MeasureResult {
  lengthM: number
  areaM2: number | null
}

export const MEASURE_OFF: MeasureState = { kind: null, points: [], hover: null, isFinished: false }

const MIN_POINTS: Record<MeasureKind, number> = { distance: 2, area: 3 }

/** Turns a measure on (a fresh one), or off when it is the one on. */
export function toggleMeasure(state: MeasureState, kind: MeasureKind): MeasureState {
  return state.kind === kind ? MEASURE_OFF : { ...MEASURE_OFF, kind }
}

/**
 * A click or tap: on the first point of an area or on the last point placed, it finishes the measure once it has
 * enough points (a double-click's second click falls on the last point); after a finished measure it starts anew.
 */
export function placePoint(state: MeasureState, point: LngLat, hit: PointHit): MeasureState {
  if (!state.kind) return state
  if (state.isFinished) return { ...state, points: [point], hover: null, isFinished: false }
  const hasEnough = state.points.length >= MIN_POINTS[state.kind]
  if (hasEnough && (hit.isOnLast || (state.kind === 'area' && hit.isOnFirst))) return finishMeasure(state)
  if (hit.isOnLast) return state
  return { ...state, points: [...state.points, point] }
}

/** Moves the pointer's point (ignored once finished). */
export function hoverPoint(state: MeasureState, point: LngLat | null): MeasureState {
  return !state.kind || state.isFinished ? state : { ...state, hover: point }
}

/** Finishes the measure (a double-click), when it has enough points. */
export function finishMeasure(state: MeasureState): MeasureState {
  if (!state.kind || state.points.length < MIN_POINTS[state.kind]) return state
  return { ...state, hover: null, isFinished: true }
}

/** Clears the points and keeps the measure on (Esc, 清除). */
export function clearMeasure(state: MeasureState): MeasureState {
  return state.kind ? { ...MEASURE_OFF, kind: state.kind } : state
}

/** The points that count now: those placed, and the pointer's while still placing. */
export function livePoints(state: MeasureState): LngLat[] {
  return !state.isFinished && state.hover ? [...state.points, state.hover] : state.points
}

/** The length, and for an area measure the area, of the live points; null before there is anything to measure (an area needs three points). */
export function measureResult(state: MeasureState): MeasureResult | null {
  const points = livePoints(state)
  if (!state.kind || points.length < 2) return null
  if (state.kind === 'distance') return { lengthM: geodesicLengthM(points), areaM2: null }
  if (points.length < 3) return null
  const { areaM2, perimeterM } = geodesicAreaM2(points)
  return { lengthM: perimeterM, areaM2 }
}
