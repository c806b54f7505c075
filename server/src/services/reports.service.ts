import crypto from 'node:crypto'
import type { Database } from '../db/database.ts'
import {
  REPORT_STATUS,
  detectPhotoType,
  formatTrackingCode,
  makeTrackingCode,
  normalizeTrackingCode,
  staleReport,
  type ReportStatus,
} from '../domain/public-report.ts'
import { assertCountyInScope, scopeAdcodes } from '../domain/scope.ts'
import { AppError } from '../domain/errors.ts'
import {
  findCountyAt,
  findReportPhoto,
  findTracking,
  insertReport,
  insertReportEvent,
  listCountyNames,
  listOfficers,
  listReports,
  lockReport,
  markReportHandled,
  type ReportRow,
} from '../repos/reports.repo.ts'
import { insertHistory } from '../repos/review.repo.ts'
import type { AuthContext } from './auth.service.ts'
import type { ReportItem, ReportQueueResponse, ReportTracking } from '../../../contracts/reports.ts'

/** The answer to every accepted report; the contact given is never echoed. */
export const REPORT_RECEIVED_MESSAGE = '已收到您的举报，工作人员将尽快核实处理。感谢您对土壤环境保护的关注和支持！'

export interface ReportSubmission {
  lon: number
  lat: number
  description: string
  contact: string | null
  /** The hidden honeypot field: a person leaves it empty, a form-filling robot does not. */
  website: string
  photo: Buffer | null
}

/** SHA-256 of the client address: enough to spot a flood from one address, without storing the address. */
export function hashClientAddress(address: string): string {
  return crypto.createHash('sha256').update(address).digest('hex')
}

/** SHA-256 of a normalized tracking code: only the hash is stored, the code is shown once to the reporter. */
function hashTrackingCode(plain: string): string {
  return crypto.createHash('sha256').update(`report-tracking:${plain}`).digest('hex')
}

const newTrackingCode = () => makeTrackingCode((below) => crypto.randomInt(below))

/**
 * Takes a report from the public. A filled honeypot gets the same answer as a real report and nothing is
 * stored; a photo must be JPEG, PNG or WebP by its content; the point must lie in a county this system serves.
 */
export async function submitReport(
  db: Database,
  input: ReportSubmission,
  clientAddress: string,
): Promise<{ id: number; message: string; trackingCode: string }> {
  if (input.website.trim() !== '')
    return { id: crypto.randomInt(1, 1_000_000), message: REPORT_RECEIVED_MESSAGE, trackingCode: newTrackingCode() }
  const photo = input.photo && input.photo.length > 0 ? input.photo : null
  const photoType = photo ? detectPhotoType(photo) : null
  if (photo && !photoType)
    throw new AppError('VALIDATION', '照片只能是 JPEG、PNG 或 WebP 格式的图片，请重新选择', {
      problems: [{ code: 'NOT_AN_IMAGE', field: 'photo', message: '文件内容不是 JPEG、PNG 或 WebP 图片' }],
    })
  const county = await findCountyAt(db, input.lon, input.lat)
  if (!county) {
    const served = (await listCountyNames(db)).join('、')
    throw new AppError(
      'VALIDATION',
      `举报位置（${input.lon.toFixed(5)}, ${input.lat.toFixed(5)}）不在本系统服务的区县范围内（${served}），请在地图上重新点选位置`,
      { problems: [{ code: 'OUTSIDE_COUNTY', field: 'lon', message: '位置不在服务区县内' }] },
    )
  }
  const trackingCode = newTrackingCode()
  const id = await insertReport(db, {
    adcode: county.adcode,
    description: input.description,
    contact: input.contact,
    photo,
    photoType,
    lon: input.lon,
    lat: input.lat,
    clientHash: hashClientAddress(clientAddress),
    trackingHash: hashTrackingCode(normalizeTrackingCode(trackingCode)!),
  })
  return { id, message: REPORT_RECEIVED_MESSAGE, trackingCode }
}

/**
 * 查询举报进度: what the reporter may see of a report by its tracking code — its state, dates and the public
 * reply. 400 for text that cannot be a code, 404 for a code no report has.
 */
export async function trackReport(db: Database, typed: string): Promise<ReportTracking> {
  const plain = normalizeTrackingCode(typed)
  if (!plain)
    throw new AppError(
      'VALIDATION',
      '查询码格式不对：应为 12 位字母和数字（如 7K3M-9QXD-2HPA），请对照提交举报时显示的查询码',
      {
        problems: [{ code: 'BAD_TRACKING_CODE', field: 'code', message: '查询码应为 12 位字母和数字' }],
      },
    )
  const row = await findTracking(db, hashTrackingCode(plain))
  if (!row)
    throw new AppError(
      'NOT_FOUND',
      `没有查询码为 ${formatTrackingCode(plain)} 的举报，请核对查询码（提交举报成功时页面上显示的 12 位字母和数字）`,
    )
  return {
    trackingCode: formatTrackingCode(plain),
    status: row.status,
    statusName: REPORT_STATUS[row.status],
    receivedAt: row.created_at.toISOString(),
    statusChangedAt: row.status_changed_at.toISOString(),
    handledAt: row.handled_at ? row.handled_at.toISOString() : null,
    publicReply: row.public_reply,
    repliedAt: row.replied_at ? row.replied_at.toISOString() : null,
  }
}

