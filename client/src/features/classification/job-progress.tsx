import { formatCount, formatDateTime } from '../../shared/format'
import type { ClassificationJob } from '@contracts/classification'
import { isJobActive } from './use-classification-job'

/** Props of {@link JobProgress}. */
export interface JobProgressProps {
  job: ClassificationJob
  canCancel: boolean
  isCancelling: boolean
  onCancel: () => void
}

/** The running (or last) classification job: a progress bar, parcels done of all, and 取消 while it runs. */
export function JobProgress({ job, canCancel, isCancelling, onCancel }: JobProgressProps) {
  const isActive = isJobActive(job)
  const percent = Math.round(Math.max(0, Math.min(1, job.progress)) * 100)
  return (
    <div className={`job-progress job-progress--${job.status}`} data-testid="class-job" data-status={job.status}>
      <div className="job-progress__head">
        <span className="job-progress__status" data-testid="class-job-status">
          {job.statusName}
        </span>
        <span className="job-progress__percent" data-testid="class-job-percent">
          {percent}%
        </span>
      </div>
      <div
        className="job-progress__bar"
        role="progressbar"
        aria-label={`${job.county}分类划定进度`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
      >
        <span className="job-progress__fill" style={{ width: `${percent}%` }} />
      </div>
      <div className="job-progress__meta">
        {job.total > 0 ? `已处理 ${formatCount(job.done)} / ${formatCount(job.total)} 个图斑` : '正在统计图斑…'}
        <span> · 开始于 {formatDateTime(job.createdAt)}</span>
      </div>
      {job.status === 'failed' && job.error && <p className="job-progress__error">{job.error}</p>}
      {isActive && canCancel && (
        <button
          type="button"
          className="danger-outline-button job-progress__cancel"
          onClick={onCancel}
          disabled={isCancelling || job.isCancelRequested}
          data-testid="class-job-cancel"
        >
          {isCancelling || job.isCancelRequested ? '正在取消…' : '取消划定'}
        </button>
      )}
    </div>
  )
}
