import { useState } from 'react'
import type { AcceptGapResponse, GapBody, GapProposal, GapResponse } from '@contracts/coverage'
import { errorMessage } from '../../shared/error-message'
import { formatAreaValue, formatShare } from '../../shared/format'
import { acceptGapProposal, runGapAnalysis } from './coverage-api'
import { POINT_LEVEL_OPTIONS, POINT_TYPE_OPTIONS, SPACINGS_KM } from './coverage-types'

/** Props of {@link GapPanel}. */
export interface GapPanelProps {
  adcode: string
  countyName: string
  /** Only environment officers accept proposals as planned points. */
  canAccept: boolean
  result: GapResponse | null
  onResult: (result: GapResponse | null) => void
  onAccepted: (answer: AcceptGapResponse, proposal: GapProposal) => void
}

/**
 * 缺口分析: k new points on an HJ/T 166 grid (2.5, 5 or 10 km) that cover the most uncovered farmland, with the
 * gain of each; an environment officer accepts one as a planned point.
 */
export function GapPanel({ adcode, countyName, canAccept, result, onResult, onAccepted }: GapPanelProps) {
  const [k, setK] = useState('5')
  const [spacingKm, setSpacingKm] = useState<GapBody['spacingKm']>(5)
  const [level, setLevel] = useState('county')
  const [type, setType] = useState('basic')
  const [busy, setBusy] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [accepted, setAccepted] = useState<Record<number, string>>({})

  const run = async () => {
    setBusy('run')
    setError(null)
    setAccepted({})
    try {
      onResult(await runGapAnalysis({ adcode, k: Number(k), spacingKm }))
    } catch (e) {
      onResult(null)
      setError(errorMessage(e, '缺口分析失败'))
    } finally {
      setBusy(null)
    }
  }

  const accept = async (p: GapProposal) => {
    if (!result) return
    setBusy(`accept-${p.rank}`)
    setError(null)
    try {
      const answer = await acceptGapProposal({
        adcode,
        lon: p.lon,
        lat: p.lat,
        level,
        type,
        basis: { spacingKm: result.spacingKm, rank: p.rank, gainM2: p.gainM2, ranAt: result.ranAt },
      })
      setAccepted((a) => ({ ...a, [p.rank]: answer.point.code }))
      onAccepted(answer, p)
    } catch (e) {
      setError(errorMessage(e, '采纳失败'))
    } finally {
      setBusy(null)
    }
  }

  return (
    <section className="cov-card" data-testid="coverage-gap-panel">
      <h3 className="cov-card__title">缺口分析：{countyName}</h3>
      <p className="cov-note">
        在 HJ/T 166-2004 区域布点网格的节点中，逐个选出新增覆盖未覆盖耕地最多的位置（贪心最大覆盖）。
      </p>
      <form
        className="cov-form"
        onSubmit={(e) => {
          e.preventDefault()
          void run()
        }}
      >
        <label className="form-field">
          <span className="form-field__label">新增点位数 k</span>
          <input
            type="number"
            min={1}
            max={20}
            step={1}
            value={k}
            onChange={(e) => setK(e.target.value)}
            data-testid="gap-k"
          />
        </label>
        <label className="form-field">
          <span className="form-field__label">网格间距</span>
          <select
            value={spacingKm}
            onChange={(e) => setSpacingKm(Number(e.target.value) as GapBody['spacingKm'])}
            data-testid="gap-spacing"
          >
            {SPACINGS_KM.map((s) => (
              <option key={s} value={s}>
                {s} km
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="primary-button" disabled={busy !== null} data-testid="gap-run">
          {busy === 'run' ? '分析中…' : '开始分析'}
        </button>
      </form>
      {error && (
        <p className="notice notice--error" role="alert" data-testid="gap-error">
          {error}
        </p>
      )}
      {result && (
        <div data-testid="gap-result">
          <p className="cov-note">
            未覆盖耕地 {formatAreaValue(result.uncoveredMu)} 亩（{result.uncoveredParcels} 个图斑）；网格节点{' '}
            {result.candidates} 个，坐标系 {result.crs}； 覆盖距离 {result.distanceM / 1000} km。采纳全部建议后仍未覆盖{' '}
            {formatAreaValue(result.remainingMu)} 亩。
          </p>
          {result.shortfall && (
            <p className="notice" data-testid="gap-shortfall">
              {result.shortfall}
            </p>
          )}
          {canAccept ? (
            <div className="cov-form">
              <label className="form-field">
                <span className="form-field__label">规划点位级别</span>
                <select value={level} onChange={(e) => setLevel(e.target.value)} data-testid="gap-level">
                  {POINT_LEVEL_OPTIONS.map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
                </select>
              </label>
              <label className="form-field">
                <span className="form-field__label">点位类型</span>
                <select value={type} onChange={(e) => setType(e.target.value)} data-testid="gap-type">
                  {POINT_TYPE_OPTIONS.map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
                </select>
              </label>
            </div>
          ) : (
            <p className="cov-note">采纳为规划点位仅限生态环境管理员。</p>
          )}
          <ol className="cov-proposals" data-testid="gap-proposals">
            {result.proposals.map((p) => (
              <li key={p.rank} className="cov-proposal" data-testid={`gap-proposal-${p.rank}`}>
                <span className="cov-proposal__rank">{p.rank}</span>
                <span className="cov-proposal__body">
                  <strong>新增覆盖 {formatAreaValue(p.gainMu)} 亩</strong>（{p.parcels} 个图斑）
                  <span className="cov-sub">
                    {p.township ?? '—'} · {p.lon.toFixed(5)}, {p.lat.toFixed(5)} · 累计{' '}
                    {formatAreaValue(p.cumulativeMu)} 亩（{formatShare(p.cumulativeShare)}）
                  </span>
                </span>
                {accepted[p.rank] ? (
                  <span className="cov-chip cov-chip--planned" data-testid={`gap-accepted-${p.rank}`}>
                    已采纳 {accepted[p.rank]}
                  </span>
                ) : (
                  canAccept && (
                    <button
                      type="button"
                      className="secondary-button"
                      disabled={busy !== null}
                      onClick={() => void accept(p)}
                      data-testid={`gap-accept-${p.rank}`}
                    >
                      {busy === `accept-${p.rank}` ? '保存中…' : '采纳为规划点位'}
                    </button>
                  )
                )}
              </li>
            ))}
          </ol>
        </div>
      )}
    </section>
  )
}
