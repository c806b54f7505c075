import { z } from 'zod'

/** The import whose annual update it is (年度变更调查). */
export const LandUpdateParams = z.object({
  importId: z
    .string()
    .regex(/^\d{1,15}$/, '导入编号应为数字')
    .transform(Number),
})

export const RetiredParcelParams = z.object({
  id: z
    .string()
    .regex(/^\d{1,15}$/, '图斑编号应为数字')
    .transform(Number),
})

export const LandUpdateFeaturesQuery = z.object({
  kinds: z
    .string()
    .max(60, 'kinds 过长')
    .optional()
    .transform((v) => (v ? v.split(',').map((k) => k.trim()) : undefined))
    .pipe(
      z
        .array(
          z.enum(['unchanged', 'changed', 'added', 'retired'], {
            error: '变化类型应为 unchanged、changed、added 或 retired',
          }),
        )
        .optional(),
    ),
})

/** The officer's choice for conflicts: the listed parcels, or every conflict when `parcelIds` is left out. */
export const LandUpdateDecisionBody = z.object({
  decision: z.enum(['ours', 'theirs'], {
    error: '处理方式应为“ours”（保留系统中的修改）或“theirs”（采用新年度图斑）',
  }),
  parcelIds: z
    .array(z.number({ error: '图斑编号应为数字' }).int('图斑编号应为整数').positive('图斑编号应为正整数'), {
      error: '冲突图斑应为编号的列表',
    })
    .min(1, '请至少选择一个冲突图斑，或不填以处理全部冲突')
    .max(10_000, '一次最多选择 10000 个冲突图斑')
    .optional(),
})

export const RetiredListQuery = z.object({
  adcode: z
    .string()
    .regex(/^\d{6}$/, '区县代码（adcode）应为 6 位数字')
    .optional(),
})

/** A parcel an annual update took off the map (gone from the new 三调 layer), kept for a restore. */
export const RetiredParcel = z.object({
  id: z.number().int(),
  adcode: z.string(),
  county: z.string(),
  code: z.string(),
  class: z.string(),
  className: z.string(),
  /** 地类编码 and 地类名称 (GB/T 21010-2017) of the parcel when it was retired. */
  dlbm: z.string().nullable(),
  dlmc: z.string().nullable(),
  townshipName: z.string().nullable(),
  areaMu: z.number(),
  /** The import whose update retired it, and its file; null once that import is deleted. */
  importId: z.number().int().nullable(),
  fileName: z.string().nullable(),
  retiredBy: z.string(),
  retiredAt: z.string(),
  /** Its class-list entries kept with it. */
  classListEntries: z.number().int(),
})
export type RetiredParcel = z.infer<typeof RetiredParcel>

/** `GET /api/land-updates/retired?adcode=`: the retired parcels of the counties, most recent first. */
export const RetiredParcelsAnswer = z.object({ parcels: z.array(RetiredParcel) })
export type RetiredParcelsAnswer = z.infer<typeof RetiredParcelsAnswer>

/** `POST /api/land-updates/retired/:id/restore`: the parcel back on the map and the class-list entries restored. */
export const RestoredParcel = z.object({ id: z.number().int(), code: z.string(), classListEntries: z.number().int() })
export type RestoredParcel = z.infer<typeof RestoredParcel>
