import { useEffect } from 'react'
import type { MapClient } from '../../map/map-client'
import { bboxParam } from './attribute-table-query'

/** Quiet time after the map stops before 当前视图 reads again (panning in steps reads once). */
const VIEW_DEBOUNCE_MS = 400

/** While `isOn`, gives the view's box (`w,s,e,n`) now and each time the map comes to rest; `onBox` must be stable. */
export function useFollowView(client: MapClient | null, isOn: boolean, onBox: (bbox: string) => void): void {
  useEffect(() => {
    if (!client || !isOn) return
    let timer: number | undefined
    const read = () => onBox(bboxParam(client.viewBbox()))
    read()
    const off = client.onMoveEnd(() => {
      window.clearTimeout(timer)
      timer = window.setTimeout(read, VIEW_DEBOUNCE_MS)
    })
    return () => {
      window.clearTimeout(timer)
      off()
    }
  }, [client, isOn, onBox])
}
