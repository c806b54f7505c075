import { describe, expect, it } from 'vitest'
import { AppError } from '../../server/src/domain/errors.ts'
import { refuseFailedImport, sheetImportReport } from '../../server/src/domain/sheet-import.ts'

const bad = [
  { row: 3, column: '镉', message: '第 3 行「镉」：数值「abc」不是数字' },
  { row: 3, column: '铅', message: '第 3 行「铅」：数值「x」不是数字' },
  { row: 5, column: '采样日期', message: '第 5 行「采样日期」：格式应为 YYYY-MM-DD' },
]

function refusal(report: ReturnType<typeof sheetImportReport>, planned: number): AppError | null {
  try {
    refuseFailedImport(report, planned, '记录')
    return null
  } catch (error) {
    return error as AppError
  }
}

describe('sheet import report', () => {
  it('when two problems stand in one row, then the row fails once; all-or-nothing imports nothing', () => {
    const input = { fileName: 'a.xlsx', mode: 'all' as const, isDryRun: true }
    expect(sheetImportReport(input, 4, 2, bad)).toEqual({ ...input, rows: 4, imported: 0, failed: 2, errors: bad })
  })

  it('when valid rows only are asked, then the valid rows count as imported beside the failed ones', () => {
    const report = sheetImportReport({ fileName: 'a.xlsx', mode: 'valid-only', isDryRun: false }, 4, 2, bad)
    expect([report.imported, report.failed]).toEqual([2, 2])
  })

  it('when all-or-nothing meets a failed row, then 422 names the failed rows and lists each problem by row and column', () => {
    const error = refusal(sheetImportReport({ fileName: 'a.xlsx', mode: 'all', isDryRun: false }, 4, 2, bad), 2)
    expect(error?.code).toBe('IMPORT_REJECTED')
    expect(error?.message).toBe('2 行有错，按“全部有效才导入”未导入任何记录；请改正后重新导入，或选择“仅导入有效行”')
    expect(error?.details).toMatchObject({ rows: 4, imported: 0, failed: 2, errors: bad })
    expect(error?.details.problems).toEqual(
      bad.map((e) => ({ code: 'INVALID_ROW', index: e.row, column: e.column, message: e.message })),
    )
  })

  it('when no row is valid, then 422 says nothing could be imported', () => {
    const error = refusal(sheetImportReport({ fileName: 'a.xlsx', mode: 'valid-only', isDryRun: false }, 2, 0, bad), 0)
    expect(error?.message).toBe('没有可导入的有效行，未导入任何记录')
  })

  it('when every row is valid, then nothing is refused', () => {
    expect(refusal(sheetImportReport({ fileName: 'a.xlsx', mode: 'all', isDryRun: false }, 2, 2, []), 2)).toBeNull()
  })
})
