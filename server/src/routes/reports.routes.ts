import { Router } from 'express'
import type { AppConfig } from '../config.ts'
import type { Database } from '../db/database.ts'
import { assertRight, requireRight } from '../http/auth.ts'
import { receiveOneFile } from '../http/receive-file.ts'
import { limitPerClient } from '../http/rate-limit.ts'
import { parse } from '../http/validate.ts'
import { getReportPhoto, handleReport, listReportsFor, submitReport, trackReport } from '../services/reports.service.ts'
import {
  addReportNote,
  assignReport,
  findEnterprisesNearReport,
  listReportHistory,
  replyToReport,
  setReportStatus,
  turnReportIntoInspection,
  turnReportIntoPlot,
  type ReportFollowDeps,
} from '../services/reports-follow.service.ts'
import {
  AssignReportBody,
  HandleReportBody,
  ReportNoteBody,
  ReportParams,
  ReportQueueQuery,
  ReportReplyBody,
  ReportStatusBody,
  ReportToInspectionBody,
  ReportToPlotBody,
  TrackingParams,
  reportForm,
  type ReportItem,
  type ReportQueueResponse,
  type ReportReceived,
  type ReportTracking,
} from '../../../contracts/reports.ts'

const QUEUE_LIMIT = 500

/** What the report routes need: the database, the report settings, plot outline limits and tile invalidation. */
export interface ReportsRouteDeps {
  db: Database
  reports: AppConfig['reports']
  plotGeometry: ReportFollowDeps['settings']['plotGeometry']
  onChanged: ReportFollowDeps['onChanged']
}

/**
 * 举报: the public form and the tracking page (both rate-limited per client address), and the staff queue with
 * the follow-up: assignment, notes, public reply, state, conversion into a suspected plot or an inspection.
 */
export function reportsRoutes({ db, reports, plotGeometry, onChanged }: ReportsRouteDeps): Router {
  const router = Router()
  const follow: ReportFollowDeps = { db, settings: { ...reports, plotGeometry }, onChanged }
  const lookupLimiter = limitPerClient(
    reports.lookupsPerWindow,
    reports.lookupWindowMinutes,
    `查询过于频繁：同一网络 ${reports.lookupWindowMinutes} 分钟内最多查询 ${reports.lookupsPerWindow} 次，请稍后再试`,
  )
  const form = reportForm(reports.maxDescriptionChars)
  const limiter = limitPerClient(
    reports.perWindow,
    reports.windowMinutes,
    `提交过于频繁：同一网络 ${reports.windowMinutes} 分钟内最多提交 ${reports.perWindow} 次举报，请稍后再试`,
  )

  router.post(
    '/api/public/reports',
    limiter,
    receiveOneFile({
      field: 'photo',
      maxBytes: reports.maxPhotoBytes,
      fields: 10,
      fieldSize: 32 * 1024,
      parts: 12,
      tooLarge: (limit) => `照片过大：最大 ${limit}，请压缩或换一张后再提交`,
      unreadable: '举报表单无法读取，请刷新页面后重新提交',
      oneFileOnly: '每次举报最多附 1 张照片（字段 photo）',
      fieldTooLong: '举报内容过长，请精简后再提交',
      malformed: '举报表单的字段过多或格式有误，请刷新页面后重新提交',
    }),
    async (req, res) => {
      const fields = parse(form, { ...(req.body ?? {}) })
      const answer = await submitReport(
        db,
        { ...fields, photo: req.file?.buffer ?? null },
        req.ip ?? req.socket.remoteAddress ?? '',
      )
      res.status(201).json(answer satisfies ReportReceived)
    },
  )
  router.get('/api/public/reports/track/:code', lookupLimiter, async (req, res) => {
    const { code } = parse(TrackingParams, req.params)
    res.set('Cache-Control', 'no-store').json((await trackReport(db, code)) satisfies ReportTracking)
  })
  router.get('/api/reports', requireRight('report.handle'), async (req, res) => {
    const { status } = parse(ReportQueueQuery, req.query)
    res.json(
      (await listReportsFor(db, req.auth!, status, QUEUE_LIMIT, reports.departments)) satisfies ReportQueueResponse,
    )
  })
  router.get('/api/reports/:id/history', requireRight('report.handle'), async (req, res) => {
    const { id } = parse(ReportParams, req.params)
    res.json(await listReportHistory(db, req.auth!, id))
  })
  router.get('/api/reports/:id/nearby-enterprises', requireRight('report.handle'), async (req, res) => {
    const { id } = parse(ReportParams, req.params)
    res.json(await findEnterprisesNearReport(follow, req.auth!, id))
  })
  router.post('/api/reports/:id/assign', requireRight('report.handle'), async (req, res) => {
    const { id } = parse(ReportParams, req.params)
    res.json(await assignReport(follow, req.auth!, id, parse(AssignReportBody, req.body ?? {})))
  })
  router.post('/api/reports/:id/notes', requireRight('report.handle'), async (req, res) => {
    const { id } = parse(ReportParams, req.params)
    res.json(await addReportNote(db, req.auth!, id, parse(ReportNoteBody, req.body ?? {})))
  })
  router.post('/api/reports/:id/reply', requireRight('report.handle'), async (req, res) => {
    const { id } = parse(ReportParams, req.params)
    res.json(await replyToReport(db, req.auth!, id, parse(ReportReplyBody, req.body ?? {})))
  })
  router.post('/api/reports/:id/status', requireRight('report.handle'), async (req, res) => {
    const { id } = parse(ReportParams, req.params)
    res.json(await setReportStatus(db, req.auth!, id, parse(ReportStatusBody, req.body ?? {})))
  })
  router.post('/api/reports/:id/to-plot', requireRight('report.handle'), async (req, res) => {
    const ctx = assertRight(req, 'plot.edit')
    const { id } = parse(ReportParams, req.params)
    res.status(201).json(await turnReportIntoPlot(follow, ctx, id, parse(ReportToPlotBody, req.body ?? {})))
  })
  router.post('/api/reports/:id/to-inspection', requireRight('report.handle'), async (req, res) => {
    const ctx = assertRight(req, 'enterprise.edit')
    const { id } = parse(ReportParams, req.params)
    res.status(201).json(await turnReportIntoInspection(follow, ctx, id, parse(ReportToInspectionBody, req.body ?? {})))
  })
  router.get('/api/reports/:id/photo', requireRight('report.handle'), async (req, res) => {
    const { id } = parse(ReportParams, req.params)
    const photo = await getReportPhoto(db, req.auth!, id)
    res
      .set({
        'Content-Type': photo.type,
        'Content-Disposition': 'inline',
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'private, max-age=600',
      })
      .send(photo.bytes)
  })
  router.post('/api/reports/:id/handle', requireRight('report.handle'), async (req, res) => {
    const { id } = parse(ReportParams, req.params)
    const { note, version } = parse(HandleReportBody, req.body ?? {})
    res.json((await handleReport(db, req.auth!, id, note, version)) satisfies ReportItem)
  })
  return router
}
