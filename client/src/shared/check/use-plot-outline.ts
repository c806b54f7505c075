import { useCallback, useEffect, useRef, useState } from 'react'
import type { MultiPolygon, Polygon } from 'geojson'
import type { MapClient } from '../../map/map-client'
import { bboxOf } from '../../shared/geometry'
import { OutlineDraw, type OutlineTool } from './outline-draw'

/** Where the outline came from. */
export type OutlineSource = 'draw' | 'pick' | 'upload'

/** The outline a check is made of (the pre-check's plot, the siting check's site) and the tool drawing it. */
export interface PlotOutline {
  outline: Polygon | MultiPolygon | null
  source: OutlineSource
  tool: OutlineTool
  /** A note when a picked or uploaded outline cannot be edited on the map (it is still checked). */
  note: string | null
  setTool: (tool: OutlineTool) => void
  /** Shows a picked or uploaded outline, editable, and moves the map to it. */
  load: (geometry: Polygon | MultiPolygon, source: OutlineSource) => void
  clear: () => void
}

/** Name of the overlay showing an outline terra-draw cannot edit. */
const FIXED_OVERLAY = 'check-fixed-outline'

/** Keeps the plot outline in step with the terra-draw store on the map of `client`. */
export function usePlotOutline(client: MapClient | null): PlotOutline {
  const drawRef = useRef<OutlineDraw | null>(null)
  const [outline, setOutline] = useState<Polygon | MultiPolygon | null>(null)
  const [source, setSource] = useState<OutlineSource>('draw')
  const [tool, setToolState] = useState<OutlineTool>('static')
  const [note, setNote] = useState<string | null>(null)
  const isFixed = useRef(false)

  useEffect(() => {
    if (!client) return
    const draw = new OutlineDraw(client.drawController(), {
      onChange: () => {
        const drawn = draw.outline()
        if (drawn || !isFixed.current) setOutline(drawn)
      },
      onFinish: () => {
        draw.setTool('select')
        setToolState('select')
      },
    })
    drawRef.current = draw
    return () => {
      drawRef.current = null
      draw.destroy()
    }
  }, [client])

  const setTool = useCallback(
    (next: OutlineTool) => {
      if (next === 'polygon') {
        drawRef.current?.clear()
        client?.setOverlay(FIXED_OVERLAY, null)
        isFixed.current = false
        setOutline(null)
        setSource('draw')
        setNote(null)
      }
      drawRef.current?.setTool(next)
      setToolState(next)
    },
    [client],
  )

  const load = useCallback(
    (geometry: Polygon | MultiPolygon, from: OutlineSource) => {
      const draw = drawRef.current
      client?.setOverlay(FIXED_OVERLAY, null)
      const failure = draw?.load(geometry) ?? null
      if (failure)
        client?.setOverlay(FIXED_OVERLAY, {
          type: 'FeatureCollection',
          features: [{ type: 'Feature', geometry, properties: { kind: 'selected' } }],
        })
      isFixed.current = failure !== null
      setNote(failure)
      setOutline(geometry)
      setSource(from)
      setToolState('static')
      client?.fitBbox(bboxOf(geometry), { maxZoom: 17, animate: true, padding: 80 })
    },
    [client],
  )

  const clear = useCallback(() => {
    drawRef.current?.clear()
    client?.setOverlay(FIXED_OVERLAY, null)
    isFixed.current = false
    setOutline(null)
    setNote(null)
    setToolState('static')
  }, [client])

  return { outline, source, tool, note, setTool, load, clear }
}
