import { z } from 'zod'
import { REGISTRY_KINDS } from '../server/src/domain/registry-import.ts'

/** `/api/registry-import/:kind/…`: the kind of register a file is imported into. */
export const KindParams = z.object({
  kind: z.enum(REGISTRY_KINDS, {
    error: '导入类型应为 enterprises（重点监管单位）、plots（地块）、points（监测点位）或 plot-results（地块检测结果）',
  }),
})

/** `POST /api/registry-import/:kind?mode=…&dryRun=…`. */
export const RegistryImportQuery = z.object({
  mode: z.enum(['all', 'valid-only'], {
    error: '导入方式（mode）应为“all”（全部有效才导入）或“valid-only”（仅导入有效行）',
  }),
  dryRun: z
    .enum(['true', 'false', '1', '0'], { error: 'dryRun 应为 true 或 false' })
    .optional()
    .transform((v) => v === 'true' || v === '1'),
})

/** The answer of an import (also the `details` of a 422): counts and every problem with its row and column. */
export const RegistryImportReport = z.object({
  kind: z.enum(REGISTRY_KINDS),
  fileName: z.string(),
  outlineFile: z.string().nullable(),
  mode: z.enum(['all', 'valid-only']),
  isDryRun: z.boolean(),
  rows: z.number().int(),
  imported: z.number().int(),
  failed: z.number().int(),
  /** `row` null: a feature of the outline file that no row names. */
  errors: z.array(z.object({ row: z.number().int().nullable(), column: z.string(), message: z.string() })),
  importId: z.number().int().nullable(),
})
export type RegistryImportReport = z.infer<typeof RegistryImportReport>
