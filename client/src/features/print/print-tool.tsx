import { useState } from 'react'
import type { MapClient } from '../../map/map-client'
import type { MapSnapshot } from '../../map/map-camera'
import type { LayerGroup, SessionUser } from '../../shared/api-types'
import { defaultTitle, defaultUnit, legendOf } from './print-defaults'
import { PrintDialog } from './print-dialog'
import './print.css'

/** Sharper than most screens: an A3 frame at 150 dpi is about 2300 pixels wide. */
const SNAPSHOT_PIXEL_RATIO = 2
const MAX_PIXEL_RATIO = 3

/** Props of {@link PrintTool}. */
export interface PrintToolProps {
  client: MapClient | null
  user: SessionUser
  groups: LayerGroup[]
  visibility: Record<string, boolean>
  /** False while another tool holds the map (drawing, measuring). */
  isEnabled: boolean
}

/** The 打印/导出 button on the map: takes the current view and opens {@link PrintDialog} with it. */
export function PrintTool({ client, user, groups, visibility, isEnabled }: PrintToolProps) {
  const [snapshot, setSnapshot] = useState<MapSnapshot | null>(null)
  const [isTaking, setTaking] = useState(false)
  const [error, setError] = useState<string | null>(null)

  async function open() {
    if (!client) return
    setTaking(true)
    setError(null)
    try {
      const ratio = Math.min(MAX_PIXEL_RATIO, Math.max(window.devicePixelRatio || 1, SNAPSHOT_PIXEL_RATIO))
      setSnapshot(await client.snapshot(ratio))
    } catch (e) {
      setError(
        e instanceof DOMException && e.name === 'SecurityError'
          ? '当前底图服务不允许导出图片，请在“底图”中改选“无底图”后再打印'
          : '无法读取当前地图画面，请稍后重试',
      )
    } finally {
      setTaking(false)
    }
  }

  return (
    <div className="print-tool">
      <button
        type="button"
        className="print-tool__button"
        disabled={!client || !isEnabled || isTaking}
        title="按 A4/A3 出图：图名、图例、比例尺、指北针，导出 PDF 或 PNG"
        onClick={() => void open()}
        data-testid="print-open"
      >
        {isTaking ? '正在取图…' : '打印/导出'}
      </button>
      {error && (
        <p className="print-tool__error" role="alert" data-testid="print-tool-error">
          {error}
        </p>
      )}
      {snapshot && (
        <PrintDialog
          snapshot={snapshot}
          legend={legendOf(groups, visibility, snapshot.groupsShown)}
          defaultTitle={defaultTitle(user, snapshot.groupsShown)}
          defaultUnit={defaultUnit(user)}
          onClose={() => setSnapshot(null)}
        />
      )}
    </div>
  )
}
