import { Router } from 'express'
import { z } from 'zod'
import type { Database } from '../db/database.ts'
import {
  BACKGROUND_ITEMS,
  GB36600_SUBSTANCES,
  GB36600_TABLE1,
  GB36600_TABLE2,
  SUBSTANCE_GROUP_NAME,
} from '../domain/gb36600.ts'
import { LAND_CLASSES, LAND_CLASS_NAME, gb50137Reference } from '../domain/gb50137.ts'
import { INDUSTRY, PLOT_STATUS, RISK_LEVEL } from '../domain/labels.ts'
import { UNRELATED_CONSTRUCTION, UNRELATED_CONSTRUCTION_NAME } from '../domain/negative-list.ts'
import { PUBLIC_LISTS, type PublicListCode } from '../domain/public-fields.ts'
import { assertRight, requireRole } from '../http/auth.ts'
import { isoDate, parse } from '../http/validate.ts'
import { PlotsService, type PlotSettings } from '../services/plots.service.ts'

const industries = Object.keys(INDUSTRY) as [keyof typeof INDUSTRY, ...(keyof typeof INDUSTRY)[]]
const statuses = Object.keys(PLOT_STATUS) as [keyof typeof PLOT_STATUS, ...(keyof typeof PLOT_STATUS)[]]
const lists = Object.keys(PUBLIC_LISTS) as [PublicListCode, ...PublicListCode[]]

const version = z.number({ error: '版本号（version）应为数字' }).int().positive('版本号（version）应为正整数')
const text = (label: string, max = 200) =>
  z
    .string({ error: `${label}应为文字` })
    .max(max, `${label}最多 ${max} 个字`)
    .nullable()
    .optional()
const adcode = z.string({ error: '区县代码应为文字' }).regex(/^\d{6}$/, '区县代码应为 6 位数字')

const plotFields = {
  name: z.string({ error: '地块名称必填' }).trim().min(1, '地块名称必填').max(100, '地块名称最多 100 个字'),
  adcode: adcode.optional(),
  address: text('地址'),
  formerIndustry: z.enum(industries, {
    error: `原行业类别应为：${industries.map((k) => `${k}（${INDUSTRY[k]}）`).join('、')}`,
  }),
  landUser: text('土地使用权人'),
  contact: text('联系人及电话'),
  plannedLandClass: z
    .enum(LAND_CLASSES, {
      error: '规划用地类别应为 first（第一类用地）或 second（第二类用地），不明确时留空（按第一类）',
    })
    .nullable()
    .optional(),
  geometry: z.unknown(),
}
const createBody = z.object({
  ...plotFields,
  geometry: z.unknown().refine((g) => g !== undefined && g !== null, '地块边界（geometry）必填'),
})
const patchBody = z
  .object({ version, ...plotFields })
  .partial({ name: true, formerIndustry: true, geometry: true })
  .refine((b) => Object.keys(b).some((k) => k !== 'version'), '没有要修改的内容')

const document = z
  .object(
    {
      title: z.string({ error: '文件标题应为文字' }).max(200, '文件标题最多 200 个字').optional(),
      date: z.string({ error: '文件日期应为文字' }).max(20, '文件日期应为 YYYY-MM-DD').optional(),
      body: z.string({ error: '结论摘要应为文字' }).max(5000, '结论摘要最多 5000 个字').optional(),
      attachmentName: z.string({ error: '附件文件名应为文字' }).max(200, '附件文件名最多 200 个字').optional(),
    },
    { error: '文件应为对象 {title, date, body, attachmentName}' },
  )
  .nullable()
  .optional()
const transitionBody = z.object({
  action: z.string({ error: '操作（action）必填' }).min(1, '操作（action）必填').max(40, '操作（action）无效'),
  version,
  riskLevel: z.string({ error: '风险等级应为文字' }).max(20, '风险等级无效').nullable().optional(),
  document,
  reviewDocument: document,
  reason: z.string({ error: '理由应为文字' }).max(1000, '理由最多 1000 个字').nullable().optional(),
})
const pollutantBody = z.object({
  version,
  substance: z.string({ error: '污染物（substance）必填' }).min(1, '污染物（substance）必填').max(60, '污染物代码无效'),
  valueMgKg: z
    .number({ error: '检测值（mg/kg）应为数字' })
    .finite('检测值应为有限数字')
    .nonnegative('检测值不能为负数')
    .max(1_000_000, '检测值超过 1,000,000 mg/kg，请检查单位'),
  sampledOn: isoDate('采样日期', { isNotAfterToday: true }),
  depthM: z
    .number({ error: '采样深度（米）应为数字' })
    .nonnegative('采样深度不能为负数')
    .max(100, '采样深度超过 100 米，请检查')
    .nullable()
    .optional(),
  note: text('备注', 500),
})
const reasonText = z.string({ error: '理由应为文字' }).max(500, '理由最多 500 个字').nullable().optional()
const negativeUseBody = z.object({
  version,
  useCode: z
    .string({ error: '用地代码（useCode）必填' })
    .trim()
    .min(1, '用地代码（useCode）必填')
    .max(4, '用地代码最多 4 位')
    .transform((s) => s.toUpperCase()),
  reason: reasonText,
})
const removeNegativeUseBody = z.object({ version, reason: reasonText })
const removePollutantQuery = z.object({
  version: z
    .string({ error: '缺少版本号参数 version' })
    .regex(/^\d{1,9}$/, '版本号（version）应为正整数')
    .transform(Number)
    .pipe(version),
})
const idParams = z.object({
  id: z
    .string()
    .regex(/^\d{1,15}$/, '地块编号应为数字')
    .transform(Number),
})
const pollutantParams = idParams.extend({
  pid: z
    .string()
    .regex(/^\d{1,15}$/, '检测结果编号应为数字')
    .transform(Number),
})
const useParams = idParams.extend({
  useCode: z
    .string()
    .max(4, '用地代码最多 4 位')
    .transform((s) => s.toUpperCase()),
})
const listQuery = z.object({
  status: z
    .string()
    .optional()
    .transform((s) => s?.split(',').filter(Boolean))
    .pipe(z.array(z.enum(statuses, { error: `状态应为：${statuses.join('、')}` })).optional()),
  list: z
    .enum(lists, { error: `名录应为：${lists.map((l) => `${l}（${PUBLIC_LISTS[l].name}）`).join('、')}` })
    .optional(),
  q: z.string().max(100, '搜索词最多 100 个字').optional(),
  adcode: adcode.optional(),
})

