import { useEffect, useRef, useState, type FormEvent } from 'react'
import turfArea from '@turf/area'
import type { Polygon } from 'geojson'
import type { MapClient } from '../../map/map-client'
import type { ScopeCounty } from '../../shared/api-types'
import { errorMessage } from '../../shared/error-message'
import { formatAreaValue } from '../../shared/format'
import { FormError } from '../../shared/ui/form-error'
import { SelectField, TextField } from '../../shared/ui/form-fields'
import { PlotDraw } from './plot-draw'
import type { Industry } from '@contracts/registry'
import { createPlot } from './registry-api'
import { INDUSTRY_NOTE_MISSING } from './registry-labels'
import { IndustryFields, LandClassField } from './plot-fact-fields'
import { m2ToMu } from '../../../../server/src/domain/units.ts'
import './registry.css'

/** Props of {@link NewPlotCard}. */
export interface NewPlotCardProps {
  client: MapClient | null
  counties: ScopeCounty[]
  onCancel: () => void
  onCreated: (id: number, code: string | null) => void
  /** Opens the pending site proposals of closed or relocated supervised enterprises (重点监管单位), when the user has them. */
  onOpenProposals?: () => void
}

interface Draft {
  name: string
  adcode: string
  address: string
  formerIndustry: string
  formerIndustryNote: string
  landUser: string
  contact: string
  plannedLandClass: '' | 'first' | 'second'
}

/**
 * 新建疑似污染地块: the officer draws the outline on the map (terra-draw: click the corners, click the first one
 * to close, then drag vertices), sees its area, fills in the facts and saves; the server checks the outline.
 */
