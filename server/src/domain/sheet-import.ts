import { AppError, type Problem } from './errors.ts'

/** A problem of one row of a sheet: its row as the officer counts it, the column heading and what is wrong. */
interface SheetRowError {
  row: number
  column: string
  message: string
}

/** What the officer sent: the file and the choice of all-or-nothing or the valid rows only, and whether to write. */
interface SheetImportInput {
  fileName: string
  mode: 'all' | 'valid-only'
  isDryRun: boolean
}

/**
 * The row report of a checked sheet: a row with any problem counts once as failed, and all-or-nothing imports no
 * row when one fails.
 */
export function sheetImportReport<E extends SheetRowError>(
  input: SheetImportInput,
  rows: number,
  planned: number,
  errors: E[],
) {
  const failed = new Set(errors.map((e) => e.row)).size
  return {
    fileName: input.fileName,
    mode: input.mode,
    isDryRun: input.isDryRun,
    rows,
    imported: input.mode === 'all' && failed > 0 ? 0 : planned,
    failed,
    errors,
  }
}

/**
 * Refuses to write (422 with the report and its problems) when all-or-nothing meets a failed row, or when no row is
 * valid; `what` names what would have been written (结果, 记录, 行).
 */
export function refuseFailedImport(
  report: ReturnType<typeof sheetImportReport<SheetRowError>>,
  planned: number,
  what: string,
): void {
  const details = () => ({
    ...report,
    problems: report.errors.map((e): Problem => ({
      code: 'INVALID_ROW',
      index: e.row,
      column: e.column,
      message: e.message,
    })),
  })
  if (report.mode === 'all' && report.failed > 0)
    throw new AppError(
      'IMPORT_REJECTED',
      `${report.failed} 行有错，按“全部有效才导入”未导入任何${what}；请改正后重新导入，或选择“仅导入有效行”`,
      details(),
    )
  if (planned === 0) throw new AppError('IMPORT_REJECTED', `没有可导入的有效行，未导入任何${what}`, details())
}
