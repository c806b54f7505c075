import { useState } from 'react'
import type { ImportReport } from '@contracts/monitoring'
import { Dialog } from '../../shared/ui/dialog'
import { SheetImportButtons, SheetImportProblems } from '../../shared/ui/sheet-import-report'
import { ImportModes, ImportNotice, useSheetImport } from '../../shared/ui/use-sheet-import'
import { importResults } from './monitoring-api'

/** Props of {@link ImportDialog}. */
export interface ImportDialogProps {
  onClose: () => void
  /** Results were written (the list and an open point reload). */
  onImported: (text: string) => void
}

/**
 * 导入监测结果: template download (XLSX with 说明, or CSV), the file, the choice 全部有效才导入 / 仅导入有效行, a
 * check without importing (the row report), then the import; a refused import shows its row report.
 */
export function ImportDialog({ onClose, onImported }: ImportDialogProps) {
  const [file, setFile] = useState<File | null>(null)
  const { mode, setMode, report, message, isBusy, run: send, reset } = useSheetImport<ImportReport>()

  const run = (isDryRun: boolean) => {
    if (!file) return
    return send(
      (m) => importResults(file, m, isDryRun),
      (answer) => {
        if (isDryRun)
          return {
            kind: answer.failed ? 'error' : 'ok',
            text: answer.failed
              ? `检查完成：${answer.failed} 行有错，见下表（未导入）`
              : `检查完成：${answer.rows} 行全部有效（未导入）`,
          }
        const text = `已导入 ${answer.imported} 行${answer.failed ? `，${answer.failed} 行有错未导入` : ''}`
        onImported(text)
        return { kind: 'ok', text }
      },
    )
  }

  return (
    <Dialog title="导入监测结果" onClose={onClose} testId="import-dialog" isWide>
      <div className="dialog__body import-dialog">
        <p className="panel-note">
          请按模板填写，每行一次采样。下载模板：
          <a href="/api/monitoring/import-template.xlsx" download data-testid="template-xlsx">
            Excel 模板（含填写说明）
          </a>
          {' · '}
          <a href="/api/monitoring/import-template.csv" download data-testid="template-csv">
            CSV 模板
          </a>
        </p>
        <label className="import-dialog__file">
          <span className="secondary-button">选择文件</span>
          <input
            type="file"
            accept=".xlsx,.csv"
            className="import-dialog__input"
            data-testid="import-file"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null)
              reset()
            }}
          />
          <span className="import-dialog__name">{file ? file.name : '未选择文件（.xlsx 或 .csv）'}</span>
        </label>
        <ImportModes
          mode={mode}
          onMode={setMode}
          className="import-dialog__modes"
          legend="导入方式"
          allText="全部有效才导入（任何一行有错都不导入）"
        />
        <SheetImportButtons
          className="import-dialog__actions"
          isDisabled={!file || isBusy}
          onRun={(isDryRun) => void run(isDryRun)}
        />
        <ImportNotice message={message} />
        {report && (
          <div className="import-report" data-testid="import-report">
            <p className="import-report__summary">
              共 {report.rows} 行；{report.isDryRun ? '可导入' : '已导入'} {report.imported} 行；有错 {report.failed} 行
            </p>
            {report.errors.length > 0 && (
              <SheetImportProblems problems={report.errors} className="import-report__table" rowTestId="import-error" />
            )}
          </div>
        )}
      </div>
    </Dialog>
  )
}
