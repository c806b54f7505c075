import { z } from 'zod'
import { HOLDER_KINDS } from '../server/src/domain/ogc-access.ts'

const holderKinds = Object.keys(HOLDER_KINDS) as [keyof typeof HOLDER_KINDS, ...(keyof typeof HOLDER_KINDS)[]]

/** A coordinate reference system as the service names it, and in an officer's words. */
export const CatalogueCrs = z.object({ uri: z.string(), label: z.string() })
export type CatalogueCrs = z.infer<typeof CatalogueCrs>

/** One field of a collection's features: its name in the data, its Chinese name, what it means and its type. */
export const CatalogueField = z.object({
  name: z.string(),
  title: z.string(),
  meaning: z.string(),
  type: z.string(),
  typeLabel: z.string(),
})
export type CatalogueField = z.infer<typeof CatalogueField>

/** A holder of an active data sharing key for a collection (shown to those who manage keys only). */
export const CatalogueKeyHolder = z.object({
  holder: z.string(),
  holderKind: z.enum(holderKinds),
  holderKindLabel: z.string(),
  expiresAt: z.string(),
  counties: z.array(z.string()),
})
export type CatalogueKeyHolder = z.infer<typeof CatalogueKeyHolder>

/** One collection of the data sharing service as the catalogue lists it. */
export const CatalogueCollection = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  access: z.enum(['public', 'internal']),
  accessLabel: z.string(),
  /** The collection's address in the service (`…/ogc/collections/{id}`). */
  url: z.string(),
  fields: z.array(CatalogueField),
  /** When a record of the collection last changed (ISO 8601), null when nothing records it. */
  updatedAt: z.string().nullable(),
  /** Its features: all of a public collection, those of the reader's counties for an internal one; null: not counted. */
  featureCount: z.number().int().nonnegative().nullable(),
  /** What the count covers, in words ("全部公开数据" or the counties). */
  countScope: z.string(),
  crs: z.array(CatalogueCrs),
  storageCrs: CatalogueCrs,
  /** Active keys for the collection touching the reader's counties; holders only for those who manage keys. */
  keys: z.object({ count: z.number().int().nonnegative(), holders: z.array(CatalogueKeyHolder).nullable() }),
})
export type CatalogueCollection = z.infer<typeof CatalogueCollection>

/** `GET /api/sharing/catalogue`: the resource sharing catalogue (资源共享目录) of the signed-in staff member. */
export const SharingCatalogueResponse = z.object({
  /** The service's landing page (`…/ogc`), built from the address the browser used. */
  serviceUrl: z.string(),
  canManageKeys: z.boolean(),
  collections: z.array(CatalogueCollection),
})
export type SharingCatalogueResponse = z.infer<typeof SharingCatalogueResponse>
