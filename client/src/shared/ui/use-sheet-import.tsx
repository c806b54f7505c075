import { useState } from 'react'
import { errorMessage } from '../error-message'
import { refusedReportOf } from './sheet-import-report'

/** All-or-nothing, or the valid rows only. */
export type ImportMode = 'all' | 'valid-only'

/** What a check or an import said, green or red. */
export interface ImportMessage {
  kind: 'ok' | 'error'
  text: string
}

/** The state of a spreadsheet import form: mode, the last row report and message, and the busy flag. */
export function useSheetImport<
  R extends { errors: readonly { row: number | null; column: string; message: string }[] },
>() {
  const [mode, setMode] = useState<ImportMode>('all')
  const [report, setReport] = useState<R | null>(null)
  const [message, setMessage] = useState<ImportMessage | null>(null)
  const [isBusy, setBusy] = useState(false)

  /** Sends the sheet (`send`), keeps its row report and says what `said` makes of it; a refusal keeps its report. */
  const run = async (send: (mode: ImportMode) => Promise<R>, said: (answer: R) => ImportMessage) => {
    setBusy(true)
    setMessage(null)
    try {
      const answer = await send(mode)
      setReport(answer)
      setMessage(said(answer))
    } catch (error) {
      setReport(refusedReportOf<R>(error))
      setMessage({ kind: 'error', text: errorMessage(error, '导入失败') })
    } finally {
      setBusy(false)
    }
  }
  /** Forgets the report and message (another file was chosen). */
  const reset = () => {
    setReport(null)
    setMessage(null)
  }
  return { mode, setMode, report, message, isBusy, run, reset }
}

/** Props of {@link ImportModes}. */
export interface ImportModesProps {
  mode: ImportMode
  onMode: (mode: ImportMode) => void
  className: string
  legend: string
  legendClassName?: string
  /** What an all-or-nothing import refuses on (任何一行有错…). */
  allText: string
}

/** 导入方式: 全部有效才导入 or 仅导入有效行. */
export function ImportModes({ mode, onMode, className, legend, legendClassName, allText }: ImportModesProps) {
  return (
    <fieldset className={className}>
      <legend className={legendClassName}>{legend}</legend>
      <label>
        <input
          type="radio"
          name="import-mode"
          checked={mode === 'all'}
          onChange={() => onMode('all')}
          data-testid="mode-all"
        />{' '}
        {allText}
      </label>
      <label>
        <input
          type="radio"
          name="import-mode"
          checked={mode === 'valid-only'}
          onChange={() => onMode('valid-only')}
          data-testid="mode-valid-only"
        />{' '}
        仅导入有效行（有错的行列在报告中）
      </label>
    </fieldset>
  )
}

/** The message of the last check or import, read out (an error as an alert). */
export function ImportNotice({ message }: { message: ImportMessage | null }) {
  if (!message) return null
  return (
    <p
      className={`notice notice--${message.kind}`}
      role={message.kind === 'error' ? 'alert' : 'status'}
      data-testid="import-message"
    >
      {message.text}
    </p>
  )
}
