import { z } from 'zod'

/** Status of a public report: 待处理, 已处理. */
export const REPORT_STATUSES = ['new', 'handled'] as const
export const ReportStatus = z.enum(REPORT_STATUSES)
export type ReportStatus = z.infer<typeof ReportStatus>

function degrees(name: string, max: number) {
  return z
    .string({ error: `请在地图上点选举报位置（缺少${name}）` })
    .trim()
    .regex(/^-?\d{1,3}(\.\d+)?$/, `${name}应为十进制度数`)
    .transform(Number)
    .refine((v) => Math.abs(v) <= max, `${name}超出范围（应在 -${max}° 到 ${max}° 之间）`)
}

/** The fields of the public report form (`POST /api/public/reports`, multipart; the photo comes as a file). */
export function reportForm(maxDescriptionChars: number) {
  return z.object({
    lon: degrees('经度', 180),
    lat: degrees('纬度', 90),
    description: z
      .string({ error: '请填写举报内容' })
      .trim()
      .min(10, '举报内容至少 10 个字，请写明看到的情况（地点、现象、持续时间等）')
      .max(maxDescriptionChars, `举报内容最多 ${maxDescriptionChars} 个字`),
    contact: z
      .string({ error: '联系方式应为文字' })
      .trim()
      .max(100, '联系方式最多 100 个字')
      .optional()
      .transform((v) => v || null),
    website: z
      .string()
      .optional()
      .transform((v) => v ?? ''),
  })
}

/** `:id` of the `/api/reports/:id` routes. */
export const ReportParams = z.object({
  id: z
    .string()
    .regex(/^\d{1,15}$/, '举报编号应为数字')
    .transform(Number),
})
/** `GET /api/reports?status=`. */
export const ReportQueueQuery = z.object({
  status: z
    .enum(REPORT_STATUSES, {
      error: '状态应为 new（待处理）或 handled（已处理）',
    })
    .optional(),
})
/** `POST /api/reports/:id/handle`. */
export const HandleReportBody = z.object({
  note: z.string({ error: '请填写处理意见' }).trim().min(1, '请填写处理意见').max(500, '处理意见最多 500 个字'),
})

/** `POST /api/public/reports`: the same answer for every accepted report (the contact given is never echoed). */
export const ReportReceived = z.object({ id: z.number().int(), message: z.string() })
export type ReportReceived = z.infer<typeof ReportReceived>

/** One report in the staff queue (the contact is shown to staff only); also the answer of handling it. */
export const ReportItem = z.object({
  id: z.number().int(),
  adcode: z.string(),
  county: z.string(),
  township: z.string().nullable(),
  description: z.string(),
  contact: z.string().nullable(),
  lon: z.number(),
  lat: z.number(),
  /** ISO 8601. */
  createdAt: z.string(),
  hasPhoto: z.boolean(),
  photoUrl: z.string().nullable(),
  photoType: z.string().nullable(),
  photoBytes: z.number().int().nullable(),
  status: ReportStatus,
  statusName: z.string(),
  handledNote: z.string().nullable(),
  handledBy: z.string().nullable(),
  handledByName: z.string().nullable(),
  /** ISO 8601. */
  handledAt: z.string().nullable(),
})
export type ReportItem = z.infer<typeof ReportItem>

/** `GET /api/reports`: newest first. */
export const ReportQueueResponse = z.object({ reports: z.array(ReportItem) })
export type ReportQueueResponse = z.infer<typeof ReportQueueResponse>
