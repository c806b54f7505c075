import { Router } from 'express'
import { z } from 'zod'
import type { Database } from '../db/database.ts'
import { POINT_LEVELS, POINT_TYPES } from '../domain/coverage.ts'
import { GAP_MAX_K, GAP_SPACINGS_KM } from '../domain/gap-analysis.ts'
import { POINT_LEVEL, POINT_TYPE } from '../domain/labels.ts'
import { assertRight, assertRole } from '../http/auth.ts'
import { parse } from '../http/validate.ts'
import {
  acceptGapProposal,
  getCoverage,
  getCoveragePoints,
  getTownshipCoverage,
  getUncoveredFarmland,
  runGapAnalysis,
  type CoverageServiceSettings,
} from '../services/coverage.service.ts'

const adcode = z
  .string({ error: '区县代码（adcode）必填，应为 6 位数字' })
  .regex(/^[1-9]\d{5}$/, '区县代码（adcode）应为 6 位数字')
const countyQuery = z.object({ adcode })
const listQuery = z.object({ adcode: adcode.optional() })
const spacing = z.union(
  GAP_SPACINGS_KM.map((s) => z.literal(s)) as unknown as [z.ZodLiteral<2.5>, z.ZodLiteral<5>, z.ZodLiteral<10>],
  {
    error: `网格间距（spacingKm）应为 ${GAP_SPACINGS_KM.join('、')} km 之一（HJ/T 166-2004 区域布点网格）`,
  },
)
const gapBody = z.object({
  adcode,
  k: z
    .number({ error: `新增点位数（k）应为 1–${GAP_MAX_K} 的整数` })
    .int(`新增点位数（k）应为 1–${GAP_MAX_K} 的整数`)
    .min(1, `新增点位数（k）应为 1–${GAP_MAX_K} 的整数`)
    .max(GAP_MAX_K, `新增点位数（k）最多 ${GAP_MAX_K} 个`),
  spacingKm: spacing,
})
const levelNames = POINT_LEVELS.map((l) => `${l}（${POINT_LEVEL[l]}）`).join('、')
const typeNames = POINT_TYPES.map((t) => `${t}（${POINT_TYPE[t]}）`).join('、')
const acceptBody = z.object({
  adcode,
  lon: z
    .number({ error: '经度（lon）应为数字' })
    .min(73, '经度（lon）应在 73–136 之间')
    .max(136, '经度（lon）应在 73–136 之间'),
  lat: z
    .number({ error: '纬度（lat）应为数字' })
    .min(3, '纬度（lat）应在 3–54 之间')
    .max(54, '纬度（lat）应在 3–54 之间'),
  level: z.enum(POINT_LEVELS as [string, ...string[]], { error: `点位级别（level）应为 ${levelNames} 之一` }),
  type: z.enum(POINT_TYPES as [string, ...string[]], { error: `点位类型（type）应为 ${typeNames} 之一` }),
  basis: z.object(
    {
      spacingKm: spacing,
      rank: z
        .number({ error: '建议序号（basis.rank）应为正整数' })
        .int('建议序号（basis.rank）应为正整数')
        .min(1, '建议序号（basis.rank）应为正整数')
        .max(GAP_MAX_K, `建议序号（basis.rank）最大 ${GAP_MAX_K}`),
      gainM2: z
        .number({ error: '新增覆盖面积（basis.gainM2）应为数字' })
        .min(0, '新增覆盖面积（basis.gainM2）不能为负'),
      ranAt: z.string().max(40, '分析时间（basis.ranAt）过长').optional(),
      note: z.string().max(200, '说明（basis.note）最多 200 个字').nullable().optional(),
    },
    { error: '采纳依据（basis）必填：网格间距、建议序号和新增覆盖面积' },
  ),
})

/** 监测覆盖: every staff role reads coverage and runs the gap analysis of its counties; environment officers accept proposals. */
export function coverageRoutes(deps: { db: Database; settings: CoverageServiceSettings }): Router {
  const { db, settings } = deps
  const router = Router()
  router.get('/api/coverage', async (req, res) => {
    const ctx = assertRole(req)
    res.json(await getCoverage(db, ctx, settings, parse(listQuery, req.query).adcode))
  })
  router.get('/api/coverage/townships', async (req, res) => {
    const ctx = assertRole(req)
    res.json(await getTownshipCoverage(db, ctx, settings, parse(countyQuery, req.query).adcode))
  })
  router.get('/api/coverage/uncovered', async (req, res) => {
    const ctx = assertRole(req)
    res.json(await getUncoveredFarmland(db, ctx, settings, parse(countyQuery, req.query).adcode))
  })
  router.get('/api/coverage/points', async (req, res) => {
    const ctx = assertRole(req)
    res.json(await getCoveragePoints(db, ctx, parse(countyQuery, req.query).adcode))
  })
  router.post('/api/coverage/gaps', async (req, res) => {
    const ctx = assertRole(req)
    res.json(await runGapAnalysis(db, ctx, settings, parse(gapBody, req.body ?? {})))
  })
  router.post('/api/coverage/gaps/accept', async (req, res) => {
    const ctx = assertRight(req, 'coverage.plan')
    const input = parse(acceptBody, req.body ?? {}) as Parameters<typeof acceptGapProposal>[3]
    res.status(201).json(await acceptGapProposal(db, ctx, settings, input))
  })
  return router
}
