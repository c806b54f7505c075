import { z } from 'zod'

const adcode = z.string({ error: '请选择区县' }).regex(/^\d{6}$/, '区县代码（adcode）应为 6 位数字')
const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label}最多 ${max} 个字`)
    .optional()
    .transform((v) => (v ? v : undefined))

/** The form fields sent with a 三调 layer file (multipart; every value is text). */
export const LandImportForm = z.object({
  adcode,
  kind: z
    .enum(['dltb', 'yjjbnt'], { error: '导入类型应为“dltb”（地类图斑）或“yjjbnt”（永久基本农田图斑）' })
    .default('dltb'),
  layer: optionalText(100, '图层名'),
  encoding: z
    .enum(['UTF-8', 'GBK', ''], { error: '属性编码应为“UTF-8”或“GBK”' })
    .optional()
    .transform((v) => (v ? v : undefined)),
  epsg: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || /^\d{4,5}$/.test(v), '坐标系应为 EPSG 代码，如 4525')
    .transform((v) => (v === undefined ? undefined : Number(v))),
  fieldMap: z
    .string()
    .max(4000, '字段对应过长')
    .optional()
    .transform((v, ctx) => {
      if (!v) return undefined
      try {
        const parsed = JSON.parse(v) as unknown
        if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
          const entries = Object.entries(parsed as Record<string, unknown>)
          if (entries.every(([, c]) => c === null || (typeof c === 'string' && c.length <= 64)))
            return parsed as Record<string, string | null>
        }
      } catch {
        // reported below
      }
      ctx.addIssue({ code: 'custom', message: '字段对应应为 {"属性": "字段名"} 形式的 JSON' })
      return z.NEVER
    }),
  farmlandCodes: z
    .string()
    .max(500, '地类编码过长')
    .optional()
    .transform((v) =>
      v
        ? v
            .split(/[,，、\s]+/)
            .map((c) => c.trim().toUpperCase())
            .filter(Boolean)
        : undefined,
    ),
})

export const LandImportParams = z.object({
  id: z
    .string()
    .regex(/^\d{1,15}$/, '导入编号应为数字')
    .transform(Number),
})

export const LandImportFeatureParams = LandImportParams.extend({
  seq: z
    .string()
    .regex(/^\d{1,9}$/, '要素序号应为数字')
    .transform(Number),
})

export const LandImportReportQuery = z.object({
  limit: z
    .string()
    .regex(/^\d{1,6}$/, 'limit 应为数字')
    .transform(Number)
    .optional(),
  offset: z
    .string()
    .regex(/^\d{1,9}$/, 'offset 应为数字')
    .transform(Number)
    .optional(),
})

export const LandImportListQuery = z.object({ adcode: adcode.optional() })

export const LandImportApplyBody = z.object({
  mode: z.enum(['valid', 'all'], {
    error: '应用方式应为“valid”（只导入通过检查的图斑）或“all”（全部通过才导入）',
  }),
})
