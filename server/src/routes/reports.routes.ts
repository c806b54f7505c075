import { Router, type RequestHandler } from 'express'
import multer from 'multer'
import { z } from 'zod'
import type { AppConfig } from '../config.ts'
import type { Database } from '../db/database.ts'
import { REPORT_STATUS, formatBytes, type ReportStatus } from '../domain/public-report.ts'
import { requireRight } from '../http/auth.ts'
import { AppError } from '../http/errors.ts'
import { limitPerClient } from '../http/rate-limit.ts'
import { parse } from '../http/validate.ts'
import { getReportPhoto, handleReport, listReportsFor, submitReport } from '../services/reports.service.ts'

const QUEUE_LIMIT = 500

function degrees(name: string, max: number) {
  return z
    .string({ error: `请在地图上点选举报位置（缺少${name}）` })
    .trim()
    .regex(/^-?\d{1,3}(\.\d+)?$/, `${name}应为十进制度数`)
    .transform(Number)
    .refine((v) => Math.abs(v) <= max, `${name}超出范围（应在 -${max}° 到 ${max}° 之间）`)
}

function reportForm(maxDescriptionChars: number) {
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

const reportParams = z.object({
  id: z
    .string()
    .regex(/^\d{1,15}$/, '举报编号应为数字')
    .transform(Number),
})
const queueQuery = z.object({
  status: z
    .enum(Object.keys(REPORT_STATUS) as [ReportStatus, ...ReportStatus[]], {
      error: '状态应为 new（待处理）或 handled（已处理）',
    })
    .optional(),
})
const handleBody = z.object({
  note: z.string({ error: '请填写处理意见' }).trim().min(1, '请填写处理意见').max(500, '处理意见最多 500 个字'),
})

/** Reads the multipart report form (fields and at most one photo, in memory) and turns its limits into clear answers. */
function receiveReportForm(maxPhotoBytes: number): RequestHandler {
  const upload = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: maxPhotoBytes, files: 1, fields: 10, fieldSize: 32 * 1024, parts: 12 },
  }).single('photo')
  return (req, res, next) => {
    upload(req, res, (err: unknown) => {
      if (!err) return next()
      if (!(err instanceof multer.MulterError))
        return next(new AppError('BAD_REQUEST', '举报表单无法读取，请刷新页面后重新提交'))
      if (err.code === 'LIMIT_FILE_SIZE') {
        return next(
          new AppError('PAYLOAD_TOO_LARGE', `照片过大：最大 ${formatBytes(maxPhotoBytes)}，请压缩或换一张后再提交`),
        )
      }
      if (err.code === 'LIMIT_UNEXPECTED_FILE' || err.code === 'LIMIT_FILE_COUNT') {
        return next(new AppError('VALIDATION', '每次举报最多附 1 张照片（字段 photo）'))
      }
      if (err.code === 'LIMIT_FIELD_VALUE') return next(new AppError('VALIDATION', '举报内容过长，请精简后再提交'))
      next(new AppError('VALIDATION', '举报表单的字段过多或格式有误，请刷新页面后重新提交'))
    })
  }
}

/** 举报: the public form (rate-limited per client address) and the staff moderation queue. */
export function reportsRoutes(db: Database, reports: AppConfig['reports']): Router {
  const router = Router()
  const form = reportForm(reports.maxDescriptionChars)
  const limiter = limitPerClient(
    reports.perWindow,
    reports.windowMinutes,
    `提交过于频繁：同一网络 ${reports.windowMinutes} 分钟内最多提交 ${reports.perWindow} 次举报，请稍后再试`,
  )

  router.post('/api/public/reports', limiter, receiveReportForm(reports.maxPhotoBytes), async (req, res) => {
    const fields = parse(form, { ...(req.body ?? {}) })
    const answer = await submitReport(
      db,
      { ...fields, photo: req.file?.buffer ?? null },
      req.ip ?? req.socket.remoteAddress ?? '',
    )
    res.status(201).json(answer)
  })
  router.get('/api/reports', requireRight('report.handle'), async (req, res) => {
    const { status } = parse(queueQuery, req.query)
    res.json({ reports: await listReportsFor(db, req.auth!, status, QUEUE_LIMIT) })
  })
  router.get('/api/reports/:id/photo', requireRight('report.handle'), async (req, res) => {
    const { id } = parse(reportParams, req.params)
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
    const { id } = parse(reportParams, req.params)
    const { note } = parse(handleBody, req.body ?? {})
    res.json(await handleReport(db, req.auth!, id, note))
  })
  return router
}
