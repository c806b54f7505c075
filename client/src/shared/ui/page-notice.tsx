/** A page's message after an action: 成功 (status) or 失败 (alert), closed by its ×. */
export interface PageNotice {
  kind: 'ok' | 'error'
  message: string
}

export function PageNoticeBar({
  notice,
  onClose,
  testId,
}: {
  notice: PageNotice
  onClose: () => void
  testId: string
}) {
  return (
    <p
      className={notice.kind === 'ok' ? 'notice notice--ok' : 'notice notice--error'}
      role={notice.kind === 'ok' ? 'status' : 'alert'}
      data-testid={testId}
    >
      {notice.message}
      <button type="button" className="notice__close" aria-label="关闭提示" onClick={onClose}>
        ×
      </button>
    </p>
  )
}
