import { landUseName } from '../../../../server/src/domain/negative-list.ts'
import { PLOT_TRANSITIONS } from '../../../../server/src/domain/plot-lifecycle.ts'
import { formatDateTime } from '../../shared/format'
import { riskLevelName, statusName } from './registry-labels'
import type { PlotDocument, PlotEvent, PlotHistoryEntry } from '@contracts/registry'

/** The name of the document a step asked for (初步调查报告, 省级评审意见 …), from the lifecycle. */
function documentLabel(action: string, field: 'document' | 'reviewDocument'): string {
  const step = (PLOT_TRANSITIONS as Record<string, { requires: readonly { field: string; label: string }[] }>)[action]
  return step?.requires.find((r) => r.field === field)?.label ?? (field === 'document' ? '报告' : '评审意见')
}

function formatFileSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${bytes} 字节`
}

/** One document handed in with a step. */
function EventDocument({ kind, document }: { kind: string; document: PlotDocument }) {
  return (
    <div className="timeline__doc" data-testid="timeline-document">
      <p className="timeline__doc-title">
        <span className="timeline__doc-kind">{kind}</span>
        {document.title}
      </p>
      <p className="timeline__doc-meta">
        {document.date} · 附件{' '}
        {document.documentId ? (
          <a
            className="timeline__file"
            href={`/api/documents/${document.documentId}/file`}
            download={document.attachmentName}
          >
            {document.attachmentName}
          </a>
        ) : (
          <span className="timeline__file">{document.attachmentName}</span>
        )}
        {document.sizeBytes ? `（${formatFileSize(document.sizeBytes)}）` : ''}
      </p>
      <p className="timeline__doc-body">{document.body}</p>
    </div>
  )
}

/** 大事记: every step of the plot, newest first, with the document handed in and the reason. */
export function PlotTimeline({ events }: { events: PlotEvent[] }) {
  if (events.length === 0)
    return (
      <p className="panel-note" data-testid="plot-timeline">
        尚无记录。
      </p>
    )
  const ordered = [...events].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : b.id - a.id))
  return (
    <ol className="timeline" data-testid="plot-timeline">
      {ordered.map((event) => (
        <li key={event.id} className="timeline__item" data-testid="timeline-item" data-action={event.action}>
          <span className="timeline__dot" aria-hidden="true" />
          <div className="timeline__head">
            <strong className="timeline__label">{event.label}</strong>
            <time className="timeline__time" dateTime={event.at}>
              {formatDateTime(event.at)}
            </time>
          </div>
          {(event.from || event.to) && (
            <p className="timeline__states">
              {event.from ? (event.fromName ?? statusName(event.from)) : '—'} →{' '}
              {event.to ? (event.toName ?? statusName(event.to)) : '—'}
              {event.riskLevel && (
                <span className={`plot-risk plot-risk--${event.riskLevel}`}>{riskLevelName(event.riskLevel)}</span>
              )}
            </p>
          )}
          <p className="timeline__actor">经办：{event.actorName || event.actor}</p>
          {event.document && <EventDocument kind={documentLabel(event.action, 'document')} document={event.document} />}
          {event.reviewDocument && (
            <EventDocument kind={documentLabel(event.action, 'reviewDocument')} document={event.reviewDocument} />
          )}
          {event.reason && <p className="timeline__reason">理由：{event.reason}</p>}
        </li>
      ))}
    </ol>
  )
}

type Change = { name?: string; substance?: string; valueMgKg?: number; useCode?: string }

/** What one history row changed, in words (the state moved, the pollutant or use added or removed), then why. */
function describeHistory(entry: PlotHistoryEntry): string {
  const before = (entry.before ?? {}) as { status?: string; removed?: Change }
  const after = (entry.after ?? {}) as { status?: string; added?: Change; reviewStatus?: string }
  const parts: string[] = []
  if (entry.action === 'transition' && after.status)
    parts.push(`${statusName(before.status)} → ${statusName(after.status)}`)
  if (entry.action === 'create') parts.push('列入疑似污染地块名单')
  const item = (c: Change) =>
    c.useCode ? `${c.useCode} ${landUseName(c.useCode)}` : `${c.name ?? c.substance ?? ''} ${c.valueMgKg ?? ''} mg/kg`
  if (after.added) parts.push(`${entry.action === 'negative_use' ? '增列禁止用途' : '录入'} ${item(after.added)}`)
  if (before.removed) parts.push(`${entry.action === 'negative_use' ? '移出禁止用途' : '删除'} ${item(before.removed)}`)
  if (entry.reason) parts.push(`理由：${entry.reason}`)
  return parts.join('；') || '—'
}

/** 修改记录: the change_history rows of the plot (who, when, what, why). */
export function PlotHistoryList({ entries }: { entries: PlotHistoryEntry[] }) {
  if (entries.length === 0) return <p className="panel-note">尚无修改记录。</p>
  const ordered = [...entries].sort((a, b) =>
    a.changedAt < b.changedAt ? 1 : a.changedAt > b.changedAt ? -1 : b.id - a.id,
  )
  return (
    <table className="plot-table history-table" data-testid="plot-history">
      <thead>
        <tr>
          <th scope="col">时间</th>
          <th scope="col">操作</th>
          <th scope="col">经办</th>
          <th scope="col">内容</th>
        </tr>
      </thead>
      <tbody>
        {ordered.map((entry) => (
          <tr key={entry.id} data-testid="history-row" data-action={entry.action}>
            <td className="nowrap">{formatDateTime(entry.changedAt)}</td>
            <td>{entry.actionName ?? entry.action}</td>
            <td>{entry.actorName ?? entry.actor}</td>
            <td>{describeHistory(entry)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