/** One report in the staff queue (the contact is shown to staff only). */
export function toReportItem(row: ReportRow): ReportItem {
  const id = Number(row.id)
  return {
    id,
    adcode: row.adcode,
    county: `${row.city} ${row.county}`,
    township: row.township,
    description: row.description,
    contact: row.contact,
    lon: row.lon,
    lat: row.lat,
    createdAt: row.created_at.toISOString(),
    hasPhoto: row.has_photo,
    photoUrl: row.has_photo ? `/api/reports/${id}/photo` : null,
    photoType: row.photo_type,
    photoBytes: row.photo_bytes,
    status: row.status,
    statusName: REPORT_STATUS[row.status],
    handledNote: row.handled_note,
    handledBy: row.handled_by,
    handledByName: row.handled_by_name ?? row.handled_by,
    handledAt: row.handled_at ? row.handled_at.toISOString() : null,
    version: row.version,
    department: row.department,
    assignee: row.assignee,
    assigneeName: row.assignee_name ?? row.assignee,
    publicReply: row.public_reply,
    repliedAt: row.replied_at ? row.replied_at.toISOString() : null,
    statusChangedAt: row.status_changed_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    updatedBy: row.updated_by,
    plotId: row.plot_id === null ? null : Number(row.plot_id),
    plotCode: row.plot_code,
    inspections: row.inspections.map((i) => ({ ...i, id: Number(i.id), enterpriseId: Number(i.enterpriseId) })),
  }
}

/**
 * The reports located in the user's counties, newest first (all statuses when none is named), with the
 * departments and the officers of those counties a report may be assigned to.
 */
export async function listReportsFor(
  db: Database,
  ctx: AuthContext,
  status: ReportStatus | undefined,
  limit: number,
  departments: string[],
): Promise<ReportQueueResponse> {
  const statuses = status ? [status] : (Object.keys(REPORT_STATUS) as ReportStatus[])
  const adcodes = scopeAdcodes(ctx)
  return {
    reports: (await listReports(db, adcodes, statuses, limit)).map(toReportItem),
    departments,
    officers: await listOfficers(db, adcodes),
  }
}

/** The photo of a report in the user's counties. */
export async function getReportPhoto(
  db: Database,
  ctx: AuthContext,
  id: number,
): Promise<{ bytes: Buffer; type: string }> {
  const row = await findReportPhoto(db, id)
  if (!row) throw new AppError('NOT_FOUND', `没有编号为 ${id} 的举报`)
  assertCountyInScope(ctx, row.adcode, row.county)
  if (!row.photo || !row.photo_type) throw new AppError('NOT_FOUND', `编号为 ${id} 的举报没有附照片`)
  return { bytes: row.photo, type: row.photo_type }
}

/**
 * Marks a report 已办结 with the officer's internal note (at the version the officer saw, when given); the change
 * and its history rows are written together.
 */
export async function handleReport(
  db: Database,
  ctx: AuthContext,
  id: number,
  note: string,
  version?: number,
): Promise<ReportItem> {
  return db.transaction(async (tx) => {
    const row = await lockReport(tx, id)
    if (!row) throw new AppError('NOT_FOUND', `没有编号为 ${id} 的举报`)
    assertCountyInScope(ctx, row.adcode, row.county)
    if (version !== undefined && version !== row.version) throw staleReport(row, version)
    if (row.status === 'handled' || !(await markReportHandled(tx, row.adcode, row.id, note, ctx.user.username))) {
      const when = row.handled_at
        ? `于 ${row.handled_at.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })} `
        : ''
      throw new AppError('CONFLICT', `编号为 ${id} 的举报已由 ${row.handled_by ?? '他人'} ${when}处理，无需重复处理`)
    }
    await insertHistory(tx, {
      adcode: row.adcode,
      entity: 'public_report',
      entityId: row.id,
      action: 'update',
      actor: ctx.user.username,
      reason: note,
      before: { status: row.status },
      after: { status: 'handled', handledNote: note },
    })
    await insertReportEvent(tx, {
      adcode: row.adcode,
      reportId: row.id,
      action: 'handle',
      actor: ctx.user.username,
      body: note,
      detail: { from: row.status, to: 'handled' },
    })
    const [item] = await listReports(tx, [row.adcode], ['handled'], 1, row.id)
    return toReportItem(item)
  })
}