export function NewPlotCard({ client, counties, onCancel, onCreated, onOpenProposals }: NewPlotCardProps) {
  const [polygon, setPolygon] = useState<Polygon | null>(null)
  const [isClosed, setClosed] = useState(false)
  const [draft, setDraft] = useState<Draft>({
    name: '',
    adcode: counties[0]?.adcode ?? '',
    address: '',
    formerIndustry: '',
    formerIndustryNote: '',
    landUser: '',
    contact: '',
    plannedLandClass: '',
  })
  const [failure, setFailure] = useState<string | null>(null)
  const [isBusy, setBusy] = useState(false)
  const drawRef = useRef<PlotDraw | null>(null)

  useEffect(() => {
    if (!client) return
    const draw = new PlotDraw(client.drawController(), {
      onChange: (next, closed) => {
        setPolygon(next)
        setClosed(closed)
      },
    })
    drawRef.current = draw
    return () => {
      draw.destroy()
      drawRef.current = null
    }
  }, [client])

  const areaM2 = polygon && polygon.coordinates[0]?.length >= 4 ? turfArea(polygon) : null
  const set = (patch: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...patch }))
    setFailure(null)
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (!polygon || !isClosed) return setFailure('请先在地图上绘制地块边界：依次单击各拐点，最后单击第一个点闭合')
    if (!draft.name.trim()) return setFailure('请填写地块名称')
    if (!draft.formerIndustry) return setFailure('请选择原行业类别')
    if (draft.formerIndustry === 'other' && !draft.formerIndustryNote.trim()) return setFailure(INDUSTRY_NOTE_MISSING)
    setBusy(true)
    setFailure(null)
    try {
      const created = await createPlot({
        name: draft.name.trim(),
        adcode: draft.adcode || undefined,
        address: draft.address.trim() || undefined,
        formerIndustry: draft.formerIndustry as Industry,
        formerIndustryNote: draft.formerIndustry === 'other' ? draft.formerIndustryNote.trim() : undefined,
        landUser: draft.landUser.trim() || undefined,
        contact: draft.contact.trim() || undefined,
        plannedLandClass: draft.plannedLandClass || null,
        geometry: polygon,
      })
      onCreated(created.id, created.code ?? null)
    } catch (error) {
      setFailure(errorMessage(error, '地块保存失败'))
    } finally {
      setBusy(false)
    }
  }

  return (
    <section
      className="panel-section panel-section--grow new-plot"
      aria-labelledby="new-plot-title"
      data-testid="new-plot"
    >
      <h2 id="new-plot-title" className="panel-section__title">
        新建疑似污染地块
      </h2>
      <ol className="new-plot__steps">
        <li className={isClosed ? 'new-plot__step--done' : 'new-plot__step--active'}>
          在地图上依次单击地块边界拐点，单击第一个点闭合；闭合后可拖动节点调整。
        </li>
        <li className={isClosed ? 'new-plot__step--active' : undefined}>
          填写地块信息，保存后进入“疑似污染地块名单”。
        </li>
      </ol>
      {onOpenProposals && (
        <p className="panel-note new-plot__proposals">
          关闭、搬迁的重点监管单位原址，可在
          <button type="button" className="link-button" onClick={onOpenProposals} data-testid="new-plot-proposals">
            重点监管单位 › 待确认的疑似地块建议
          </button>
          中直接确认为疑似污染地块。
        </p>
      )}
      <div className="new-plot__area" aria-live="polite" data-testid="new-plot-area">
        {areaM2 !== null ? (
          <>
            <span>
              面积 <strong>{formatAreaValue(m2ToMu(areaM2))}</strong> 亩（{formatAreaValue(areaM2 / 10000)} 公顷）
            </span>
            {!isClosed && <span className="new-plot__drawing">绘制中</span>}
          </>
        ) : (
          <span className="new-plot__waiting">尚未绘制边界</span>
        )}
        {polygon && (
          <button
            type="button"
            className="link-button"
            onClick={() => {
              drawRef.current?.restart()
              setPolygon(null)
              setClosed(false)
            }}
            data-testid="new-plot-redraw"
          >
            重新绘制
          </button>
        )}
      </div>

      <form onSubmit={(e) => void submit(e)} noValidate>
        <TextField
          label="地块名称 *"
          maxLength={100}
          value={draft.name}
          placeholder="如 原XX化工厂地块"
          onChange={(name) => set({ name })}
          testId="new-plot-name"
        />
        {counties.length > 1 && (
          <SelectField
            label="所在区县 *"
            value={draft.adcode}
            onChange={(adcode) => set({ adcode })}
            options={counties.map((c) => [c.adcode, c.name] as const)}
            testId="new-plot-county"
          />
        )}
        <IndustryFields
          industry={draft.formerIndustry}
          note={draft.formerIndustryNote}
          onIndustry={(formerIndustry) => set({ formerIndustry })}
          onNote={(formerIndustryNote) => set({ formerIndustryNote })}
          none="请选择"
          testIdPrefix="new-plot"
        />
        <TextField
          label="地址"
          maxLength={200}
          value={draft.address}
          onChange={(address) => set({ address })}
          testId="new-plot-address"
        />
        <TextField
          label="土地使用权人"
          maxLength={100}
          value={draft.landUser}
          onChange={(landUser) => set({ landUser })}
          testId="new-plot-land-user"
        />
        <TextField
          label="责任联系人（内部）"
          maxLength={100}
          value={draft.contact}
          placeholder="姓名 电话"
          onChange={(contact) => set({ contact })}
          testId="new-plot-contact"
        />
        <LandClassField
          value={draft.plannedLandClass}
          onChange={(v) => set({ plannedLandClass: v as Draft['plannedLandClass'] })}
          testId="new-plot-land-class"
        />
        <FormError message={failure} testId="new-plot-error" />
        <div className="form-actions">
          <button type="button" className="secondary-button" onClick={onCancel} data-testid="new-plot-cancel">
            取消
          </button>
          <button type="submit" className="primary-button" disabled={isBusy} data-testid="new-plot-save">
            {isBusy ? '正在保存…' : '保存'}
          </button>
        </div>
      </form>
    </section>
  )
}
