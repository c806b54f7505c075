import { useEffect, useRef, useState } from 'react'
import type { FeatureCollection } from 'geojson'
import { useDataChanged } from '../../shared/data-versions'
import { errorMessage } from '../../shared/error-message'
import { formatAreaValue } from '../../shared/format'
import {
  applyUpdate,
  cancelUpdate,
  decideConflicts,
  planFeatures,
  planUpdate,
  updatePreview,
  updateStatus,
} from './land-update-api'
import type { Decision, KindTotals, MatchKind, PlanFeatures, UpdatePreview, UpdateStatus } from './land-update-types'
import './land-update.css'

const POLL_MS = 1000
const SHOWN_KINDS: MatchKind[] = ['unchanged', 'changed', 'added', 'retired']

/** How the map draws each kind of change: changed orange, added green, retired dashed red. */
const DRAWN: Record<MatchKind, { kind: string; color?: string }> = {
  unchanged: { kind: 'reference' },
  changed: { kind: 'preview', color: '#ef6c00' },
  added: { kind: 'preview', color: '#2e7d32' },
  retired: { kind: 'deleted' },
}

/** The plan's features as the map's overlay draws them (kind and colour by the change). */
function drawPlan(features: PlanFeatures): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: features.features.map((f) => ({
      ...f,
      properties: { ...f.properties, change: f.properties.kind, ...DRAWN[f.properties.kind] },
    })),
  }
}

/** The bbox of the plan's features, a little enlarged. */
function bboxOf(features: PlanFeatures): [number, number, number, number] | null {
  const xs: number[] = []
  const ys: number[] = []
  for (const f of features.features) {
    const points = ((f.geometry as { coordinates?: unknown }).coordinates as unknown[]).flat(3) as unknown as number[]
    for (let i = 0; i + 1 < points.length; i += 2) {
      xs.push(points[i])
      ys.push(points[i + 1])
    }
  }
  if (!xs.length) return null
  const pad = 0.002
  return [Math.min(...xs) - pad, Math.min(...ys) - pad, Math.max(...xs) + pad, Math.max(...ys) + pad]
}

function Cells({ kinds }: { kinds: Record<MatchKind, KindTotals> }) {
  return (
    <>
      {SHOWN_KINDS.map((k) => (
        <td key={k}>
          {kinds[k].parcels}
          <span className="land-update__mu">（{formatAreaValue(kinds[k].areaMu)} 亩）</span>
        </td>
      ))}
    </>
  )
}

function Summary({ preview }: { preview: UpdatePreview }) {
  const head = (
    <tr>
      <th />
      {SHOWN_KINDS.map((k) => (
        <th key={k}>{preview.kinds.find((x) => x.kind === k)?.label}</th>
      ))}
    </tr>
  )
  return (
    <>
      <table className="land-update__table" data-testid="land-update-totals">
        <thead>{head}</thead>
        <tbody>
          <tr>
            <th>合计</th>
            <Cells kinds={preview.totals} />
          </tr>
          {preview.byClass.map((c) => (
            <tr key={c.class}>
              <th>{c.className}</th>
              <Cells kinds={c.kinds} />
            </tr>
          ))}
        </tbody>
      </table>
      <h4>按乡镇</h4>
      <table className="land-update__table" data-testid="land-update-townships">
        <thead>{head}</thead>
        <tbody>
          {preview.byTownship.map((t) => (
            <tr key={t.code ?? ''}>
              <th>{t.name}</th>
              <Cells kinds={t.kinds} />
            </tr>
          ))}
        </tbody>
      </table>
    </>
  )
}

/**
 * 年度变更调查 for a checked DLTB import of a county that already has parcels: the change preview (counts and 亩 by
 * class and township, the map, warnings), the conflicts to decide, and the apply with its progress and 取消.
 */
