import type { Queryable } from '../db/database.ts'
import { sqlFile } from '../db/sql-files.ts'

const q = (name: string) => sqlFile(`ogc-keys/${name}`)

/** A key as the administrator's list shows it. */
export interface KeyRow {
  id: string
  key_prefix: string
  holder: string
  holder_kind: string
  collections: string[]
  adcodes: string[]
  county_names: string[] | null
  expires_at: Date
  note: string
  created_at: Date
  created_by: string
  revoked_at: Date | null
  revoked_by: string | null
  uses: number
  last_used_at: Date | null
}

export async function insertKey(
  db: Queryable,
  k: {
    hash: string
    prefix: string
    holder: string
    holderKind: string
    collections: string[]
    adcodes: string[]
    expiresAt: Date
    note: string
    by: string
  },
): Promise<number> {
  const { rows } = await db.query<{ id: string }>(q('insert-key'), [
    k.hash,
    k.prefix,
    k.holder,
    k.holderKind,
    k.collections,
    k.adcodes,
    k.expiresAt,
    k.note,
    k.by,
  ])
  return Number(rows[0].id)
}

export async function listKeys(db: Queryable, scope: readonly string[], id: number | null = null) {
  return (await db.query<KeyRow>(q('list-keys'), [scope, id])).rows
}

export async function findKeyByHash(db: Queryable, hash: string) {
  const { rows } = await db.query<{
    id: string
    collections: string[]
    adcodes: string[]
    expires_at: Date
    revoked_at: Date | null
  }>(q('find-key'), [hash])
  return rows[0] ?? null
}

export async function revokeKey(db: Queryable, id: number, scope: readonly string[], by: string): Promise<boolean> {
  return (await db.query(q('revoke-key'), [id, scope, by])).rows.length > 0
}

export async function insertKeyUse(
  db: Queryable,
  u: { keyId: number; collection: string | null; featureCount: number; clientAddress: string; tile?: string | null },
): Promise<void> {
  await db.query(q('insert-use'), [u.keyId, u.collection, u.featureCount, u.clientAddress, u.tile ?? null])
}

export async function listKeyUses(db: Queryable, scope: readonly string[], rows: number, keyId: number | null) {
  const result = await db.query<{
    id: string
    key_id: string
    key_prefix: string
    holder: string
    used_at: Date
    collection: string | null
    feature_count: number
    client_address: string
    tile: string | null
  }>(q('list-uses'), [scope, rows, keyId])
  return result.rows
}
