import { z } from 'zod'
import { SheetImportQuery, SheetImportReport } from './sheet-import.ts'

/** `PATCH /api/plots/:id/redevelopment`: the record at the version seen (null when there was none). */
export const RedevelopmentBody = z.object({
  version: z.number({ error: '版本号（version）应为数字' }).int().positive('版本号（version）应为正整数').nullable(),
  plannedUse: z.string({ error: '规划用途应为文字' }).max(10, '规划用途代码最多 10 个字符'),
  usedOn: z.string({ error: '开发利用日期应为文字' }).max(20, '开发利用日期应为 YYYY-MM-DD'),
  targetsMet: z.boolean({ error: '是否达到风险管控或修复目标应为 true 或 false' }).nullable(),
  approvalRef: z.string({ error: '批准文件文号应为文字' }).max(500, '批准文件文号最多 500 个字').nullable().optional(),
  documentId: z.number({ error: '批准文件编号应为数字' }).int().positive().nullable().optional(),
  note: z.string({ error: '说明应为文字' }).max(500, '说明最多 500 个字').nullable().optional(),
})
export type RedevelopmentBody = z.input<typeof RedevelopmentBody>

export const RedevelopmentRecord = z.object({
  plotCode: z.string(),
  plotName: z.string(),
  plannedUse: z.string(),
  plannedUseName: z.string(),
  usedOn: z.string().nullable(),
  year: z.number().int(),
  areaM2: z.number(),
  targetsMet: z.boolean(),
  approvalRef: z.string().nullable(),
  note: z.string().nullable(),
  basis: z.string(),
  document: z.object({ id: z.number().int(), title: z.string(), fileName: z.string(), url: z.string() }).nullable(),
  version: z.number().int(),
  isSample: z.boolean(),
  updatedBy: z.string(),
  updatedByName: z.string(),
  /** ISO 8601. */
  updatedAt: z.string(),
})
export type RedevelopmentRecord = z.infer<typeof RedevelopmentRecord>

/** `GET /api/plots/:id/redevelopment`. */
export const RedevelopmentResponse = z.object({
  record: RedevelopmentRecord.nullable(),
  /** Why this plot has no record to keep (never on a list), or null. */
  refusal: z.string().nullable(),
})
export type RedevelopmentResponse = z.infer<typeof RedevelopmentResponse>

export const RedevelopmentImportQuery = SheetImportQuery

export const RedevelopmentExportQuery = z.object({
  adcode: z
    .string({ error: '区县代码应为文字' })
    .regex(/^\d{6}$/, '区县代码应为 6 位数字')
    .optional(),
})

/** `POST /api/redevelopment/import` (also the `details` of a 422). */
export const RedevelopmentImportReport = SheetImportReport
export type RedevelopmentImportReport = z.infer<typeof RedevelopmentImportReport>
