/** How long a position request waits for the device, in milliseconds. */
const POSITION_TIMEOUT_MS = 15_000

/** Why the device's position could not be read: the browser has no geolocation, or a GeolocationPositionError code. */
export type PositionFailure = 'unsupported' | 'denied' | 'unavailable' | 'timeout'

/** The device's position in degrees and how far off it may be, in metres. */
export interface DevicePosition {
  at: [number, number]
  accuracyM: number
}

/** What a position request gave: the position, or why there is none. */
export type PositionResult = { ok: true; position: DevicePosition } | { ok: false; failure: PositionFailure }

const FAILURE_OF_CODE: Record<number, PositionFailure> = { 1: 'denied', 2: 'unavailable', 3: 'timeout' }

/**
 * The cause of a failure and what to do about it, in the words of a phone's user; the caller adds the way round it
 * (e.g. "，或直接在地图上点击选择位置。").
 */
export const POSITION_FAILURE_CAUSES: Record<Exclude<PositionFailure, 'unsupported'>, string> = {
  denied: '未获得位置权限：请在浏览器或手机设置中允许本网页使用您的位置后重试',
  unavailable: '暂时无法确定您的位置：请确认手机已打开定位服务（到室外或窗边更准）',
  timeout: '获取位置超时：请稍后重试',
}

/** Asks the browser once for the device's position (high accuracy, a minute-old fix accepted). */
export function readDevicePosition(): Promise<PositionResult> {
  if (!('geolocation' in navigator)) return Promise.resolve({ ok: false, failure: 'unsupported' })
  return new Promise((resolve) =>
    navigator.geolocation.getCurrentPosition(
      ({ coords }) =>
        resolve({ ok: true, position: { at: [coords.longitude, coords.latitude], accuracyM: coords.accuracy } }),
      (error) => resolve({ ok: false, failure: FAILURE_OF_CODE[error.code] ?? 'unavailable' }),
      { enableHighAccuracy: true, timeout: POSITION_TIMEOUT_MS, maximumAge: 60_000 },
    ),
  )
}

/** The county whose extent holds the point, if any (an extent test: the server checks outlines where it matters). */
export function countyAt<T extends { bbox: readonly [number, number, number, number] }>(
  counties: readonly T[],
  [lon, lat]: [number, number],
): T | undefined {
  return counties.find(({ bbox: [w, s, e, n] }) => lon >= w && lon <= e && lat >= s && lat <= n)
}
