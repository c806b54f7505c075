import { useCallback, useEffect, useId, useState, type FormEvent } from 'react'
import type { ReportStatus, ReportTracking } from '@contracts/reports'
import { isAbortError } from '../../shared/api-client'
import { trackReport } from './public-api'

/** The steps a report goes through, as the reporter sees them. */
const STEPS: { status: ReportStatus; label: string }[] = [
  { status: 'new', label: '已受理' },
  { status: 'verifying', label: '核查中' },
  { status: 'handled', label: '已办结' },
]

/** “2026-03-08 14:05” in China time. */
function formatMinute(iso: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return date.toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 16)
}

/** Props of {@link ReportTrackingPanel}. */
export interface ReportTrackingPanelProps {
  /** A code to look up at once (from the link shown after reporting). */
  initialCode?: string
  onClose: () => void
}

type Lookup =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'found'; report: ReportTracking }

/**
 * 查询举报进度: the reporter types the tracking code shown when the report was sent and sees its state (已受理,
 * 核查中, 已办结), the dates and the public reply — nothing else of the report.
 */
export function ReportTrackingPanel({ initialCode = '', onClose }: ReportTrackingPanelProps) {
  const ids = useId()
  const [code, setCode] = useState(initialCode)
  const [lookup, setLookup] = useState<Lookup>({ status: 'idle' })

  const find = useCallback((typed: string, signal?: AbortSignal) => {
    if (!typed.trim()) return setLookup({ status: 'error', message: '请输入提交举报时显示的查询码' })
    setLookup({ status: 'loading' })
    trackReport(typed, signal)
      .then((report) => setLookup({ status: 'found', report }))
      .catch((error: unknown) => {
        if (!isAbortError(error))
          setLookup({ status: 'error', message: error instanceof Error ? error.message : '查询失败，请稍后重试' })
      })
  }, [])

  useEffect(() => {
    if (!initialCode) return
    const controller = new AbortController()
    find(initialCode, controller.signal)
    return () => controller.abort()
  }, [initialCode, find])

  const submit = (event: FormEvent) => {
    event.preventDefault()
    find(code)
  }

  return (
    <aside className="pub-report" data-testid="report-tracking" aria-labelledby={`${ids}-title`}>
      <header className="pub-details__header">
        <div>
          <span className="pub-details__kind">公众举报</span>
          <h2 id={`${ids}-title`} className="pub-details__title">
            查询举报进度
          </h2>
        </div>
        <button type="button" className="pub-icon-button" aria-label="关闭查询" title="关闭" onClick={onClose}>
          ×
        </button>
      </header>
      <div className="pub-report__body">
        <form className="pub-track__form" onSubmit={submit} noValidate>
          <label className="pub-field">
            <span className="pub-field__label">查询码</span>
            <input
              type="text"
              className="text-input pub-track__code"
              value={code}
              maxLength={40}
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              placeholder="如 7K3M-9QXD-2HPA"
              data-testid="tracking-code"
              onChange={(event) => setCode(event.target.value)}
            />
            <span className="pub-hint">提交举报成功时页面显示的 12 位字母和数字，不区分大小写。</span>
          </label>
          <button
            type="submit"
            className="primary-button"
            disabled={lookup.status === 'loading'}
            data-testid="tracking-submit"
          >
            {lookup.status === 'loading' ? '正在查询…' : '查询'}
          </button>
        </form>
        {lookup.status === 'error' && (
          <p className="form-error pub-error" role="alert" data-testid="tracking-error">
            {lookup.message}
          </p>
        )}
        {lookup.status === 'found' && <TrackingResult report={lookup.report} />}
      </div>
    </aside>
  )
}

function TrackingResult({ report }: { report: ReportTracking }) {
  const reached = STEPS.findIndex((s) => s.status === report.status)
  return (
    <div className="pub-track" data-testid="tracking-result">
      <ol className="pub-track__steps" aria-label="办理进度">
        {STEPS.map((s, i) => (
          <li
            key={s.status}
            className={`pub-track__step${i <= reached ? ' pub-track__step--done' : ''}${i === reached ? ' pub-track__step--now' : ''}`}
            aria-current={i === reached ? 'step' : undefined}
          >
            {s.label}
          </li>
        ))}
      </ol>
      <p className="pub-track__status" data-testid="tracking-status">
        当前状态：<strong>{report.statusName}</strong>
      </p>
      <dl className="pub-track__dates">
        <dt>查询码</dt>
        <dd>{report.trackingCode}</dd>
        <dt>受理时间</dt>
        <dd>{formatMinute(report.receivedAt)}</dd>
        <dt>状态更新</dt>
        <dd>{formatMinute(report.statusChangedAt)}</dd>
        {report.handledAt && (
          <>
            <dt>办结时间</dt>
            <dd>{formatMinute(report.handledAt)}</dd>
          </>
        )}
      </dl>
      <div className="pub-track__reply" data-testid="tracking-reply">
        <strong>答复</strong>
        {report.publicReply ? (
          <>
            <p>{report.publicReply}</p>
            {report.repliedAt && <span className="pub-hint">答复时间：{formatMinute(report.repliedAt)}</span>}
          </>
        ) : (
          <p className="pub-hint">工作人员正在处理，答复后将在此显示。</p>
        )}
      </div>
    </div>
  )
}
