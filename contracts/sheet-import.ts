import { z } from 'zod'

/** `?mode=…&dryRun=…` of a spreadsheet import: all-or-nothing or the valid rows only; a check writes nothing. */
export const SheetImportQuery = z.object({
  mode: z.enum(['all', 'valid-only'], {
    error: '导入方式（mode）应为“all”（全部有效才导入）或“valid-only”（仅导入有效行）',
  }),
  dryRun: z
    .enum(['true', 'false', '1', '0'], { error: 'dryRun 应为 true 或 false' })
    .optional()
    .transform((v) => v === 'true' || v === '1'),
})

/** One problem of the row report: the sheet row (as the officer counts it), the column heading, and what is wrong. */
export const SheetRowProblem = z.object({ row: z.number().int(), column: z.string(), message: z.string() })

/** The answer of a spreadsheet import (also the `details` of a 422): the counts and each problem where it stands. */
export const SheetImportReport = z.object({
  fileName: z.string(),
  mode: z.enum(['all', 'valid-only']),
  isDryRun: z.boolean(),
  rows: z.number().int(),
  imported: z.number().int(),
  failed: z.number().int(),
  errors: z.array(SheetRowProblem),
})
