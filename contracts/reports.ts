import { z } from 'zod'

/** Status of a public report: 已受理, 核查中, 已办结. */
export const REPORT_STATUSES = ['new', 'verifying', 'handled'] as const
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
      error: '状态应为 new（已受理）、verifying（核查中）或 handled（已办结）',
    })
    .optional(),
})
/** `POST /api/reports/:id/handle`. */
export const HandleReportBody = z.object({
  note: z.string({ error: '请填写处理意见' }).trim().min(1, '请填写处理意见').max(500, '处理意见最多 500 个字'),
  /** The version the officer saw; when given, a report changed since is refused (409). */
  version: z.number({ error: '版本号（version）应为整数' }).int().positive().optional(),
})

/**
 * `POST /api/public/reports`: the same answer for every accepted report (the contact given is never echoed), with
 * the tracking code (查询码) shown to the reporter once.
 */
export const ReportReceived = z.object({ id: z.number().int(), message: z.string(), trackingCode: z.string() })
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
  version: z.number().int(),
  department: z.string().nullable(),
  assignee: z.string().nullable(),
  assigneeName: z.string().nullable(),
  publicReply: z.string().nullable(),
  /** ISO 8601. */
  repliedAt: z.string().nullable(),
  /** ISO 8601. */
  statusChangedAt: z.string(),
  /** ISO 8601. */
  updatedAt: z.string(),
  updatedBy: z.string().nullable(),
  /** The suspected plot the report was turned into. */
  plotId: z.number().int().nullable(),
  plotCode: z.string().nullable(),
  /** The enterprise inspections opened from the report. */
  inspections: z.array(
    z.object({
      id: z.number().int(),
      enterpriseId: z.number().int(),
      enterpriseName: z.string(),
      createdAt: z.string(),
    }),
  ),
})
export type ReportItem = z.infer<typeof ReportItem>

/** `GET /api/reports`: newest first, with the departments and officers a report may be assigned to. */
export const ReportQueueResponse = z.object({
  reports: z.array(ReportItem),
  departments: z.array(z.string()),
  officers: z.array(
    z.object({ username: z.string(), name: z.string(), department: z.string(), counties: z.array(z.string()) }),
  ),
})
export type ReportQueueResponse = z.infer<typeof ReportQueueResponse>

/** `GET /api/public/reports/track/:code`: the code as typed (dashes and spaces allowed). */
export const TrackingParams = z.object({
  code: z.string().max(40, '查询码过长：应为 12 位字母和数字，如 7K3M-9QXD-2HPA'),
})

/** What the reporter sees of a report: its state, dates and the public reply, nothing else. */
export const ReportTracking = z.object({
  trackingCode: z.string(),
  status: ReportStatus,
  statusName: z.string(),
  /** ISO 8601: when the report was received. */
  receivedAt: z.string(),
  /** ISO 8601: when the state last changed. */
  statusChangedAt: z.string(),
  /** ISO 8601, when 已办结. */
  handledAt: z.string().nullable(),
  publicReply: z.string().nullable(),
  /** ISO 8601. */
  repliedAt: z.string().nullable(),
})
export type ReportTracking = z.infer<typeof ReportTracking>

const version = z.number({ error: '缺少版本号（version），请刷新后重试' }).int().positive()

/** `POST /api/reports/:id/assign`: the department and the officer (null: none). */
export const AssignReportBody = z.object({
  version,
  department: z.string({ error: '请选择承办部门' }).trim().min(1, '请选择承办部门').max(60, '承办部门最多 60 个字'),
  assignee: z
    .string()
    .trim()
    .max(32, '承办人账号最多 32 个字符')
    .nullable()
    .optional()
    .transform((v) => v || null),
})
/** `POST /api/reports/:id/notes`: an internal note. */
export const ReportNoteBody = z.object({
  version,
  note: z.string({ error: '请填写内部备注' }).trim().min(1, '请填写内部备注').max(1000, '内部备注最多 1000 个字'),
})
/** `POST /api/reports/:id/reply`: the public reply the reporter reads by the tracking code. */
export const ReportReplyBody = z.object({
  version,
  reply: z.string({ error: '请填写公开答复' }).trim().min(5, '公开答复至少 5 个字').max(1000, '公开答复最多 1000 个字'),
})
/** `POST /api/reports/:id/status`. */
export const ReportStatusBody = z.object({
  version,
  status: z.enum(REPORT_STATUSES, { error: '状态应为 verifying（核查中）或 handled（已办结）' }),
})
/** `POST /api/reports/:id/to-plot`: a suspected plot made from the report (point and description carried over). */
export const ReportToPlotBody = z.object({
  version,
  name: z.string({ error: '请填写地块名称' }).trim().min(2, '地块名称至少 2 个字').max(100, '地块名称最多 100 个字'),
  formerIndustry: z.enum(
    ['nonferrous_smelting', 'petroleum', 'chemical', 'coking', 'electroplating', 'tanning', 'hazardous_waste'],
    { error: '请选择原行业（有色金属冶炼、石油加工、化工、焦化、电镀、制革或危险废物贮存、利用、处置）' },
  ),
})
/** `POST /api/reports/:id/to-inspection`: an inspection of a supervised enterprise near the point. */
export const ReportToInspectionBody = z.object({
  version,
  enterpriseId: z.number({ error: '请选择要检查的重点监管单位' }).int().positive(),
})

/** `GET /api/reports/:id/nearby-enterprises`: supervised enterprises near the point, nearest first. */
export const NearbyEnterprisesResponse = z.object({
  withinM: z.number(),
  enterprises: z.array(
    z.object({
      id: z.number().int(),
      name: z.string(),
      industryName: z.string(),
      statusName: z.string(),
      distanceM: z.number(),
    }),
  ),
})
export type NearbyEnterprisesResponse = z.infer<typeof NearbyEnterprisesResponse>

/** `GET /api/reports/:id/history`: what was done, by whom, when (oldest first). */
export const ReportHistoryResponse = z.object({
  events: z.array(
    z.object({
      id: z.number().int(),
      action: z.string(),
      actionName: z.string(),
      actor: z.string(),
      actorName: z.string(),
      body: z.string().nullable(),
      detail: z.record(z.string(), z.unknown()),
      /** ISO 8601. */
      at: z.string(),
    }),
  ),
})
export type ReportHistoryResponse = z.infer<typeof ReportHistoryResponse>
