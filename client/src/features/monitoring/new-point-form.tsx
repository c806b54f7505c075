import { useEffect, useState, type FormEvent } from 'react'
import type { MapClient } from '../../map/map-client'
import { errorMessage } from '../../shared/error-message'
import { FormError } from '../../shared/ui/form-error'
import { SelectField, TextField } from '../../shared/ui/form-fields'
import type { NewPointBody, PointDetail } from '@contracts/monitoring'
import { createPoint } from './monitoring-api'
import { LEVEL_OPTIONS, TYPE_OPTIONS } from './monitoring-types'

/** Props of {@link NewPointForm}. */
export interface NewPointFormProps {
  client: MapClient | null
  /** The tab is shown: only then does a map click place the point (and the pin show). */
  isActive: boolean
  onCancel: () => void
  /** The server registered the point. */
  onCreated: (point: PointDetail) => void
}

interface Draft {
  code: string
  name: string
  level: string
  type: string
  soilType: string
  landUse: string
  lon: string
  lat: string
}

const EMPTY: Draft = { code: '', name: '', level: '', type: '', soilType: '', landUse: '', lon: '', lat: '' }

/** Degrees shown and sent: 6 decimals (about 0.1 m). */
const DEGREE_DECIMALS = 6

/** The position typed or clicked, when both fields hold a number. */
function positionOf(draft: Draft): [number, number] | null {
  if (draft.lon.trim() === '' || draft.lat.trim() === '') return null
  const at: [number, number] = [Number(draft.lon), Number(draft.lat)]
  return at.every(Number.isFinite) ? at : null
}

/**
 * 新增点位 (environment officer): a click on the map places the point (a pin shows it; the longitude and latitude
 * can be typed as well), the officer fills code, name, level, type and optionally soil type and 三调 land code, and
 * saves. The server finds county, township and, when left empty, the land code from the position and refuses a
 * position outside the county or the scope and a code already used; its words are shown as they are.
 */
export function NewPointForm({ client, isActive, onCancel, onCreated }: NewPointFormProps) {
  const [draft, setDraft] = useState<Draft>(EMPTY)
  const [failure, setFailure] = useState<string | null>(null)
  const [isBusy, setBusy] = useState(false)
  const set = (patch: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...patch }))
    setFailure(null)
  }
  const position = positionOf(draft)
  const lon = position?.[0]
  const lat = position?.[1]

  useEffect(() => {
    if (!client || !isActive) return
    return client.onMapClick(([clickedLon, clickedLat]) => {
      setDraft((d) => ({ ...d, lon: clickedLon.toFixed(DEGREE_DECIMALS), lat: clickedLat.toFixed(DEGREE_DECIMALS) }))
      setFailure(null)
    })
  }, [client, isActive])

  useEffect(() => {
    if (!client || !isActive || lon === undefined || lat === undefined) return
    client.setMarker([lon, lat])
    return () => client.setMarker(null)
  }, [client, isActive, lon, lat])

  useEffect(() => {
    if (!isActive) return
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && onCancel()
    document.addEventListener('keydown', onKey)
    return () => document.removeEventListener('keydown', onKey)
  }, [isActive, onCancel])

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (draft.lon.trim() === '' || draft.lat.trim() === '')
      return setFailure('请在地图上单击点位位置，或填写经度和纬度')
    if (!draft.level) return setFailure('请选择点位级别')
    if (!draft.type) return setFailure('请选择点位类型')
    setBusy(true)
    setFailure(null)
    try {
      const created = await createPoint({
        code: draft.code,
        name: draft.name,
        level: draft.level as NewPointBody['level'],
        type: draft.type as NewPointBody['type'],
        lon: Number(draft.lon),
        lat: Number(draft.lat),
        soilType: draft.soilType.trim() || null,
        landUse: draft.landUse.trim() || null,
      })
      onCreated(created)
    } catch (error) {
      setFailure(errorMessage(error, '点位保存失败'))
    } finally {
      setBusy(false)
    }
  }

  return (
    <section
      className="panel-section panel-section--grow new-point"
      aria-labelledby="new-point-title"
      data-testid="new-point"
    >
      <h2 id="new-point-title" className="panel-section__title">
        新增监测点位
      </h2>
      <ol className="new-point__steps">
        <li className={position ? 'new-point__step--done' : 'new-point__step--active'}>
          在地图上单击点位位置（可再次单击改位置），或直接填写经纬度。
        </li>
        <li className={position ? 'new-point__step--active' : undefined}>
          填写点位信息并保存；所在区县、乡镇由位置确定。按 Esc 或“取消”退出。
        </li>
      </ol>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div className="form-grid">
          <TextField
            label="经度（CGCS2000）*"
            inputMode="decimal"
            value={draft.lon}
            placeholder="单击地图取点"
            onChange={(lon) => set({ lon })}
            testId="new-point-lon"
          />
          <TextField
            label="纬度（CGCS2000）*"
            inputMode="decimal"
            value={draft.lat}
            placeholder="单击地图取点"
            onChange={(lat) => set({ lat })}
            testId="new-point-lat"
          />
        </div>
        <TextField
          label="点位编号 *"
          maxLength={40}
          value={draft.code}
          placeholder="如 430903-JC0041"
          onChange={(code) => set({ code })}
          testId="new-point-code"
        />
        <TextField
          label="点位名称 *"
          maxLength={100}
          value={draft.name}
          onChange={(name) => set({ name })}
          testId="new-point-name"
        />
        <div className="form-grid">
          <SelectField
            label="级别 *"
            value={draft.level}
            onChange={(level) => set({ level })}
            options={LEVEL_OPTIONS}
            none="请选择"
            testId="new-point-level"
          />
          <SelectField
            label="类型 *"
            value={draft.type}
            onChange={(type) => set({ type })}
            options={TYPE_OPTIONS}
            none="请选择"
            testId="new-point-type"
          />
        </div>
        <TextField
          label="土壤类型"
          maxLength={50}
          value={draft.soilType}
          placeholder="如 水稻土、红壤（可不填）"
          onChange={(soilType) => set({ soilType })}
          testId="new-point-soil"
        />
        <TextField
          label="土地利用（三调地类编码）"
          maxLength={5}
          value={draft.landUse}
          placeholder="如 0101、0103"
          onChange={(landUse) => set({ landUse })}
          testId="new-point-land-use"
          hint={<span className="new-point__hint">留空则取点位所在图斑的三调地类。</span>}
        />
        <FormError message={failure} testId="new-point-error" />
        <div className="result-form__actions">
          <button type="submit" className="primary-button" disabled={isBusy} data-testid="new-point-save">
            保存
          </button>
          <button type="button" className="secondary-button" onClick={onCancel} data-testid="new-point-cancel">
            取消
          </button>
        </div>
      </form>
    </section>
  )
}
