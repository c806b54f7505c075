import { Router } from 'express'
import type { AppConfig } from '../config.ts'
import type { Database } from '../db/database.ts'
import { requireRight } from '../http/auth.ts'
import { receiveOneFile } from '../http/receive-file.ts'
import { limitPerClient } from '../http/rate-limit.ts'
import { parse } from '../http/validate.ts'
import { getReportPhoto, handleReport, listReportsFor, submitReport } from '../services/reports.service.ts'
import {
  HandleReportBody,
  ReportParams,
  ReportQueueQuery,
  reportForm,
  type ReportItem,
  type ReportQueueResponse,
  type ReportReceived,
} from '../../../contracts/reports.ts'

const QUEUE_LIMIT = 500

/** 举报: the public form (rate-limited per client address) and the staff moderation queue. */
export function reportsRoutes(db: Database, reports: AppConfig['reports']): Router {
  const router = Router()
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
  router.get('/api/reports', requireRight('report.handle'), async (req, res) => {
    const { status } = parse(ReportQueueQuery, req.query)
    res.json({ reports: await listReportsFor(db, req.auth!, status, QUEUE_LIMIT) } satisfies ReportQueueResponse)
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
    const { note } = parse(HandleReportBody, req.body ?? {})
    res.json((await handleReport(db, req.auth!, id, note)) satisfies ReportItem)
  })
  return router
}
