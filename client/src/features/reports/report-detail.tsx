import { useEffect, useState, type FormEvent, type ReactNode } from 'react'
import type {
  NearbyEnterprisesResponse,
  ReportHistoryResponse,
  ReportItem,
  ReportQueueResponse,
} from '@contracts/reports'
import { INDUSTRY } from '../../../../server/src/domain/labels.ts'
import { ApiError, isAbortError } from '../../shared/api-client'
import { loadNearbyEnterprises, loadReportHistory, takeReportStep, type ReportStep } from './reports-api'

/** “2026-03-08 14:05” in China time. */
export function formatTime(iso: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return date.toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 16)
}

const INDUSTRIES = Object.entries(INDUSTRY) as [keyof typeof INDUSTRY, string][]

/** Props of {@link ReportDetail}. */
export interface ReportDetailProps {
  report: ReportItem
  departments: string[]
  officers: ReportQueueResponse['officers']
  canMakePlot: boolean
  canInspect: boolean
  onLocate?: (lngLat: [number, number]) => void
  onOpenPlot?: (id: number) => void
  /** The report as the server answered a step. */
  onChanged: (report: ReportItem) => void
  /** The report changed under the officer (409): reload the list. */
  onStale: () => void
}

/**
 * One report opened in the queue: what the reporter wrote (the contact for staff only), and the follow-up —
 * 指派, 内部备注, 公开答复 (the reporter reads it by the tracking code), 状态, 转为疑似污染地块, 转为现场检查 — with
 * the history of what was done. Every step goes at the version shown.
 */
export function ReportDetail(props: ReportDetailProps) {
  const { report, departments, officers, canMakePlot, canInspect, onLocate, onOpenPlot, onChanged, onStale } = props
  const [error, setError] = useState<{ message: string; isStale: boolean } | null>(null)
  const [isSending, setSending] = useState(false)
  const [department, setDepartment] = useState(report.department ?? departments[0] ?? '')
  const [assignee, setAssignee] = useState(report.assignee ?? '')
  const [note, setNote] = useState('')
  const [reply, setReply] = useState(report.publicReply ?? '')
  const [plotName, setPlotName] = useState(`${report.township ?? report.county}举报疑似污染地块`)
  const [industry, setIndustry] = useState<string>('')

  const step = async (event: FormEvent | null, s: ReportStep) => {
    event?.preventDefault()
    setSending(true)
    setError(null)
    try {
      onChanged(await takeReportStep(report.id, report.version, s))
    } catch (caught) {
      const isStale = caught instanceof ApiError && caught.status === 409 && /请刷新/.test(caught.message)
      setError({ message: caught instanceof Error ? caught.message : '操作失败，请稍后重试', isStale })
      setSending(false)
    }
  }

  return (
    <div className="rq-detail" data-testid="report-detail">
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
      {report.handledNote && (
        <p className="rq-card__handled">
          <strong>办结意见（内部）：</strong>
          {report.handledNote}
        </p>
      )}
      {error && (
        <p className="rq__error" role="alert" data-testid="report-error">
          {error.message}
          {error.isStale && (
            <button type="button" className="rq-link" onClick={onStale}>
              刷新
            </button>
          )}
        </p>
      )}

      <Section title="承办">
        <form
          className="rq-form rq-form--column"
          onSubmit={(e) => step(e, { kind: 'assign', department, assignee: assignee || null })}
        >
          <select value={department} onChange={(e) => setDepartment(e.target.value)} data-testid="report-department">
            {departments.map((d) => (
              <option key={d}>{d}</option>
            ))}
          </select>
          <select value={assignee} onChange={(e) => setAssignee(e.target.value)} data-testid="report-assignee">
            <option value="">（不指定承办人）</option>
            {officers.map((o) => (
              <option key={o.username} value={o.username}>
                {o.name}
                {o.department ? `（${o.department}）` : ''}
              </option>
            ))}
          </select>
          <button type="submit" className="rq-button" disabled={isSending || !department} data-testid="report-assign">
            指派
          </button>
        </form>
      </Section>

      <Section title="公开答复（举报人凭查询码可见）">
        <form className="rq-form rq-form--column" onSubmit={(e) => step(e, { kind: 'reply', reply: reply.trim() })}>
          <textarea
            rows={3}
            maxLength={1000}
            value={reply}
            placeholder="如：经现场核查，反映的废渣已清运，已责令相关单位整改。感谢您的监督！"
            data-testid="report-reply"
            onChange={(e) => setReply(e.target.value)}
          />
          <button
            type="submit"
            className="rq-button"
            disabled={isSending || reply.trim().length < 5 || reply.trim() === (report.publicReply ?? '')}
            data-testid="report-reply-submit"
          >
            保存答复
          </button>
        </form>
      </Section>

      <Section title="状态">
        <div className="rq-form">
          {report.status === 'new' && (
            <button
              type="button"
              className="rq-button"
              disabled={isSending}
              onClick={() => step(null, { kind: 'status', status: 'verifying' })}
            >
              开始核查
            </button>
          )}
          {report.status !== 'handled' && (
            <button
              type="button"
              className="rq-button rq-button--go"
              disabled={isSending || !report.publicReply}
              title={report.publicReply ? undefined : '办结前请先保存公开答复'}
              data-testid="report-close"
              onClick={() => step(null, { kind: 'status', status: 'handled' })}
            >
              办结
            </button>
          )}
          {report.status === 'handled' && (
            <button
              type="button"
              className="rq-button"
              disabled={isSending}
              onClick={() => step(null, { kind: 'status', status: 'verifying' })}
            >
              重新核查
            </button>
          )}
          {!report.publicReply && report.status !== 'handled' && (
            <span className="rq-hint">办结前须先保存公开答复</span>
          )}
        </div>
      </Section>

      {canMakePlot && (
        <Section title="转为疑似污染地块">
          {report.plotId !== null ? (
            <p className="rq-hint">
              已转为疑似污染地块 {report.plotCode}
              {onOpenPlot && (
                <button
                  type="button"
                  className="rq-link"
                  data-testid="report-open-plot"
                  onClick={() => onOpenPlot(report.plotId!)}
                >
                  打开地块档案
                </button>
              )}
            </p>
          ) : (
            <form
              className="rq-form rq-form--column"
              onSubmit={(e) => step(e, { kind: 'to-plot', name: plotName.trim(), formerIndustry: industry })}
            >
              <input
                className="text-input"
                value={plotName}
                maxLength={100}
                aria-label="地块名称"
                data-testid="report-plot-name"
                onChange={(e) => setPlotName(e.target.value)}
              />
              <select
                value={industry}
                aria-label="原行业"
                data-testid="report-plot-industry"
                onChange={(e) => setIndustry(e.target.value)}
              >
                <option value="">请选择原行业</option>
                {INDUSTRIES.map(([code, name]) => (
                  <option key={code} value={code}>
                    {name}
                  </option>
                ))}
              </select>
              <span className="rq-hint">
                以举报位置为中心生成地块草稿，举报内容记入地块大事记；边界请在地块档案中完善。
              </span>
              <button
                type="submit"
                className="rq-button"
                disabled={isSending || !industry || plotName.trim().length < 2}
                data-testid="report-to-plot"
              >
                转为疑似污染地块
              </button>
            </form>
          )}
        </Section>
      )}

      {canInspect && (
        <Section title="转为重点监管单位现场检查">
          <NearbyEnterprises
            report={report}
            disabled={isSending}
            onPick={(enterpriseId) => step(null, { kind: 'to-inspection', enterpriseId })}
          />
        </Section>
      )}

      <Section title="内部备注（不公开）">
        <form className="rq-form rq-form--column" onSubmit={(e) => step(e, { kind: 'notes', note: note.trim() })}>
          <textarea
            rows={2}
            maxLength={1000}
            value={note}
            placeholder="仅工作人员可见，如：已电话联系举报人核实位置"
            data-testid="report-note"
            onChange={(e) => setNote(e.target.value)}
          />
          <button
            type="submit"
            className="rq-button"
            disabled={isSending || !note.trim()}
            data-testid="report-note-add"
          >
            添加备注
          </button>
        </form>
      </Section>

      <ReportHistory id={report.id} version={report.version} />
    </div>
  )
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="rq-section">
      <legend>{title}</legend>
      {children}
    </fieldset>
  )
}

