import { z } from 'zod'
import { SheetImportQuery, SheetImportReport, SheetRowProblem } from './sheet-import.ts'
import { REGISTRY_KINDS } from '../server/src/domain/registry-import-kinds.ts'

/** `/api/registry-import/:kind/…`: the kind of register a file is imported into. */
export const KindParams = z.object({
  kind: z.enum(REGISTRY_KINDS, {
    error: '导入类型应为 enterprises（重点监管单位）、plots（地块）、points（监测点位）或 plot-results（地块检测结果）',
  }),
})

/** `POST /api/registry-import/:kind?mode=…&dryRun=…`. */
export const RegistryImportQuery = SheetImportQuery

/** The answer of an import (also the `details` of a 422): counts and every problem with its row and column. */
export const RegistryImportReport = SheetImportReport.extend({
  kind: z.enum(REGISTRY_KINDS),
  outlineFile: z.string().nullable(),
  /** `row` null: a feature of the outline file that no row names. */
  errors: z.array(SheetRowProblem.extend({ row: z.number().int().nullable() })),
  importId: z.number().int().nullable(),
})
export type RegistryImportReport = z.infer<typeof RegistryImportReport>
