/**
 * Who reads the OGC API - Features service and what they may read: anyone reads the public collections; a data
 * sharing key (数据共享密钥) reads the internal collections and counties it was issued for; a signed-in staff member
 * reads every internal collection of the counties of his scope. Pure: no I/O.
 */

/** The internal collections, in the order they are listed. */
export const INTERNAL_COLLECTIONS = [
  { id: 'farmland-parcels', title: '耕地图斑及类别' },
  { id: 'monitoring-points', title: '土壤环境监测点位' },
  { id: 'contaminated-plots', title: '污染地块（内部）' },
  { id: 'class-list', title: '耕地分类清单（最新发布）' },
  { id: 'control-zones-internal', title: '管控区域（内部，含未发布）' },
  { id: 'enterprises', title: '土壤污染重点监管单位' },
  { id: 'land-context', title: '三调地类图斑（底图）' },
  { id: 'basic-farmland', title: '永久基本农田' },
] as const
export type InternalCollectionId = (typeof INTERNAL_COLLECTIONS)[number]['id']
export const INTERNAL_COLLECTION_IDS = INTERNAL_COLLECTIONS.map((c) => c.id) as InternalCollectionId[]

/** To whom a key is issued. */
export const HOLDER_KINDS = { department: '部门', system: '业务系统', person: '个人' } as const
export type HolderKind = keyof typeof HOLDER_KINDS

/** A key as issued: `sk_` and 32 base64url characters (192 random bits). */
export const KEY_PATTERN = /^sk_[A-Za-z0-9_-]{32}$/
/** The characters of a key kept in clear, so that holder and administrator can tell keys apart. */
export const KEY_PREFIX_LENGTH = 9

/** The caller of one request to /ogc. */
export type OgcReader =
  | { kind: 'public' }
  | { kind: 'key'; keyId: number; collections: readonly string[]; adcodes: readonly string[] }
  | { kind: 'session'; adcodes: readonly string[] }

/** Whether `reader` may read the internal collection `id` (a public collection is open to anyone). */
export function mayReadInternal(reader: OgcReader, id: string): boolean {
  if (reader.kind === 'public') return false
  if (reader.kind === 'session') return reader.adcodes.length > 0
  return reader.collections.includes(id)
}

/** The county codes whose internal records `reader` may read. */
export function readableAdcodes(reader: OgcReader): string[] {
  return reader.kind === 'public' ? [] : [...reader.adcodes]
}

/** The state of a key at `now`, and why it no longer opens the service. */
export function keyState(
  key: { expiresAt: Date; revokedAt: Date | null },
  now: Date,
): { state: 'active' | 'expired' | 'revoked'; label: string } {
  if (key.revokedAt) return { state: 'revoked', label: '已吊销' }
  if (key.expiresAt.getTime() <= now.getTime()) return { state: 'expired', label: '已过期' }
  return { state: 'active', label: '有效' }
}
