import { useEffect, useId, useRef, type ReactNode } from 'react'

/** Props of {@link Dialog}. */
export interface DialogProps {
  title: string
  onClose: () => void
  children: ReactNode
  testId?: string
  /** Wider body for forms with two columns or long lists. */
  isWide?: boolean
}

/** A modal dialog (the native `<dialog>`: focus stays inside, Esc closes it). */
export function Dialog({ title, onClose, children, testId, isWide = false }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null)
  const titleId = useId()
  useEffect(() => {
    const dialog = ref.current
    if (dialog && !dialog.open) dialog.showModal()
    return () => dialog?.close()
  }, [])

  return (
    <dialog
      ref={ref}
      className={`dialog${isWide ? ' dialog--wide' : ''}`}
      aria-labelledby={titleId}
      data-testid={testId}
      onCancel={(event) => {
        event.preventDefault()
        onClose()
      }}
    >
      <header className="dialog__header">
        <h2 id={titleId} className="dialog__title">
          {title}
        </h2>
        <button type="button" className="icon-button" aria-label="关闭" title="关闭" onClick={onClose}>
          ×
        </button>
      </header>
      {children}
    </dialog>
  )
}
