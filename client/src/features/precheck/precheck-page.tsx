import { useCallback, useEffect, useState } from 'react'
import type { MapClient } from '../../map/map-client'
import { MapView } from '../../map/map-view'
import { errorMessage } from '../../shared/error-message'
import { bboxOf } from '../../shared/geometry'
import type { BasemapChoice, FeatureRef, LayerGroup, MapFocus } from '../../shared/api-types'
import { OutlineInput } from '../../shared/check/outline-input'
import { PlannedUsePicker } from './planned-use-picker'
import {
  createPrecheck,
  fetchHitMap,
  featureBox,
  fetchPrecheck,
  layerOfHit,
  rerunPrecheck,
  type PlannedUse,
  type PrecheckRequest,
} from './precheck-api'
import { PrecheckRecords } from './precheck-records'
import type { PrecheckReason, PrecheckRecord, RerunResponse } from '@contracts/precheck'
import { usePlotOutline } from '../../shared/check/use-plot-outline'
import { VerdictPanel } from './verdict-panel'
import '../../shared/check/check.css'
import './precheck.css'

/** Props of {@link PrecheckPage}. */
export interface PrecheckPageProps {
  /** Land officers (用地核查员) check; approvers read the records. */
  canCheck: boolean
}

const HITS_OVERLAY = 'precheck-hits'
const NO_BASEMAP: BasemapChoice = { kind: 'none' }
/** Room kept free for the verdict panel (right) when the map moves to a plot. */
const RESULT_PADDING: MapFocus['padding'] = { top: 60, left: 60, right: 640, bottom: 60 }

/**
 * 用地准入核查: the plot (drawn, picked by code or uploaded) and its planned use on the left, the map in the middle,
 * the verdict with its reasons on the right; 核查记录 lists the past checks, each can be reopened, re-run and printed.
 */
