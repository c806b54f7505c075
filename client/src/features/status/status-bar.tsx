import { useEffect, useState } from 'react'
import type { ViewStatus, ViewStatusSource } from '../../shared/api-types'
import { formatLngLat, formatZoom } from '../../shared/format'

/** The status line: zoom level and the cursor position in CGCS2000. */
export function StatusBar({ source }: { source: ViewStatusSource | null }) {
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
    </footer>
  )
}
