import { useEffect, useState } from 'react'
import type { ViewStatus, ViewStatusSource } from '../../shared/api-types'
import { formatLngLat, formatZoom } from '../../shared/format'

/** Props of {@link StatusBar}. */
export interface StatusBarProps {
  source: ViewStatusSource | null
  /** The result of the measure on the map, shown at the end of the line. */
  measure?: string | null
}

/** The status line: zoom level, the cursor position in CGCS2000 and the measure's result. */
export function StatusBar({ source, measure = null }: StatusBarProps) {
  const [status, setStatus] = useState<ViewStatus | null>(null)

  useEffect(() => {
    if (!source) return
    let frame = 0
    let latest: ViewStatus | null = null
    const unsubscribe = source.onViewStatus((next) => {
      latest = next
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
  }, [source])

  return (
    <footer className="status-bar" data-testid="status-bar">
      <span>缩放级别 {status ? formatZoom(status.zoom) : '—'}</span>
      <span className="status-bar__sep" aria-hidden="true" />
      <span>坐标系 CGCS2000</span>
      <span className="status-bar__sep" aria-hidden="true" />
      <span className="status-bar__coords" data-testid="cursor-coords">
        {status?.lngLat ? formatLngLat(status.lngLat) : '将鼠标移到地图上查看经纬度'}
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
