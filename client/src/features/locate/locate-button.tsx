import { useEffect, useState } from 'react'
import type { CountiesResponse } from '@contracts/map'
import type { MapClient } from '../../map/map-client'
import { getJson } from '../../shared/api-client'
import { formatLngLat } from '../../shared/format'
import { POSITION_FAILURE_CAUSES, countyAt, readDevicePosition } from '../../shared/geolocation'
import { accuracyBbox, positionFeatures } from './accuracy-circle'
import './locate.css'

/** The overlay holding the officer's position and its accuracy circle. */
const OVERLAY = 'my-position'

/** Props of {@link LocateButton}. */
export interface LocateButtonProps {
  client: MapClient | null
}

type LocateState = { kind: 'idle' } | { kind: 'busy' } | { kind: 'done' | 'failed'; message: string }

/** What 定位 found: the map moves there, or the reason it stays. */
async function locateOfficer(client: MapClient): Promise<{ kind: 'done' | 'failed'; message: string }> {
  const result = await readDevicePosition()
  if (!result.ok)
    return {
      kind: 'failed',
      message:
        result.failure === 'unsupported'
          ? '此浏览器无法获取位置，请换用手机自带浏览器或在地图上查找。'
          : `${POSITION_FAILURE_CAUSES[result.failure]}。`,
    }
  const { at, accuracyM } = result.position
  const { counties } = await getJson<CountiesResponse>('/api/counties')
  if (!countyAt(counties, at)) {
    const served = counties.map((c) => `${c.city}${c.name}`).join('、') || '无'
    return {
      kind: 'failed',
      message: `您现在的位置（${formatLngLat(at)}）不在您管辖的区县内（${served}），地图未移动。`,
    }
  }
  client.setOverlay(OVERLAY, positionFeatures(at, accuracyM))
  client.fitBbox(accuracyBbox(at, accuracyM), { maxZoom: 17, animate: true })
  return { kind: 'done', message: `您的位置：${formatLngLat(at)}（精度约 ${Math.round(accuracyM)} 米）` }
}

/** 定位: moves the map to the officer's own position (for checking a plot or a point in the field) and marks it. */
export function LocateButton({ client }: LocateButtonProps) {
  const [state, setState] = useState<LocateState>({ kind: 'idle' })

  useEffect(() => () => client?.setOverlay(OVERLAY, null), [client])

  const locate = async () => {
    if (!client) return
    setState({ kind: 'busy' })
    try {
      setState(await locateOfficer(client))
    } catch {
      setState({ kind: 'failed', message: '查询管辖区县失败，请检查网络后重试。' })
    }
  }

  return (
    <div className="locate">
      <button
        type="button"
        className="locate__button"
        aria-label="定位到我的位置"
        title="定位到我的位置"
        disabled={!client || state.kind === 'busy'}
        onClick={() => void locate()}
        data-testid="locate-me"
      >
        <svg viewBox="0 0 24 24" aria-hidden="true" className="locate__icon">
          <circle cx="12" cy="12" r="7" fill="none" stroke="currentColor" strokeWidth="2" />
          <circle cx="12" cy="12" r="2.5" fill="currentColor" />
          <path d="M12 1v4M12 19v4M1 12h4M19 12h4" stroke="currentColor" strokeWidth="2" />
        </svg>
        <span className="locate__label">定位</span>
      </button>
      {state.kind !== 'idle' && (
        <p
          className={`locate__status${state.kind === 'failed' ? ' locate__status--failed' : ''}`}
          role={state.kind === 'failed' ? 'alert' : 'status'}
          data-testid="locate-status"
        >
          <span>{state.kind === 'busy' ? '正在获取您的位置…' : state.message}</span>
          {state.kind !== 'busy' && (
            <button
              type="button"
              className="locate__dismiss"
              aria-label="关闭提示"
              onClick={() => setState({ kind: 'idle' })}
            >
              ×
            </button>
          )}
        </p>
      )}
    </div>
  )
}
