import { useCallback, useEffect, useState, type FormEvent } from 'react'
import type { ReportItem, ReportStatus } from '@contracts/reports'
import { isAbortError } from '../../shared/api-client'
import { handleReport, loadReports } from './reports-api'
import './reports.css'

const FILTERS: { status: ReportStatus; label: string }[] = [
  { status: 'new', label: '待处理' },
  { status: 'handled', label: '已处理' },
]
const MAX_NOTE = 500

/** “2026-03-08 14:05” in China time. */
function formatTime(iso: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return date.toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 16)
}

/** Props of {@link ReportQueue}. */
export interface ReportQueueProps {
  /** Moves the map to a report's location; without it no 定位 button is shown. */
  onLocate?: (lngLat: [number, number]) => void
}

type Load = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; reports: ReportItem[] }

/** 举报处理: the staff moderation list of public reports in the user's counties, with 标记为已处理. */
export function ReportQueue({ onLocate }: ReportQueueProps) {
  const [filter, setFilter] = useState<ReportStatus>('new')
  const [load, setLoad] = useState<Load>({ status: 'loading' })
  const [reloadKey, setReloadKey] = useState(0)
  const reload = useCallback(() => setReloadKey((k) => k + 1), [])

  useEffect(() => {
    const controller = new AbortController()
    setLoad({ status: 'loading' })
    loadReports(filter, controller.signal)
      .then(({ reports }) => setLoad({ status: 'ready', reports }))
      .catch((error: unknown) => {
        if (!isAbortError(error))
          setLoad({ status: 'error', message: error instanceof Error ? error.message : '举报列表加载失败' })
      })
    return () => controller.abort()
  }, [filter, reloadKey])

  return (
    <section className="rq" data-testid="report-queue" aria-label="举报处理">
      <div className="rq__bar">
        <div className="rq__filters" role="group" aria-label="按状态筛选">
          {FILTERS.map((f) => (
            <button
              key={f.status}
              type="button"
              className={`rq__filter${filter === f.status ? ' rq__filter--on' : ''}`}
              aria-pressed={filter === f.status}
              data-testid={`report-filter-${f.status}`}
              onClick={() => setFilter(f.status)}
            >
              {f.label}
            </button>
          ))}
        </div>
        <button type="button" className="rq__refresh" onClick={reload} title="刷新列表">
          刷新
        </button>
      </div>
      {load.status === 'loading' && <p className="rq__empty">正在加载…</p>}
      {load.status === 'error' && (
        <p className="rq__error" role="alert">
          {load.message}
        </p>
      )}
      {load.status === 'ready' && !load.reports.length && (
        <p className="rq__empty">{filter === 'new' ? '没有待处理的举报。' : '还没有已处理的举报。'}</p>
      )}
      {load.status === 'ready' && (
        <ul className="rq__list">
          {load.reports.map((r) => (
            <ReportCard key={r.id} report={r} onLocate={onLocate} onHandled={reload} />
          ))}
        </ul>
      )}
    </section>
  )
}

function ReportCard({
  report,
  onLocate,
  onHandled,
}: {
  report: ReportItem
  onLocate?: (lngLat: [number, number]) => void
  onHandled: () => void
}) {
  const [isHandling, setHandling] = useState(false)
  const [note, setNote] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [isSending, setSending] = useState(false)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (!note.trim()) return setError('请填写处理意见，例如核查结果或转办情况')
    setSending(true)
    setError(null)
    try {
      await handleReport(report.id, note.trim())
      onHandled()
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : '操作失败，请稍后重试')
      setSending(false)
    }
  }

  return (
    <li className="rq-card" data-testid="report-item">
      <div className="rq-card__head">
        <span className={`rq-card__status rq-card__status--${report.status}`}>{report.statusName}</span>
        <span className="rq-card__no">No.{report.id}</span>
        <time className="rq-card__time" dateTime={report.createdAt}>
          {formatTime(report.createdAt)}
        </time>
      </div>
      <p className="rq-card__place">
        {report.county}
        {report.township ? ` ${report.township}` : ''}
      </p>
      <p className="rq-card__text">{report.description}</p>
      <div className="rq-card__row">
        <span className="rq-card__coords">
          {report.lon.toFixed(5)}, {report.lat.toFixed(5)}
        </span>
        {onLocate && (
          <button type="button" className="rq-link" onClick={() => onLocate([report.lon, report.lat])}>
            定位
          </button>
        )}
      </div>
      {report.photoUrl && (
        <a className="rq-card__photo" href={report.photoUrl} target="_blank" rel="noreferrer" title="在新窗口查看原图">
          <img src={report.photoUrl} alt={`举报 ${report.id} 的现场照片`} loading="lazy" />
        </a>
      )}
      <p className="rq-card__contact">
        联系方式：{report.contact ?? '未留'}
        {report.contact && <span className="rq-card__internal">（仅内部可见）</span>}
      </p>
      {report.status === 'handled' && (
        <div className="rq-card__handled">
          <strong>处理意见：</strong>
          {report.handledNote}
          <span className="rq-card__by">
            {report.handledByName ?? report.handledBy}
            {report.handledAt ? ` · ${formatTime(report.handledAt)}` : ''}
          </span>
        </div>
      )}
      {report.status === 'new' && !isHandling && (
        <button type="button" className="rq-card__handle" data-testid="report-handle" onClick={() => setHandling(true)}>
          标记为已处理
        </button>
      )}
      {report.status === 'new' && isHandling && (
        <form className="rq-card__form" onSubmit={submit} noValidate>
          <label className="rq-card__label">
            处理意见（必填）
            <textarea
              rows={3}
              maxLength={MAX_NOTE}
              value={note}
              placeholder="如：已转执法大队现场核查，情况属实，已责令整改"
              data-testid="report-note"
              onChange={(event) => setNote(event.target.value)}
            />
          </label>
          {error && (
            <p className="rq__error" role="alert">
              {error}
            </p>
          )}
          <div className="rq-card__actions">
            <button type="button" className="rq-link" onClick={() => setHandling(false)} disabled={isSending}>
              取消
            </button>
            <button type="submit" className="rq-card__confirm" disabled={isSending} data-testid="report-note-submit">
              {isSending ? '正在保存…' : '确认已处理'}
            </button>
          </div>
        </form>
      )}
    </li>
  )
}
