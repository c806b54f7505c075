import { formatDateTime } from '../../shared/format'
import { CheckedAtFact, Fact, PlaceFacts, VerdictHead } from '../../shared/check/verdict-head'
import { ReasonsTable } from '../../shared/check/reasons-table'
import type { PrecheckReason, PrecheckRecord, RerunResponse } from '@contracts/precheck'
import { reasonKey } from './precheck-labels'

/** Props of {@link VerdictPanel}. */
export interface VerdictPanelProps {
  record: PrecheckRecord
  /** The comparison of the last re-run that produced this record, if any. */
  rerun: RerunResponse | null
  canRerun: boolean
  isBusy: boolean
  error: string | null
  onRerun: () => void
  onLocate: (reason: PrecheckReason) => void
  onClose: () => void
}

/** The verdict of a check: big and coloured, with its number, the plot's facts, the reasons, and what a re-run changed. */
export function VerdictPanel({
  record,
  rerun,
  canRerun,
  isBusy,
  error,
  onRerun,
  onLocate,
  onClose,
}: VerdictPanelProps) {
  const marks: Record<string, 'added' | 'changed'> = {}
  if (rerun) {
    rerun.comparison.added.forEach((r) => (marks[reasonKey(r)] = 'added'))
    rerun.comparison.changed.forEach((c) => (marks[reasonKey(c.after)] = 'changed'))
  }
  const counts = record.reasons.reduce<Record<string, number>>(
    (n, r) => ({ ...n, [r.severity]: (n[r.severity] ?? 0) + 1 }),
    {},
  )
  return (
    <section className="verdict-panel" aria-label="核查结论" data-testid="precheck-result">
      <VerdictHead record={record} label="核查结论" testIdPrefix="precheck" onClose={onClose} />
      <dl className="verdict-facts">
        <Fact term="地块">
          {record.name ?? '（未命名地块）'}
          {record.reference ? `（${record.reference}）` : ''}
        </Fact>
        <PlaceFacts record={record} />
        <Fact term="规划用途">
          {record.plannedUse} {record.plannedUseName}（{record.landClassName}）
        </Fact>
        <CheckedAtFact record={record} />
        <Fact term="理由">
          {counts.refuse ? <span className="severity severity--refuse">禁止 {counts.refuse}</span> : null}
          {counts.investigate ? (
            <span className="severity severity--investigate">须调查评估 {counts.investigate}</span>
          ) : null}
          {counts.note ? <span className="severity severity--note">提示 {counts.note}</span> : null}
          {counts.clear ? <span className="severity severity--clear">未发现问题 {counts.clear}</span> : null}
        </Fact>
      </dl>
      {rerun && (
        <div
          className={`rerun-diff${rerun.comparison.isDifferent ? ' rerun-diff--changed' : ''}`}
          data-testid="precheck-rerun-diff"
        >
          <div className="rerun-diff__title">
            重新核查：与 {rerun.previous.number}（{formatDateTime(rerun.previous.checkedAt)}，
            {rerun.previous.verdictName}）比较
          </div>
          <div className="rerun-diff__summary">{rerun.comparison.summary}</div>
          {rerun.comparison.dataChanges.length > 0 && (
            <div className="rerun-diff__data">数据变化：{rerun.comparison.dataChanges.join('；')}</div>
          )}
          {rerun.comparison.removed.length > 0 && (
            <ul className="rerun-diff__removed">
              {rerun.comparison.removed.map((r) => (
                <li key={reasonKey(r)}>不再适用：{r.message}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      <div className="verdict-actions">
        <a
          className="primary-button"
          href={`/precheck/${record.id}/report`}
          target="_blank"
          rel="noreferrer"
          data-testid="precheck-open-report"
        >
          打印核查意见书
        </a>
        {canRerun && (
          <button
            type="button"
            className="secondary-button"
            disabled={isBusy}
            onClick={onRerun}
            data-testid="precheck-rerun"
          >
            {isBusy ? '正在核查…' : '重新核查'}
          </button>
        )}
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <ReasonsTable
        reasons={record.reasons}
        rowKey={reasonKey}
        onLocate={onLocate}
        marks={marks}
        testIdPrefix="precheck"
      />
    </section>
  )
}
