import crypto from 'node:crypto'
import { expect } from 'vitest'
import type { Database } from '../../server/src/db/database.ts'
import type { HolderKind } from '../../server/src/domain/ogc-access.ts'
import { sha256 } from '../../server/src/services/password.ts'
import type { Session } from './session.ts'

/** What a test asks a data sharing key (数据共享密钥) for; the rest is a department's key for 30 days. */
export interface KeyRequest {
  collections: readonly string[]
  adcodes: readonly string[]
  holder?: string
  holderKind?: HolderKind
  /** Days from today to the last day the key works. */
  expiresInDays?: number
  note?: string
}

/** The day `days` from today, as the key form takes it (YYYY-MM-DD). */
export const daysFromToday = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)

/**
 * A key issued as an administrator issues one, through `POST /api/admin/ogc-keys` with `admin`'s session; `extra`
 * fields go into the request as they are (to send what the form would not).
 */
export async function issueOgcKey(
  admin: Session,
  wanted: KeyRequest,
  extra: Record<string, unknown> = {},
): Promise<{ key: string; record: { id: number; prefix: string } }> {
  const res = await admin.agent
    .post('/api/admin/ogc-keys')
    .set('X-CSRF-Token', admin.csrfToken)
    .send({
      holder: wanted.holder ?? '测试单位',
      holderKind: wanted.holderKind ?? 'department',
      collections: wanted.collections,
      adcodes: wanted.adcodes,
      expiresOn: daysFromToday(wanted.expiresInDays ?? 30),
      note: wanted.note ?? '',
      ...extra,
    })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  return res.body
}

/**
 * A key stored straight in the database as the service stores one (its hash only): for counties no administrator of
 * the test can issue for, and for keys already expired or revoked.
 */
export async function plantOgcKey(
  db: Database,
  wanted: Pick<KeyRequest, 'collections' | 'adcodes' | 'holder'> & { state?: 'active' | 'expired' | 'revoked' },
): Promise<string> {
  const key = `sk_${crypto.randomBytes(24).toString('base64url')}`
  await db.query(
    `INSERT INTO ogc_access_key (key_hash, key_prefix, holder, holder_kind, collections, adcodes, expires_at, created_by,
                                 revoked_at, revoked_by)
     VALUES ($1, $2, $3, 'system', $4, $5, now() + CASE WHEN $6 = 'expired' THEN interval '-1 day' ELSE interval '1 day' END,
             'admin', CASE WHEN $6 = 'revoked' THEN now() END, CASE WHEN $6 = 'revoked' THEN 'admin' END)`,
    [
      sha256(key),
      key.slice(0, 9),
      wanted.holder ?? '测试系统',
      wanted.collections,
      wanted.adcodes,
      wanted.state ?? 'active',
    ],
  )
  return key
}
