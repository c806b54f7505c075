import { Router } from 'express'
import { z } from 'zod'
import { assertRight, requireRole } from '../http/auth.ts'
import { parse } from '../http/validate.ts'
import {
  checkParcelChanges,
  getParcelForEdit,
  listParcelsForEdit,
  parcelCodes,
  saveParcelChanges,
} from '../services/parcel-edit.service.ts'
import type { ParcelEditDeps } from '../services/parcel-edit-transaction.ts'
import { getParcelHistory, listDeletedParcelsFor, restoreParcel } from '../services/parcel-history.service.ts'
import { mergeParcels, previewMerge, previewSplit, splitParcel } from '../services/parcel-split-merge.service.ts'

const id = z.number({ error: '图斑编号应为数字' }).int().positive()
const version = z.number({ error: '版本号应为数字' }).int().positive()
const text = (label: string, max = 500) =>
  z
    .string({ error: `${label}应为文字` })
    .max(max, `${label}最多 ${max} 个字`)
    .nullable()
    .optional()
const attributes = z.object({
  dlbm: z.string({ error: '地类编码（dlbm）必填' }).max(10, '地类编码过长'),
  townshipCode: text('乡镇代码', 20),
  qsxz: text('权属性质', 10),
  qsdwmc: text('权属单位名称'),
  zldwmc: text('坐落单位名称'),
  kcxs: z.number({ error: '扣除地类系数应为数字' }).nullable().optional(),
  gdpdjb: text('耕地坡度级别', 10),
  zzsxdm: text('种植属性代码', 10),
  bz: text('备注', 1000),
})
const change = z.discriminatedUnion(
  'op',
  [
    z.object({
      op: z.literal('create'),
      geometry: z.unknown(),
      attributes,
      classMode: z.literal('recompute').optional(),
    }),
    z.object({
      op: z.literal('update'),
      id,
      version,
      geometry: z.unknown().optional(),
      attributes: attributes.partial().optional(),
      classMode: z.enum(['keep', 'recompute'], { error: '类别处理方式应为 keep 或 recompute' }).optional(),
    }),
    z.object({ op: z.literal('delete'), id, version }),
  ],
  { error: '每项修改的 op 应为 create、update 或 delete' },
)
const changes = z
  .array(change, { error: '修改列表（changes）应为数组' })
  .min(1, '至少需要一项修改')
  .max(50, '一次最多保存 50 项修改')
const checkBody = z.object({ changes })
const saveBody = z.object({
  reason: z.string({ error: '修改原因应为文字' }).max(500, '修改原因最多 500 个字').optional(),
  changes,
})
const reason = z.string({ error: '原因必填' }).trim().min(1, '原因必填').max(500, '原因最多 500 个字')
const classChoice = {
  reason,
  classMode: z.enum(['keep', 'recompute'], {
    error: '类别处理方式（classMode）应为 keep（沿用）或 recompute（重新计算）',
  }),
  classReason: z.string({ error: '沿用类别的理由应为文字' }).max(500, '沿用类别的理由最多 500 个字').optional(),
}
const splitPreviewBody = z.object({ id, version, line: z.unknown() })
const splitBody = splitPreviewBody.extend(classChoice)
const mergeParcelsList = z
  .array(z.object({ id, version }), { error: '合并的图斑（parcels）应为数组' })
  .min(2, '合并至少需要 2 个图斑')
  .max(20, '一次最多合并 20 个图斑')
const mergePreviewBody = z.object({ parcels: mergeParcelsList })
const mergeBody = mergePreviewBody.extend({ ...classChoice, attributesFrom: id.optional() })
const restoreBody = z.object({
  historyId: z.number({ error: '变更记录编号（historyId）应为数字' }).int().positive(),
  version: version.optional(),
  reason,
})
const deletedQuery = z.object({
  adcode: z
    .string()
    .regex(/^\d{6}$/, '区县代码应为 6 位数字')
    .optional(),
})
const idParams = z.object({
  id: z
    .string()
    .regex(/^\d{1,15}$/, '图斑编号应为数字')
    .transform(Number),
})
const bboxQuery = z.object({
  bbox: z
    .string({ error: '缺少范围参数 bbox=西,南,东,北' })
    .transform((s) => s.split(',').map(Number))
    .pipe(z.array(z.number().finite(), { error: 'bbox 应为 4 个数字' }).length(4, 'bbox 应为 4 个数字：西,南,东,北')),
})

/** Parcel editing (图斑编辑): reads for any staff role in scope, writes for farmland officers only. */
export function parcelsRoutes(deps: ParcelEditDeps): Router {
  const router = Router()
  router.get('/api/parcels/codes', requireRole(), (_req, res) => {
    res.json(parcelCodes(deps.settings))
  })
  router.get('/api/parcels', requireRole(), async (req, res) => {
    const { bbox } = parse(bboxQuery, req.query)
    res.json(await listParcelsForEdit(deps.db, req.auth!, bbox as [number, number, number, number]))
  })
  router.post('/api/parcels/check', async (req, res) => {
    const ctx = assertRight(req, 'parcel.edit')
    const body = parse(checkBody, req.body ?? {})
    res.json(await checkParcelChanges(deps, ctx, body.changes))
  })
  router.post('/api/parcels/changes', async (req, res) => {
    const ctx = assertRight(req, 'parcel.edit')
    const body = parse(saveBody, req.body ?? {})
    res.json(await saveParcelChanges(deps, ctx, body.reason?.trim() || null, body.changes))
  })
  router.post('/api/parcels/split/preview', async (req, res) => {
    const ctx = assertRight(req, 'parcel.edit')
    res.json(await previewSplit(deps, ctx, parse(splitPreviewBody, req.body ?? {})))
  })
  router.post('/api/parcels/split', async (req, res) => {
    const ctx = assertRight(req, 'parcel.edit')
    res.json(await splitParcel(deps, ctx, parse(splitBody, req.body ?? {})))
  })
  router.post('/api/parcels/merge/preview', async (req, res) => {
    const ctx = assertRight(req, 'parcel.edit')
    res.json(await previewMerge(deps, ctx, parse(mergePreviewBody, req.body ?? {})))
  })
  router.post('/api/parcels/merge', async (req, res) => {
    const ctx = assertRight(req, 'parcel.edit')
    res.json(await mergeParcels(deps, ctx, parse(mergeBody, req.body ?? {})))
  })
  router.get('/api/parcels/deleted', requireRole(), async (req, res) => {
    const { adcode } = parse(deletedQuery, req.query)
    res.json(await listDeletedParcelsFor(deps.db, req.auth!, adcode))
  })
  router.get('/api/parcels/:id/history', requireRole(), async (req, res) => {
    const { id } = parse(idParams, req.params)
    res.json({ entries: await getParcelHistory(deps.db, req.auth!, id) })
  })
  router.post('/api/parcels/:id/restore', async (req, res) => {
    const ctx = assertRight(req, 'parcel.edit')
    const { id } = parse(idParams, req.params)
    res.json(await restoreParcel(deps, ctx, id, parse(restoreBody, req.body ?? {})))
  })
  router.get('/api/parcels/:id', requireRole(), async (req, res) => {
    const { id } = parse(idParams, req.params)
    res.json(await getParcelForEdit(deps.db, req.auth!, id))
  })
  return router
}