export function PrecheckPage({ canCheck }: PrecheckPageProps) {
  const [client, setClient] = useState<MapClient | null>(null)
  const [visibility, setVisibility] = useState<Record<string, boolean>>({})
  const [tab, setTab] = useState<'check' | 'records'>(canCheck ? 'check' : 'records')
  const [use, setUse] = useState<PlannedUse | null>(null)
  const [name, setName] = useState('')
  const [reference, setReference] = useState<string | null>(null)
  const [record, setRecord] = useState<PrecheckRecord | null>(null)
  const [rerun, setRerun] = useState<RerunResponse | null>(null)
  const [isBusy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [resultError, setResultError] = useState<string | null>(null)
  const [focus, setFocus] = useState<MapFocus | null>(null)
  const [highlight, setHighlight] = useState<FeatureRef | null>(null)
  const [listVersion, setListVersion] = useState(0)
  const [checkedOutline, setCheckedOutline] = useState<PrecheckRequest['geometry'] | null>(null)
  const plot = usePlotOutline(canCheck ? client : null)
  const checkedArea =
    record && plot.outline && plot.outline === checkedOutline
      ? { areaM2: record.areaM2, areaMu: record.areaMu, number: record.number }
      : null

  const onGroups = useCallback(
    (groups: LayerGroup[]) => setVisibility(Object.fromEntries(groups.map((g) => [g.id, g.visible]))),
    [],
  )
  const ignore = useCallback(() => undefined, [])

  useEffect(() => {
    if (!client) return
    if (!record) {
      client.setOverlay(HITS_OVERLAY, null)
      return
    }
    const controller = new AbortController()
    fetchHitMap(record, controller.signal)
      .then(({ map }) => client.setOverlay(HITS_OVERLAY, map))
      .catch((e: unknown) => {
        if (!controller.signal.aborted) console.warn('核查要素加载失败', e)
      })
    return () => controller.abort()
  }, [client, record])

  const show = (next: PrecheckRecord, comparison: RerunResponse | null) => {
    setRecord(next)
    setRerun(comparison)
    setHighlight(null)
    setResultError(null)
    setFocus({ bbox: bboxOf(next.geometry), maxZoom: 16, padding: RESULT_PADDING })
  }

  const check = async () => {
    if (!plot.outline) return setError('请先在地图上绘制、按编号选取或上传核查地块')
    if (!use) return setError('请选择规划用途（GB 50137-2011 或国土空间用地用海分类代码）')
    setBusy(true)
    setError(null)
    try {
      const created = await createPrecheck({
        geometry: plot.outline,
        plannedUse: use.code,
        name: name.trim() || undefined,
        reference: reference ?? undefined,
      })
      setCheckedOutline(plot.outline)
      plot.setTool('static')
      show(created, null)
      setListVersion((n) => n + 1)
    } catch (e) {
      setError(errorMessage(e, '核查失败，请稍后重试'))
    } finally {
      setBusy(false)
    }
  }

  const open = async (id: number) => {
    setResultError(null)
    try {
      plot.clear()
      show(await fetchPrecheck(id), null)
    } catch (e) {
      setResultError(errorMessage(e, '核查记录加载失败'))
    }
  }

  const runAgain = async () => {
    if (!record) return
    setBusy(true)
    setResultError(null)
    try {
      const answer = await rerunPrecheck(record.id)
      show(answer.check, answer)
      setListVersion((n) => n + 1)
    } catch (e) {
      setResultError(errorMessage(e, '重新核查失败，请稍后重试'))
    } finally {
      setBusy(false)
    }
  }

  const locate = async (reason: PrecheckReason) => {
    if (!reason.featureType || reason.featureId === null) return
    const ref = { source: layerOfHit(reason.featureType), id: reason.featureId }
    setHighlight(ref)
    try {
      const bbox = await featureBox(ref)
      setFocus({ bbox, maxZoom: 17, padding: RESULT_PADDING })
    } catch (e) {
      console.warn('要素定位失败', e)
    }
  }

  const startNew = () => {
    setRecord(null)
    setRerun(null)
    setHighlight(null)
    setTab('check')
  }

  return (
    <div className="check-layout">
      <aside className="check-side" aria-label="用地准入核查">
        <div className="side-tabs" role="tablist" aria-label="用地准入核查">
          {canCheck && (
            <button
              type="button"
              role="tab"
              aria-selected={tab === 'check'}
              className={`side-tabs__tab${tab === 'check' ? ' side-tabs__tab--active' : ''}`}
              onClick={() => setTab('check')}
              data-testid="precheck-tab-check"
            >
              核查
            </button>
          )}
          <button
            type="button"
            role="tab"
            aria-selected={tab === 'records'}
            className={`side-tabs__tab${tab === 'records' ? ' side-tabs__tab--active' : ''}`}
            onClick={() => setTab('records')}
            data-testid="precheck-tab-records"
          >
            核查记录
          </button>
        </div>
        <div className="check-side__body">
          {canCheck && (
            <form
              className="check-form"
              hidden={tab !== 'check'}
              onSubmit={(e) => {
                e.preventDefault()
                void check()
              }}
            >
              <section className="check-step">
                <h3 className="check-step__title">
                  <span className="check-step__no">1</span>核查地块
                </h3>
                <OutlineInput
                  plot={plot}
                  noun="地块"
                  testIdPrefix="precheck"
                  checkedArea={checkedArea}
                  onReference={(ref, plotName) => {
                    setReference(ref)
                    if (plotName && !name.trim()) setName(plotName)
                  }}
                />
                <label className="field">
                  <span className="field__label">地块名称（可选）</span>
                  <input
                    type="text"
                    className="text-input"
                    maxLength={100}
                    value={name}
                    onChange={(e) => setName(e.target.value)}
                    placeholder="如 赫山区龙岭片区 A-03 地块"
                    data-testid="precheck-name"
                  />
                </label>
              </section>
              <section className="check-step">
                <h3 className="check-step__title">
                  <span className="check-step__no">2</span>规划用途
                </h3>
                <PlannedUsePicker value={use} onChange={setUse} />
                {use && (
                  <p className="hint" data-testid="precheck-use-class">
                    按 GB 36600-2018 第 3.4 条，{use.code} {use.name}属于<strong>{use.landClassName}</strong>，适用
                    {use.landClass === 'first' ? '第一类' : '第二类'}用地筛选值和管制值。
                    {use.basis ? `依据：${use.basis}。` : ''}
                  </p>
                )}
              </section>
              <section className="check-step">
                <h3 className="check-step__title">
                  <span className="check-step__no">3</span>核查
                </h3>
                <p className="hint">
                  对照已发布的污染地块名录及负面清单、管控区域、重点监管单位用地、耕地分类清单和周边土壤监测结果，并按《土壤污染防治法》第五十九条判断是否须先行调查。
                </p>
                <button
                  type="submit"
                  className="primary-button primary-button--block"
                  disabled={isBusy || !plot.outline || !use}
                  data-testid="precheck-submit"
                >
                  {isBusy ? '正在核查…' : '核查'}
                </button>
                {error && (
                  <p className="form-error" role="alert" data-testid="precheck-error">
                    {error}
                  </p>
                )}
              </section>
            </form>
          )}
          {tab === 'records' && (
            <PrecheckRecords activeId={record?.id ?? null} listVersion={listVersion} onOpen={(id) => void open(id)} />
          )}
          {tab === 'records' && resultError && !record && (
            <p className="form-error" role="alert">
              {resultError}
            </p>
          )}
        </div>
      </aside>
      <main className="check-map">
        <MapView
          visibility={visibility}
          basemap={NO_BASEMAP}
          focus={focus}
          highlight={highlight}
          onGroups={onGroups}
          onFeatureClick={ignore}
          onStatusSource={ignore}
          onClient={setClient}
        />
        {record && (
          <VerdictPanel
            record={record}
            rerun={rerun}
            canRerun={canCheck}
            isBusy={isBusy}
            error={resultError}
            onRerun={() => void runAgain()}
            onLocate={(r) => void locate(r)}
            onClose={startNew}
          />
        )}
        <MapLegend />
      </main>
    </div>
  )
}

/** What the colours of the pre-check map mean. */
function MapLegend() {
  return (
    <div className="check-legend" aria-label="图例">
      <span>
        <i className="check-legend__swatch check-legend__swatch--plot" />
        核查地块
      </span>
      <span>
        <i className="check-legend__swatch check-legend__swatch--refuse" />
        禁止
      </span>
      <span>
        <i className="check-legend__swatch check-legend__swatch--investigate" />
        须调查评估
      </span>
      <span>
        <i className="check-legend__swatch check-legend__swatch--note" />
        提示
      </span>
    </div>
  )
}