export function LandUpdateStep({
  importId,
  onOverlay,
  onLocate,
  onFit,
}: {
  importId: number
  onOverlay: (data: FeatureCollection | null) => void
  onLocate: (point: [number, number]) => void
  onFit: (bbox: [number, number, number, number]) => void
}) {
  const [preview, setPreview] = useState<UpdatePreview | null>(null)
  const [status, setStatus] = useState<UpdateStatus | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [isBusy, setBusy] = useState(false)
  const timer = useRef<number | null>(null)
  const dataChanged = useDataChanged()

  useEffect(
    () => () => {
      if (timer.current !== null) window.clearTimeout(timer.current)
      onOverlay(null)
    },
    [onOverlay],
  )

  const busy = async (work: () => Promise<void>) => {
    setBusy(true)
    setError(null)
    try {
      await work()
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }

  const show = async (next: UpdatePreview) => {
    setPreview(next)
    setStatus(next.status)
    const features = await planFeatures(importId)
    onOverlay(drawPlan(features))
    const box = bboxOf(features)
    if (box) onFit(box)
  }

  const plan = () => busy(async () => show(await planUpdate(importId)))

  const decide = (decision: Decision, parcelIds?: number[]) =>
    busy(async () => {
      await decideConflicts(importId, decision, parcelIds)
      setPreview(await updatePreview(importId))
    })

  const poll = () => {
    timer.current = window.setTimeout(async () => {
      try {
        const next = await updateStatus(importId)
        setStatus(next)
        if (next.status === 'applying') return poll()
        if (next.status === 'applied') {
          onOverlay(null)
          // parcels changed, were added and retired: what shows them (the retired list below) reads again
          dataChanged('parcels', 'classLists')
        } else setPreview(await updatePreview(importId))
      } catch (e) {
        setError(errorMessage(e))
      }
    }, POLL_MS)
  }

  const apply = () =>
    busy(async () => {
      setStatus(await applyUpdate(importId))
      poll()
    })

  const cancel = () => busy(async () => setStatus(await cancelUpdate(importId)))

  const progress = status?.progress
  const percent = progress && progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : 0
  const isOpen = status && ['planned', 'cancelled', 'failed'].includes(status.status)

  return (
    <div className="land-update" data-testid="land-update">
      <h3>年度变更调查</h3>
      <p className="land-update__muted">
        本区县已有耕地图斑：按标识码（标识码变了按边界）把新年度图斑与现有图斑对应，未变化的图斑保留编号、类别和清单记录，
        有变化的生成新版本并保留已公布的类别，消失的图斑退出（可恢复），新增的图斑为未划定。
      </p>
      {!preview && (
        <button
          type="button"
          className="btn btn--primary"
          disabled={isBusy}
          onClick={plan}
          data-testid="land-update-plan"
        >
          生成变更预览
        </button>
      )}
      {error && (
        <p className="notice notice--error" role="alert">
          {error}
        </p>
      )}
      {preview && (
        <>
          <p className="land-update__legend">
            地图：
            <span className="land-update__swatch land-update__swatch--changed" />
            有变化
            <span className="land-update__swatch land-update__swatch--added" />
            新增
            <span className="land-update__swatch land-update__swatch--retired" />
            退出
          </p>
          <Summary preview={preview} />
          {preview.warnings.length > 0 && (
            <>
              <h4>需要重新评估类别的图斑</h4>
              <ul className="land-update__list" data-testid="land-update-warnings">
                {preview.warnings.map((w) => (
                  <li key={w.parcelId}>
                    {w.message}
                    <button type="button" className="btn btn--small" onClick={() => onLocate(w.point)}>
                      定位
                    </button>
                  </li>
                ))}
              </ul>
            </>
          )}
          {preview.conflicts.length > 0 && (
            <>
              <h4>冲突图斑（系统中修改过、新年度图斑也有变化）</h4>
              <div className="land-update__row">
                <button
                  type="button"
                  className="btn btn--small"
                  disabled={!isOpen || isBusy}
                  onClick={() => decide('ours')}
                >
                  全部保留系统中的修改
                </button>
                <button
                  type="button"
                  className="btn btn--small"
                  disabled={!isOpen || isBusy}
                  onClick={() => decide('theirs')}
                >
                  全部采用新年度图斑
                </button>
              </div>
              <table className="land-update__table" data-testid="land-update-conflicts">
                <thead>
                  <tr>
                    <th>图斑</th>
                    <th>系统中的版本</th>
                    <th>新年度图斑</th>
                    <th>处理</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.conflicts.map((c) => (
                    <tr key={c.parcelId}>
                      <td title={c.message}>{c.ours.code}</td>
                      <td>
                        {c.ours.dlbm}，{formatAreaValue(c.ours.areaMu)} 亩，第 {c.ours.version} 版
                        {c.ours.editedBy ? `（${c.ours.editedBy} 修改）` : ''}
                      </td>
                      <td>
                        {c.theirs
                          ? `${c.theirs.dlbm ?? ''}，${formatAreaValue(c.theirs.areaMu)} 亩`
                          : '已不存在（退出）'}
                      </td>
                      <td>
                        <select
                          value={c.decision ?? ''}
                          disabled={!isOpen || isBusy}
                          aria-label={`${c.ours.code} 的处理方式`}
                          onChange={(e) => e.target.value && decide(e.target.value as Decision, [c.parcelId])}
                        >
                          <option value="">请选择</option>
                          <option value="ours">保留系统中的修改</option>
                          <option value="theirs">采用新年度图斑</option>
                        </select>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
          {isOpen && (
            <div className="land-update__row">
              <button
                type="button"
                className="btn btn--primary"
                disabled={isBusy || preview.undecided > 0}
                onClick={apply}
                data-testid="land-update-apply"
              >
                应用年度变更
              </button>
              {preview.undecided > 0 && (
                <span className="land-update__muted">还有 {preview.undecided} 个冲突图斑未选择处理方式</span>
              )}
            </div>
          )}
        </>
      )}
      {status && (status.status === 'applying' || status.status === 'applied' || status.message) && (
        <div data-testid="land-update-status">
          <p>
            {status.statusLabel}
            {status.status === 'applying' && progress && `：${progress.done} / ${progress.total}`}
          </p>
          {status.status === 'applying' && (
            <>
              <progress max={100} value={percent} aria-label="年度变更进度" />
              <button type="button" className="btn" onClick={cancel}>
                取消
              </button>
            </>
          )}
          {status.status === 'applied' && status.result && (
            <p className="notice notice--ok" role="status" data-testid="land-update-result">
              未变化 {status.result.unchanged} 个，更新 {status.result.changed} 个，新增 {status.result.added} 个，退出{' '}
              {status.result.retired} 个，保留系统中修改 {status.result.kept} 个。
            </p>
          )}
          {status.message && <p className="notice">{status.message}</p>}
        </div>
      )}
    </div>
  )
}
