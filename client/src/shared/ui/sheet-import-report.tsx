import { ApiError } from '../api-client'

/** One problem of a sheet import's row report; `row` null when no row of the sheet is at fault. */
interface SheetRowProblem {
  row: number | null
  column: string
  message: string
}

/**
 * The row report of a refused import: the `details` of the 422 when they carry the problems of the rows, else null
 * (the refusal was about the file or the request, and its message says so).
 */
export function refusedReportOf<Report extends { errors: readonly SheetRowProblem[] }>(error: unknown): Report | null {
  const details = error instanceof ApiError ? error.details : null
  return details && typeof details === 'object' && 'errors' in details ? (details as Report) : null
}

/** Props of {@link SheetImportProblems}. */
export interface SheetImportProblemsProps {
  problems: readonly SheetRowProblem[]
  className: string
  /** The heading of the third column (问题, or 原因 in the ledger). */
  problemHeading?: string
  testId?: string
  /** The test id of each problem's row. */
  rowTestId?: string
}

/** The table of a sheet import's problems: 行, 列 and what is wrong, one line each. */
export function SheetImportProblems({
  problems,
  className,
  problemHeading = '问题',
  testId,
  rowTestId,
}: SheetImportProblemsProps) {
  return (
    <table className={className} data-testid={testId}>
      <thead>
        <tr>
          <th>行</th>
          <th>列</th>
          <th>{problemHeading}</th>
        </tr>
      </thead>
      <tbody>
        {problems.map((e, i) => (
          <tr key={`${e.row}-${i}`} data-testid={rowTestId}>
            <td>{e.row ?? '—'}</td>
            <td>{e.column}</td>
            <td>{e.message}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** Props of {@link SheetImportButtons}. */
export interface SheetImportButtonsProps {
  className: string
  isDisabled: boolean
  /** Checks the sheet (nothing written) or imports it. */
  onRun: (isDryRun: boolean) => void
}

/** 检查（不导入） and 导入, side by side. */
export function SheetImportButtons({ className, isDisabled, onRun }: SheetImportButtonsProps) {
  return (
    <div className={className}>
      <button
        type="button"
        className="secondary-button"
        disabled={isDisabled}
        onClick={() => onRun(true)}
        data-testid="import-check"
      >
        检查（不导入）
      </button>
      <button
        type="button"
        className="primary-button"
        disabled={isDisabled}
        onClick={() => onRun(false)}
        data-testid="import-run"
      >
        导入
      </button>
    </div>
  )
}