function NearbyEnterprises({
  report,
  disabled,
  onPick,
}: {
  report: ReportItem
  disabled: boolean
  onPick: (enterpriseId: number) => void
}) {
  const [nearby, setNearby] = useState<NearbyEnterprisesResponse | null>(null)
  const [picked, setPicked] = useState('')
  useEffect(() => {
    const controller = new AbortController()
    loadNearbyEnterprises(report.id, controller.signal)
      .then(setNearby)
      .catch((error: unknown) => {
        if (!isAbortError(error)) setNearby({ withinM: 0, enterprises: [] })
      })
    return () => controller.abort()
  }, [report.id])
  if (!nearby) return <p className="rq-hint">正在查找附近的重点监管单位…</p>
  return (
    <>
      {report.inspections.map((i) => (
        <p key={i.id} className="rq-hint">
          已安排现场检查：{i.enterpriseName}（{formatTime(i.createdAt)}）
        </p>
      ))}
      {nearby.enterprises.length === 0 ? (
        <p className="rq-hint">举报位置 {nearby.withinM} 米范围内没有重点监管单位。</p>
      ) : (
        <div className="rq-form rq-form--column">
          <select value={picked} onChange={(e) => setPicked(e.target.value)} data-testid="report-enterprise">
            <option value="">{`${nearby.withinM} 米内的单位（${nearby.enterprises.length} 家）`}</option>
            {nearby.enterprises.map((e) => (
              <option key={e.id} value={e.id}>
                {e.name}（{e.industryName}，{e.statusName}，约 {e.distanceM} 米）
              </option>
            ))}
          </select>
          <button
            type="button"
            className="rq-button"
            disabled={disabled || !picked}
            data-testid="report-to-inspection"
            onClick={() => onPick(Number(picked))}
          >
            安排现场检查
          </button>
        </div>
      )}
    </>
  )
}

function ReportHistory({ id, version }: { id: number; version: number }) {
  const [history, setHistory] = useState<ReportHistoryResponse | null>(null)
  useEffect(() => {
    const controller = new AbortController()
    loadReportHistory(id, controller.signal)
      .then(setHistory)
      .catch(() => undefined)
    return () => controller.abort()
  }, [id, version])
  if (!history?.events.length) return null
  return (
    <Section title="处理记录">
      <ol className="rq-history" data-testid="report-history">
        {history.events.map((e) => (
          <li key={e.id}>
            <time dateTime={e.at}>{formatTime(e.at)}</time> {e.actorName} {e.actionName}
            {e.body && <span className="rq-history__body">：{e.body}</span>}
          </li>
        ))}
      </ol>
    </Section>
  )
}
