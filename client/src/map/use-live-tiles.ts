import { useEffect, useRef } from 'react'
import type { MapClient } from './map-client'

/** How often an open map asks whether the data of its layers changed, while its tab is visible. */
export const LIVE_TILES_POLL_MS = 4_000

/**
 * Keeps an open map's tiles current without a reload: while the tab is visible it asks for the layer versions
 * every {@link LIVE_TILES_POLL_MS} (and at once when the tab comes back into view), and the layers whose data
 * changed load their tiles again at the same view; `onChanged` hears which sources moved. A failed request is
 * left to the next one (the map keeps the tiles it has).
 */
export function useLiveTiles(
  client: MapClient | null,
  isEnabled: boolean,
  onChanged: (sources: string[]) => void,
): void {
  const listener = useRef(onChanged)
  useEffect(() => {
    listener.current = onChanged
  })

  useEffect(() => {
    if (!client || !isEnabled) return
    let pending: AbortController | null = null
    const poll = () => {
      if (document.visibilityState !== 'visible' || pending) return
      const controller = new AbortController()
      pending = controller
      client
        .refreshTiles(controller.signal)
        .then((moved) => {
          if (moved.length > 0) listener.current(moved)
        })
        .catch(() => undefined)
        .finally(() => {
          if (pending === controller) pending = null
        })
    }
    const timer = window.setInterval(poll, LIVE_TILES_POLL_MS)
    document.addEventListener('visibilitychange', poll)
    return () => {
      window.clearInterval(timer)
      document.removeEventListener('visibilitychange', poll)
      pending?.abort()
    }
  }, [client, isEnabled])
}
