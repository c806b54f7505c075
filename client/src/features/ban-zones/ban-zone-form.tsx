import { useEffect, useMemo, useState, type FormEvent } from 'react'
import type { BanZoneAnswer } from '@contracts/ban-zones'
import type { MapClient } from '../../map/map-client'
import { problemsOf } from '../../shared/api-client'
import { errorMessage } from '../../shared/error-message'
import { formatAreaValue } from '../../shared/format'
import { useJson } from '../../shared/use-json'
import { createBanZone, strictParcelsPath, submitBanZone, updateBanZone } from './ban-zones-api'

/** Props of {@link BanZoneForm}. */
export interface BanZoneFormProps {
  adcode: string
  client: MapClient | null
  /** The zone being changed (草稿 or 退回); none: a new one. */
  zone: BanZoneAnswer | null
  /** Saved (and submitted, when asked): the zone as the server has it now. */
  onSaved: (zone: BanZoneAnswer, isSubmitted: boolean) => void
  onCancel: () => void
}

const OVERLAY = 'ban-zone-union'

/** The positions of GeoJSON coordinates at any depth. */
function positionsOf(coordinates: unknown): number[][] {
  if (!Array.isArray(coordinates)) return []
  if (typeof coordinates[0] === 'number') return [coordinates as number[]]
  return coordinates.flatMap(positionsOf)
}

/** The extent of a (Multi)Polygon the server sent, or null. */
function outlineBbox(geometry: unknown): [number, number, number, number] | null {
  const points = positionsOf((geometry as { coordinates?: unknown } | null)?.coordinates)
  if (!points.length) return null
  const xs = points.map((p) => p[0])
  const ys = points.map((p) => p[1])
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)]
}

const splitProducts = (text: string) =>
  text
    .split(/[、，,;；\s]+/)
    .map((s) => s.trim())
    .filter(Boolean)

/**
 * 划定禁止生产区域: the county's 严格管控类 parcels to tick (定位 shows one on the map), the products it forbids, the
 * announcement; 保存草稿 draws the union of the parcels the server made, 提交审定 saves and sends it to review.
 */
