import { useState } from 'react'
import type { LedgerImportReport } from '@contracts/safe-use-ledger'
import { Dialog } from '../../shared/ui/dialog'
import { errorMessage } from '../../shared/error-message'
import { SheetImportProblems, refusedReportOf } from '../../shared/ui/sheet-import-report'
import { importLedger, ledgerFileUrl } from './safe-use-ledger-api'

/** Props of {@link LedgerImportDialog}. */
export interface LedgerImportDialogProps {
  adcode: string
  county: string
  year: number
  onClose: () => void
  onImported: () => void
}

/** 导入台账: a filled template checked first (试导入), then imported all-or-nothing or valid rows only, with the row report. */
export function LedgerImportDialog({ adcode, county, year, onClose, onImported }: LedgerImportDialogProps) {
  const [file, setFile] = useState<File | null>(null)
  const [mode, setMode] = useState<'all' | 'valid-only'>('all')
  const [report, setReport] = useState<LedgerImportReport | null>(null)
  const [message, setMessage] = useState<{ text: string; isError: boolean } | null>(null)
  const [isBusy, setBusy] = useState(false)

  const run = async (isDryRun: boolean) => {
    if (!file) return
    setBusy(true)
    setMessage(null)
    try {
      const answer = await importLedger(adcode, year, file, mode, isDryRun)
      setReport(answer)
      setMessage({
        text: isDryRun
          ? `试导入：共 ${answer.rows} 行，${answer.failed} 行有错，可导入 ${answer.imported} 行（尚未写入）`
          : `已导入 ${answer.imported} 行${answer.failed ? `，${answer.failed} 行有错未导入` : ''}`,
        isError: false,
      })
      if (!isDryRun) onImported()
    } catch (e) {
      setReport(refusedReportOf<LedgerImportReport>(e))
      setMessage({ text: errorMessage(e, '导入失败'), isError: true })
    } finally {
      setBusy(false)
    }
  }

  return (
    <Dialog title={`导入 ${county} ${year} 年台账`} onClose={onClose} testId="ledger-import-dialog" isWide>
      <div className="dialog__body ledger-form">
        <p className="panel-note">
          请先
          <a href={ledgerFileUrl('template', adcode, year)} download data-testid="ledger-import-template">
            下载台账模板
          </a>
          ，每个图斑一行填写后上传（.xlsx）。
        </p>
        <input
          type="file"
          accept=".xlsx"
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null)
            setReport(null)
            setMessage(null)
          }}
          data-testid="ledger-import-file"
        />
        <div className="ledger-form__row" role="radiogroup" aria-label="导入方式">
          <label>
            <input type="radio" checked={mode === 'all'} onChange={() => setMode('all')} /> 全部有效才导入
          </label>
          <label>
            <input type="radio" checked={mode === 'valid-only'} onChange={() => setMode('valid-only')} /> 仅导入有效行
          </label>
        </div>
        {message && (
          <p
            className={`notice ${message.isError ? 'notice--error' : ''}`}
            role={message.isError ? 'alert' : 'status'}
            data-testid="ledger-import-message"
          >
            {message.text}
          </p>
        )}
        {report && report.errors.length > 0 && (
          <SheetImportProblems
            problems={report.errors}
            className="ind-table"
            problemHeading="原因"
            testId="ledger-import-report"
          />
        )}
        <div className="ledger-form__actions">
          <button type="button" className="secondary-button" onClick={onClose}>
            关闭
          </button>
          <button
            type="button"
            className="secondary-button"
            disabled={!file || isBusy}
            onClick={() => void run(true)}
            data-testid="ledger-import-dry-run"
          >
            试导入
          </button>
          <button
            type="button"
            className="primary-button"
            disabled={!file || isBusy}
            onClick={() => void run(false)}
            data-testid="ledger-import-run"
          >
            导入
          </button>
        </div>
      </div>
    </Dialog>
  )
}