/** The contaminated-plot registry (污染地块): reads for any staff role in scope, writes for environment officers. */
export function plotsRoutes(deps: {
  db: Database
  settings: PlotSettings
  onChanged?: (layers: string[]) => void
}): Router {
  const service = new PlotsService(deps.db, deps.settings, deps.onChanged)
  const router = Router()
  router.get('/api/reference/gb36600', requireRole(), (_req, res) => {
    res.json({
      tables: [GB36600_TABLE1, GB36600_TABLE2],
      unit: 'mg/kg',
      landClasses: LAND_CLASSES.map((c) => ({ code: c, name: LAND_CLASS_NAME[c] })),
      substances: GB36600_SUBSTANCES.map((s) => ({
        ...s,
        groupName: SUBSTANCE_GROUP_NAME[s.group],
        hasBackgroundNote: (BACKGROUND_ITEMS as readonly string[]).includes(s.key),
      })),
      backgroundMgKg: { ...deps.settings.backgroundMgKg, note: '当地土壤环境背景值为系统设置值（待核实），不是标准值' },
      riskLevels: Object.entries(RISK_LEVEL).map(([code, name]) => ({ code, name })),
    })
  })
  router.get('/api/reference/gb50137', requireRole(), (_req, res) => {
    res.json({
      standard: 'GB 50137-2011 城市用地分类与规划建设用地标准',
      codes: gb50137Reference(),
      unrelatedConstruction: { code: UNRELATED_CONSTRUCTION, name: UNRELATED_CONSTRUCTION_NAME },
    })
  })
  router.get('/api/plots', requireRole(), async (req, res) => {
    const query = parse(listQuery, req.query)
    res.json({
      items: await service.list(req.auth!, {
        statuses: query.status,
        list: query.list,
        q: query.q,
        adcode: query.adcode,
      }),
    })
  })
  router.get('/api/plots/:id', requireRole(), async (req, res) => {
    const { id } = parse(idParams, req.params)
    res.json(await service.profile(req.auth!, id))
  })
  router.post('/api/plots', async (req, res) => {
    const ctx = assertRight(req, 'plot.edit')
    const body = parse(createBody, req.body ?? {})
    res.status(201).json(await service.create(ctx, body))
  })
  router.patch('/api/plots/:id', async (req, res) => {
    const ctx = assertRight(req, 'plot.edit')
    const { id } = parse(idParams, req.params)
    res.json(await service.update(ctx, id, parse(patchBody, req.body ?? {})))
  })
  router.post('/api/plots/:id/transitions', async (req, res) => {
    const ctx = assertRight(req, 'plot.transition')
    const { id } = parse(idParams, req.params)
    res.json(await service.transition(ctx, id, parse(transitionBody, req.body ?? {})))
  })
  router.post('/api/plots/:id/pollutants', async (req, res) => {
    const ctx = assertRight(req, 'plot.edit')
    const { id } = parse(idParams, req.params)
    res.status(201).json(await service.addPollutant(ctx, id, parse(pollutantBody, req.body ?? {})))
  })
  router.delete('/api/plots/:id/pollutants/:pid', async (req, res) => {
    const ctx = assertRight(req, 'plot.edit')
    const { id, pid } = parse(pollutantParams, req.params)
    const { version: v } = parse(removePollutantQuery, req.query)
    const reason = parse(z.object({ reason: reasonText }), req.body ?? {}).reason
    res.json(await service.removePollutant(ctx, id, pid, v, reason))
  })
  router.post('/api/plots/:id/negative-uses', async (req, res) => {
    const ctx = assertRight(req, 'plot.edit')
    const { id } = parse(idParams, req.params)
    res.status(201).json(await service.addNegativeUse(ctx, id, parse(negativeUseBody, req.body ?? {})))
  })
  router.delete('/api/plots/:id/negative-uses/:useCode', async (req, res) => {
    const ctx = assertRight(req, 'plot.edit')
    const { id, useCode } = parse(useParams, req.params)
    res.json(await service.removeNegativeUse(ctx, id, useCode, parse(removeNegativeUseBody, req.body ?? {})))
  })
  return router
}
