import { Router } from 'express'
import { z } from 'zod'
import { assertRight, assertRole } from '../http/auth.ts'
import { contentDisposition } from '../http/content-disposition.ts'
import { parse } from '../http/validate.ts'
import {
  exportIndicatorTable,
  INDICATOR_EXPORT_FORMATS,
  type IndicatorExportFormat,
} from '../services/indicators-export.service.ts'
import {
  blackSoilCountiesOf,
  createTarget,
  editTarget,
  getBlackSoil,
  getFarmlandIndicator,
  getFarmlandRows,
  getPlotIndicator,
  getPlotRows,
  getTargets,
  type IndicatorDeps,
} from '../services/indicators.service.ts'

const year = z
  .string()
  .regex(/^\d{4}$/, '年份（year）应为 4 位数字，如 2025')
  .transform(Number)
const code = z.string().regex(/^\d{6}$/, '行政区划代码（adcode）应为 6 位数字')
const summaryQuery = z.object({ year: year.optional(), adcode: code.optional() })
const farmlandRowsQuery = z.object({
  adcode: code,
  year,
  term: z.enum(['B', 'C', 'D', 'E', 'none'], { error: '核算项（term）应为 B、C、D、E 或 none（未计入）之一' }),
})
const plotRowsQuery = z.object({
  adcode: code,
  year,
  term: z.enum(['total', 'met', 'unmet'], {
    error: '统计项（term）应为 total（全部）、met（符合要求）或 unmet（不符合）之一',
  }),
})
const blackSoilQuery = z.object({ adcode: code, year: year.optional() })
const targetPct = z.number({ error: '目标值（targetPct）应为 0–100 之间的数字' })
const comparator = z.enum(['about', 'at_least'], {
  error: '目标表述（comparator）应为 about（左右）或 at_least（不低于）',
})
const source = z
  .string({ error: '目标依据（source）必填' })
  .trim()
  .min(2, '请写明目标依据（规划或文件名称）')
  .max(300, '目标依据最多 300 个字')
const createBody = z.object({
  jurisdiction: z
    .string({ error: '辖区代码（jurisdiction）必填' })
    .regex(/^\d{6}$/, '辖区代码应为 6 位数字（全国为 000000）'),
  indicator: z.enum(['farmland', 'plot'], {
    error: '指标（indicator）应为 farmland（受污染耕地安全利用率）或 plot（污染地块安全利用率）',
  }),
  year: z
    .number({ error: '目标年份（year）应为数字' })
    .int('目标年份应为整数')
    .min(2000, '目标年份应在 2000–2100 之间')
    .max(2100, '目标年份应在 2000–2100 之间'),
  targetPct,
  comparator,
  source,
})
/** Versions are stored as PostgreSQL integer: a larger number is no version the editor could have read. */
const version = z
  .number({ error: '版本号（version）必填' })
  .int('版本号（version）应为整数')
  .positive('版本号（version）应为正整数')
  .max(2_147_483_647, '版本号（version）不是打开目标时读到的版本，请刷新后重试')
const editBody = z.object({ targetPct, comparator, source, version })
const idParams = z.object({
  id: z
    .string()
    .regex(/^\d{1,15}$/, '目标编号应为数字')
    .transform(Number),
})

/** 安全利用率: every staff role reads its counties' figures and rows; the administrator sets the targets. */
export function indicatorsRoutes(deps: IndicatorDeps): Router {
  const router = Router()
  router.get('/api/indicators/farmland', async (req, res) => {
    const ctx = assertRole(req)
    res.json({
      ...(await getFarmlandIndicator(deps, ctx, parse(summaryQuery, req.query))),
      blackSoilCounties: blackSoilCountiesOf(deps.settings, ctx),
    })
  })
  router.get('/api/indicators/farmland/rows', async (req, res) => {
    res.json(await getFarmlandRows(deps, assertRole(req), parse(farmlandRowsQuery, req.query)))
  })
  router.get('/api/indicators/plots', async (req, res) => {
    res.json(await getPlotIndicator(deps, assertRole(req), parse(summaryQuery, req.query)))
  })
  router.get('/api/indicators/plots/rows', async (req, res) => {
    res.json(await getPlotRows(deps, assertRole(req), parse(plotRowsQuery, req.query)))
  })
  router.get('/api/indicators/black-soil', async (req, res) => {
    res.json(await getBlackSoil(deps, assertRole(req), parse(blackSoilQuery, req.query)))
  })
  for (const format of Object.keys(INDICATOR_EXPORT_FORMATS) as IndicatorExportFormat[]) {
    router.get(`/api/indicators/export.${format}`, async (req, res) => {
      const ctx = assertRole(req)
      const file = await exportIndicatorTable(
        deps,
        ctx,
        parse(summaryQuery.pick({ year: true }), req.query).year,
        format,
      )
      res
        .set({
          'Content-Type': file.contentType,
          'Content-Disposition': contentDisposition(file.fileName),
          'Cache-Control': 'no-store',
        })
        .send(file.body)
    })
  }
  router.get('/api/indicators/targets', async (req, res) => {
    assertRole(req)
    res.json(await getTargets(deps.db))
  })
  router.post('/api/indicators/targets', async (req, res) => {
    const ctx = assertRight(req, 'indicator.targets')
    res.status(201).json(await createTarget(deps.db, ctx, parse(createBody, req.body ?? {})))
  })
  router.patch('/api/indicators/targets/:id', async (req, res) => {
    const ctx = assertRight(req, 'indicator.targets')
    res.json(await editTarget(deps.db, ctx, parse(idParams, req.params).id, parse(editBody, req.body ?? {})))
  })
  return router
}
