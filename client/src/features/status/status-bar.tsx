import { useEffect, useState } from 'react'
import type { ViewStatus, ViewStatusSource } from '../../shared/api-types'
import { formatLngLat, formatZoom } from '../../shared/format'
import { useMediaQuery } from './use-media-query'

/** Props of {@link StatusBar}. */
export interface StatusBarProps {
  source: ViewStatusSource | null
  /** The result of the measure on the map, shown at the end of the line. */
  measure?: string | null
}

/** “东经 112.36012°，北纬 28.57034°”: five decimals (about a metre), short enough for a phone's status bar. */
function formatLngLatShort([lng, lat]: [number, number]): string {
  return `${lng >= 0 ? '东经' : '西经'} ${Math.abs(lng).toFixed(5)}°，${lat >= 0 ? '北纬' : '南纬'} ${Math.abs(lat).toFixed(5)}°`
}

/**
 * The status line: zoom level, the position of the cursor (of the last tap on a touch screen) in CGCS2000 and the
 * measure's result; shorter words on a phone.
 */
export function StatusBar({ source, measure = null }: StatusBarProps) {
  const [status, setStatus] = useState<ViewStatus | null>(null)
  const isTouch = useMediaQuery('(hover: none)')
  const isNarrow = useMediaQuery('(max-width: 760px)')

  useEffect(() => {
    if (!source) return
    let frame = 0
    let latest: ViewStatus | null = null
    const unsubscribe = source.onViewStatus((next) => {
      latest = isTouch && !next.lngLat && latest?.lngLat ? { ...next, lngLat: latest.lngLat } : next
      if (!frame) {
        frame = window.requestAnimationFrame(() => {
          frame = 0
          setStatus(latest)
        })
      }
    })
    return () => {
      window.cancelAnimationFrame(frame)
      unsubscribe()
    }
  }, [source, isTouch])

  return (
    <footer className="status-bar" data-testid="status-bar">
      <span>
        {isNarrow ? '级别' : '缩放级别'} {status ? formatZoom(status.zoom) : '—'}
      </span>
      <span className="status-bar__sep" aria-hidden="true" />
      <span>{isNarrow ? 'CGCS2000' : '坐标系 CGCS2000'}</span>
      <span className="status-bar__sep" aria-hidden="true" />
      <span className="status-bar__coords" data-testid="cursor-coords">
        {status?.lngLat
          ? (isNarrow ? formatLngLatShort : formatLngLat)(status.lngLat)
          : isTouch
            ? '点按地图查看经纬度'
            : '将鼠标移到地图上查看经纬度'}
      </span>
      {measure && (
        <>
          <span className="status-bar__sep" aria-hidden="true" />
          <span className="status-bar__measure" data-testid="status-measure">
            测量：{measure}
          </span>
        </>
      )}
    </footer>
  )
}
