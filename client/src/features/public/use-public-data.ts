import { useEffect, useState } from 'react'
import type { PublicControlZone, PublicCounty, PublicPlot } from '@contracts/public'
import { isAbortError } from '../../shared/api-client'
import type { Bbox } from '../../shared/api-types'
import { loadPublicCounties, loadPublicPlots, loadPublicZones } from './public-api'

/** Everything the public page lists, loaded once: counties with coverage, published zones and plots. */
export type PublicData =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; counties: PublicCounty[]; extent: Bbox | null; zones: PublicControlZone[]; plots: PublicPlot[] }

/** Loads `GET /api/public/counties`, `/control-zones` and `/plots` together. */
export function usePublicData(): PublicData {
  const [data, setData] = useState<PublicData>({ status: 'loading' })
  useEffect(() => {
    const controller = new AbortController()
    Promise.all([
      loadPublicCounties(controller.signal),
      loadPublicZones(controller.signal),
      loadPublicPlots(controller.signal),
    ])
      .then(([counties, { zones }, { plots }]) =>
        setData({ status: 'ready', counties: counties.counties, extent: counties.bbox, zones, plots }),
      )
      .catch((error: unknown) => {
        if (isAbortError(error)) return
        setData({ status: 'error', message: error instanceof Error ? error.message : '公开信息加载失败' })
      })
    return () => controller.abort()
  }, [])
  return data
}
