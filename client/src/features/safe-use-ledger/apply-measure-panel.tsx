import { useEffect, useState } from 'react'
import type { ScopeCounty } from '@contracts/auth'
import type { MapClient } from '../../map/map-client'
import type { FeatureRef } from '../../shared/api-types'
import { errorMessage } from '../../shared/error-message'
import { useJson } from '../../shared/use-json'
import { applyMeasure, measuresPath } from './safe-use-ledger-api'
import './safe-use-ledger.css'

/** Props of {@link ApplyMeasurePanel}. */
export interface ApplyMeasurePanelProps {
  client: MapClient | null
  counties: readonly ScopeCounty[]
  /** The panel's tab is shown (selection clicks are taken only then). */
  isActive: boolean
  /** Reports whether the map click selects parcels (so it opens no info panel meanwhile). */
  onCapturingClicks: (isCapturing: boolean) => void
}

interface Picked {
  id: number
  code: string
  adcode: string
}

const OVERLAY = 'safe-use-selection'
const THIS_YEAR = new Date().getFullYear()

/**
 * 安全利用措施 on the map: click parcels to select them (a second click drops one), choose a measure of the vocabulary,
 * who implements it and when, and 应用措施 to all selected at once; parcels not yet in the year's ledger join it with
 * the degree of their published class.
 */
export function ApplyMeasurePanel({ client, counties, isActive, onCapturingClicks }: ApplyMeasurePanelProps) {
  const [adcode, setAdcode] = useState(counties[0]?.adcode ?? '')
  const [year, setYear] = useState(THIS_YEAR - 1)
  const [isSelecting, setSelecting] = useState(false)
  const [picked, setPicked] = useState<Picked[]>([])
  const [measure, setMeasure] = useState('')
  const [implementer, setImplementer] = useState('')
  const [from, setFrom] = useState('')
  const [to, setTo] = useState('')
  const [message, setMessage] = useState<{ text: string; isError: boolean } | null>(null)
  const [isBusy, setBusy] = useState(false)
  const measures = useJson(measuresPath, 0, '措施目录加载失败')
  const vocabulary = measures.status === 'done' ? measures.data.measures : []
  const isCapturing = isActive && isSelecting

  useEffect(() => {
    onCapturingClicks(isCapturing)
    return () => onCapturingClicks(false)
  }, [isCapturing, onCapturingClicks])

  useEffect(() => {
    if (!client || !isCapturing) return
    return client.onFeatureClick((ref: FeatureRef) => {
      const feature = client.loadedFeatures('parcel').find((f) => Number(f.id) === ref.id)
      const code = String(feature?.properties?.code ?? ref.id)
      const county = String(feature?.properties?.adcode ?? '')
      setPicked((list) =>
        list.some((p) => p.id === ref.id)
          ? list.filter((p) => p.id !== ref.id)
          : [...list, { id: ref.id, code, adcode: county }],
      )
    }, 'parcel')
  }, [client, isCapturing])

  useEffect(() => {
    if (!client) return
    const ids = new Set(picked.map((p) => p.id))
    const features = client
      .loadedFeatures('parcel')
      .filter((f) => ids.has(Number(f.id)))
      .map((f) => ({ type: 'Feature' as const, geometry: f.geometry, properties: { kind: 'selected' } }))
    client.setOverlay(OVERLAY, features.length ? { type: 'FeatureCollection', features } : null)
    return () => client.setOverlay(OVERLAY, null)
  }, [client, picked])

  const apply = async () => {
    setBusy(true)
    setMessage(null)
    try {
      const answer = await applyMeasure({
        adcode,
        year,
        parcelIds: picked.map((p) => p.id),
        measure,
        implementer: implementer.trim() || null,
        implementedFrom: from || null,
        implementedTo: to || null,
      })
      const parts = [
        answer.created.length ? `新列入台账 ${answer.created.length} 个图斑` : '',
        answer.added.length ? `${answer.added.length} 个图斑增加此措施` : '',
        answer.unchanged.length ? `${answer.unchanged.length} 个图斑已有此措施` : '',
      ].filter(Boolean)
      setMessage({ text: `已应用“${answer.measure}”（${answer.bucketName}）：${parts.join('，')}`, isError: false })
      setPicked([])
    } catch (e) {
      setMessage({ text: errorMessage(e, '应用措施失败'), isError: true })
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="panel-section panel-section--grow apply-measure-panel" data-testid="apply-measure-panel">
      <h3 className="panel-title">安全利用措施</h3>
      <p className="panel-note">
        在地图上点选图斑（再次点击取消），对所选图斑一并应用措施，记入{' '}
        <a href={`/safe-use-ledger?adcode=${adcode}&year=${year}`}>安全利用台账</a>。
      </p>
      <label className="form-field">
        <span className="form-field__label">区县</span>
        <select className="basemap-select" value={adcode} onChange={(e) => setAdcode(e.target.value)}>
          {counties.map((c) => (
            <option key={c.adcode} value={c.adcode}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      <label className="form-field">
        <span className="form-field__label">台账年度</span>
        <input
          className="text-input"
          type="number"
          min={2000}
          max={2100}
          value={year}
          onChange={(e) => setYear(Number(e.target.value) || THIS_YEAR - 1)}
          data-testid="apply-measure-year"
        />
      </label>
      <button
        type="button"
        className={isSelecting ? 'primary-button' : 'secondary-button'}
        onClick={() => setSelecting((s) => !s)}
        data-testid="apply-measure-select"
      >
        {isSelecting ? '结束选择' : '在地图上选择图斑'}
      </button>
      <p className="panel-note" data-testid="apply-measure-count">
        已选 {picked.length} 个图斑{picked.length ? `：${picked.map((p) => p.code).join('、')}` : ''}
      </p>
      {picked.length > 0 && (
        <button type="button" className="link-button" onClick={() => setPicked([])}>
          清空选择
        </button>
      )}
      <label className="form-field">
        <span className="form-field__label">措施</span>
        <select
          className="basemap-select"
          value={measure}
          onChange={(e) => setMeasure(e.target.value)}
          data-testid="apply-measure-measure"
        >
          <option value="">请选择措施</option>
          {vocabulary.map((m) => (
            <option key={m.name} value={m.name}>
              {m.name}（{m.bucketName}）
            </option>
          ))}
        </select>
      </label>
      <label className="form-field">
        <span className="form-field__label">实施主体</span>
        <input className="text-input" value={implementer} onChange={(e) => setImplementer(e.target.value)} />
      </label>
      <label className="form-field">
        <span className="form-field__label">实施开始日期</span>
        <input className="text-input" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
      </label>
      <label className="form-field">
        <span className="form-field__label">实施结束日期</span>
        <input className="text-input" type="date" value={to} onChange={(e) => setTo(e.target.value)} />
      </label>
      {message && (
        <p
          className={`notice ${message.isError ? 'notice--error' : ''}`}
          role={message.isError ? 'alert' : 'status'}
          data-testid="apply-measure-message"
        >
          {message.text}
        </p>
      )}
      <button
        type="button"
        className="primary-button"
        disabled={!picked.length || !measure || isBusy}
        onClick={() => void apply()}
        data-testid="apply-measure-apply"
      >
        应用措施
      </button>
    </div>
  )
}