export function BanZoneForm({ adcode, client, zone, onSaved, onCancel }: BanZoneFormProps) {
  const parcels = useJson(strictParcelsPath(adcode), 0, '严格管控类图斑加载失败')
  const [chosen, setChosen] = useState<number[]>(zone?.parcelIds ?? [])
  const [name, setName] = useState(zone?.name ?? '')
  const [products, setProducts] = useState((zone?.products ?? ['食用农产品']).join('、'))
  const [number, setNumber] = useState(zone?.announcement.number ?? '')
  const [date, setDate] = useState(zone?.announcement.date ?? '')
  const [text, setText] = useState(zone?.announcement.text ?? '')
  const [saved, setSaved] = useState<BanZoneAnswer | null>(zone)
  const [isBusy, setBusy] = useState(false)
  const [failure, setFailure] = useState<{ message: string; problems: string[] } | null>(null)

  useEffect(() => {
    if (!client || !saved) return
    client.setOverlay(OVERLAY, {
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: { kind: 'preview' }, geometry: saved.geometry as never }],
    })
    const bbox = outlineBbox(saved.geometry)
    if (bbox) client.fitBbox(bbox, { maxZoom: 16, animate: true })
    return () => client.setOverlay(OVERLAY, null)
  }, [client, saved])

  const list = useMemo(() => (parcels.status === 'done' ? parcels.data.parcels : []), [parcels])
  const chosenMu = useMemo(
    () => list.filter((p) => chosen.includes(p.id)).reduce((sum, p) => sum + p.areaMu, 0),
    [list, chosen],
  )
  const toggle = (id: number) => setChosen((c) => (c.includes(id) ? c.filter((x) => x !== id) : [...c, id]))

  const save = async (isSubmit: boolean) => {
    setBusy(true)
    setFailure(null)
    const body = {
      name: name.trim(),
      parcelIds: chosen,
      products: splitProducts(products),
      announcementNo: number.trim() || null,
      announcementDate: date || null,
      announcementText: text.trim() || null,
    }
    try {
      const answer = saved
        ? await updateBanZone(saved.id, { ...body, version: saved.version })
        : await createBanZone({ adcode, ...body })
      setSaved(answer)
      if (isSubmit) await submitBanZone(answer.id, answer.version)
      onSaved(answer, isSubmit)
    } catch (error) {
      setFailure({ message: errorMessage(error), problems: problemsOf(error).map((p) => p.message) })
    } finally {
      setBusy(false)
    }
  }
  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    void save(false)
  }

  return (
    <form className="ban-zone-form" onSubmit={onSubmit} data-testid="ban-zone-form" aria-label="划定禁止生产区域">
      <label className="ban-zone-form__field">
        区域名称
        <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} />
      </label>
      <fieldset className="ban-zone-form__parcels">
        <legend>
          严格管控类耕地图斑（已选 {chosen.length} 块，合计 {formatAreaValue(chosenMu)} 亩）
        </legend>
        {parcels.status === 'loading' && <p className="panel-note">正在加载…</p>}
        {parcels.status === 'error' && <p className="panel-note panel-note--error">{parcels.message}</p>}
        {parcels.status === 'done' && list.length === 0 && (
          <p className="panel-note">本区县已公布的类别中没有严格管控类耕地，无需划定禁止生产区域。</p>
        )}
        <ul className="ban-zone-form__list">
          {list.map((p) => (
            <li key={p.id} data-testid="strict-parcel" data-code={p.code}>
              <label>
                <input type="checkbox" checked={chosen.includes(p.id)} onChange={() => toggle(p.id)} />
                <span className="ban-zone-form__code">{p.code}</span>
                <span className="ban-zone-form__meta">
                  {p.township ?? '未确定乡镇'} · {formatAreaValue(p.areaMu)} 亩
                  {p.pollutants.length > 0 && ` · ${p.pollutants.join('、')}`}
                  {p.zoneCodes.length > 0 && ` · 已在 ${p.zoneCodes.join('、')}`}
                </span>
              </label>
              <button
                type="button"
                className="link-button"
                onClick={() => client?.fitBbox(p.bbox, { maxZoom: 16, animate: true })}
              >
                定位
              </button>
            </li>
          ))}
        </ul>
        {parcels.status === 'done' && parcels.data.isTruncated && (
          <p className="panel-note">
            仅列出前 {list.length} 块（共 {parcels.data.total} 块）。
          </p>
        )}
      </fieldset>
      {saved && (
        <p className="panel-note" data-testid="ban-zone-union">
          已保存的区域范围（各图斑外轮廓的并集）：{formatAreaValue(saved.areaMu)} 亩，已在地图上以蓝色显示。划定依据：
          {saved.basisSummary}
        </p>
      )}
      <label className="ban-zone-form__field">
        禁止生产的农产品（多项用“、”分隔）
        <input value={products} onChange={(e) => setProducts(e.target.value)} placeholder="食用农产品" />
      </label>
      <label className="ban-zone-form__field">
        公告文号
        <input value={number} onChange={(e) => setNumber(e.target.value)} maxLength={100} />
      </label>
      <label className="ban-zone-form__field">
        公告日期
        <input type="date" value={date} onChange={(e) => setDate(e.target.value)} />
      </label>
      <label className="ban-zone-form__field">
        公告内容
        <textarea value={text} onChange={(e) => setText(e.target.value)} rows={3} maxLength={5000} />
      </label>
      {failure && (
        <div className="panel-note panel-note--error" role="alert">
          {failure.problems.length > 1 ? (
            <ul>
              {failure.problems.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          ) : (
            failure.message
          )}
        </div>
      )}
      <div className="ban-zone-form__actions">
        <button type="submit" className="secondary-button" disabled={isBusy || chosen.length === 0}>
          保存草稿
        </button>
        <button
          type="button"
          className="primary-button"
          disabled={isBusy || chosen.length === 0}
          onClick={() => void save(true)}
        >
          提交审定
        </button>
        <button type="button" className="link-button" onClick={onCancel} disabled={isBusy}>
          取消
        </button>
      </div>
    </form>
  )
}
