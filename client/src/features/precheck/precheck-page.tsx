import { useEffect, useState } from 'react'
import { errorMessage } from '../../shared/error-message'
import { bboxOf } from '../../shared/geometry'
import { CheckLayout } from '../../shared/check/check-layout'
import { OutlineInput } from '../../shared/check/outline-input'
import { useCheckPage } from '../../shared/check/use-check-page'
import { HitLegendItems } from './hit-legend'
import { PlannedUsePicker } from './planned-use-picker'
import {
  createPrecheck,
  fetchHitMap,
  featureBox,
  fetchPrecheck,
  layerOfHit,
  rerunPrecheck,
  type PlannedUse,
} from './precheck-api'
import { PrecheckRecords } from './precheck-records'
import type { PrecheckReason, PrecheckRecord, RerunResponse } from '@contracts/precheck'
import { VerdictPanel } from './verdict-panel'
import './precheck.css'

/** Props of {@link PrecheckPage}. */
export interface PrecheckPageProps {
  /** Land officers (用地核查员) check; approvers read the records. */
  canCheck: boolean
}

const HITS_OVERLAY = 'precheck-hits'

/**
 * 用地准入核查: the plot (drawn, picked by code or uploaded) and its planned use on the left, the map in the middle,
 * the verdict with its reasons on the right; 核查记录 lists the past checks, each can be reopened, re-run and printed.
 */
export function PrecheckPage({ canCheck }: PrecheckPageProps) {
  const page = useCheckPage<PrecheckRecord>(canCheck)
  const { client, record, plot } = page
  const [use, setUse] = useState<PlannedUse | null>(null)
  const [name, setName] = useState('')
  const [reference, setReference] = useState<string | null>(null)
  const [rerun, setRerun] = useState<RerunResponse | null>(null)
  const [error, setError] = useState<string | null>(null)

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
    page.setRecord(next)
    setRerun(comparison)
    page.setHighlight(null)
    page.setResultError(null)
    page.focusOn(bboxOf(next.geometry), 16)
  }

  const check = async () => {
    if (!plot.outline) return setError('请先在地图上绘制、按编号选取或上传核查地块')
    if (!use) return setError('请选择规划用途（GB 50137-2011 或国土空间用地用海分类代码）')
    page.setBusy(true)
    setError(null)
    try {
      const created = await createPrecheck({
        geometry: plot.outline,
        plannedUse: use.code,
        name: name.trim() || undefined,
        reference: reference ?? undefined,
      })
      page.markChecked(plot.outline)
      show(created, null)
      page.bumpList()
    } catch (e) {
      setError(errorMessage(e, '核查失败，请稍后重试'))
    } finally {
      page.setBusy(false)
    }
  }

  const open = async (id: number) => {
    page.setResultError(null)
    try {
      plot.clear()
      show(await fetchPrecheck(id), null)
    } catch (e) {
      page.setResultError(errorMessage(e, '核查记录加载失败'))
    }
  }

  const runAgain = async () => {
    if (!record) return
    page.setBusy(true)
    page.setResultError(null)
    try {
      const answer = await rerunPrecheck(record.id)
      show(answer.check, answer)
      page.bumpList()
    } catch (e) {
      page.setResultError(errorMessage(e, '重新核查失败，请稍后重试'))
    } finally {
      page.setBusy(false)
    }
  }

  const locate = (reason: PrecheckReason) =>
    page.locate(
      reason.featureType && reason.featureId !== null
        ? { source: layerOfHit(reason.featureType), id: reason.featureId }
        : null,
      featureBox,
    )

  const startNew = () => {
    page.setRecord(null)
    setRerun(null)
    page.setHighlight(null)
    page.setTab('check')
  }

  return (
    <CheckLayout
      title="用地准入核查"
      checkTab="核查"
      testIdPrefix="precheck"
      canCheck={canCheck}
      page={page}
      form={
        <form
          className="check-form"
          hidden={page.tab !== 'check'}
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
              checkedArea={page.checkedArea}
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
              disabled={page.isBusy || !plot.outline || !use}
              data-testid="precheck-submit"
            >
              {page.isBusy ? '正在核查…' : '核查'}
            </button>
            {error && (
              <p className="form-error" role="alert" data-testid="precheck-error">
                {error}
              </p>
            )}
          </section>
        </form>
      }
      records={
        <PrecheckRecords activeId={record?.id ?? null} listVersion={page.listVersion} onOpen={(id) => void open(id)} />
      }
      sideError={page.tab === 'records' && !record ? page.resultError : null}
      verdict={
        record && (
          <VerdictPanel
            record={record}
            rerun={rerun}
            canRerun={canCheck}
            isBusy={page.isBusy}
            error={page.resultError}
            onRerun={() => void runAgain()}
            onLocate={(r) => void locate(r)}
            onClose={startNew}
          />
        )
      }
      legend={<MapLegend />}
    />
  )
}

/** What the colours of the pre-check map mean. */
function MapLegend() {
  return (
    <div className="check-legend" aria-label="图例">
      <HitLegendItems />
    </div>
  )
}
