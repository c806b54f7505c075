import { z } from 'zod'
import { HOLDER_KINDS, INTERNAL_COLLECTION_IDS } from '../server/src/domain/ogc-access.ts'

const holderKinds = Object.keys(HOLDER_KINDS) as [keyof typeof HOLDER_KINDS, ...(keyof typeof HOLDER_KINDS)[]]

/** `:id` of the `/api/admin/ogc-keys/:id` routes. */
export const OgcKeyIdParams = z.object({
  id: z
    .string()
    .regex(/^\d{1,15}$/, '密钥编号应为数字')
    .transform(Number),
})

/** `POST /api/admin/ogc-keys`: issue a data sharing key. */
export const CreateOgcKeyBody = z.object({
  holder: z
    .string({ error: '请填写持有方' })
    .trim()
    .min(1, '请填写持有方（部门、系统或个人）')
    .max(80, '持有方最多 80 个字'),
  holderKind: z.enum(holderKinds, { error: '持有方类型应为：部门、业务系统或个人' }),
  collections: z
    .array(z.enum(INTERNAL_COLLECTION_IDS as [string, ...string[]], { error: '数据集不在共享目录中' }), {
      error: '请选择数据集',
    })
    .min(1, '请至少选择一个数据集')
    .transform((ids) => [...new Set(ids)]),
  adcodes: z
    .array(z.string().regex(/^\d{6}$/, '区县应为 6 位行政区划代码'), { error: '请选择区县' })
    .min(1, '请至少选择一个区县')
    .max(200, '区县最多 200 个')
    .transform((codes) => [...new Set(codes)]),
  expiresOn: z.string({ error: '请填写有效期至' }).regex(/^\d{4}-\d{2}-\d{2}$/, '有效期至应为日期（年-月-日）'),
  note: z.string().trim().max(500, '备注最多 500 个字').default(''),
})
export type CreateOgcKeyBody = z.input<typeof CreateOgcKeyBody>

/** A key as the administrator sees it (never the key itself). */
export const OgcKey = z.object({
  id: z.number(),
  prefix: z.string(),
  holder: z.string(),
  holderKind: z.enum(holderKinds),
  holderKindLabel: z.string(),
  collections: z.array(z.string()),
  counties: z.array(z.object({ adcode: z.string(), name: z.string() })),
  expiresAt: z.string(),
  note: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
  revokedAt: z.string().nullable(),
  revokedBy: z.string().nullable(),
  state: z.enum(['active', 'expired', 'revoked']),
  stateLabel: z.string(),
  uses: z.number(),
  lastUsedAt: z.string().nullable(),
})
export type OgcKey = z.infer<typeof OgcKey>

/** `GET /api/admin/ogc-keys`: the keys of the administrator's scope and the collections a key may open. */
export const OgcKeysResponse = z.object({
  keys: z.array(OgcKey),
  collections: z.array(z.object({ id: z.string(), title: z.string() })),
})
export type OgcKeysResponse = z.infer<typeof OgcKeysResponse>

/** `POST /api/admin/ogc-keys`: the key, shown this once, and the record kept. */
export const CreatedOgcKeyResponse = z.object({ key: z.string(), record: OgcKey })
export type CreatedOgcKeyResponse = z.infer<typeof CreatedOgcKeyResponse>

/** One request made with a key. */
export const OgcKeyUse = z.object({
  id: z.number(),
  keyId: z.number(),
  prefix: z.string(),
  holder: z.string(),
  usedAt: z.string(),
  collection: z.string().nullable(),
  featureCount: z.number(),
  clientAddress: z.string(),
  /** The vector tile read ('z/x/y'), or null for a request to the feature service. */
  tile: z.string().nullable(),
})
export type OgcKeyUse = z.infer<typeof OgcKeyUse>

/** `GET /api/admin/ogc-keys/uses` and `GET /api/admin/ogc-keys/:id/uses`: the latest uses, newest first. */
export const OgcKeyUsesResponse = z.object({ uses: z.array(OgcKeyUse) })
export type OgcKeyUsesResponse = z.infer<typeof OgcKeyUsesResponse>
