import crypto from 'node:crypto'
import type { Database } from '../db/database.ts'
import { AppError } from '../domain/errors.ts'
import {
  HOLDER_KINDS,
  INTERNAL_COLLECTIONS,
  KEY_PATTERN,
  KEY_PREFIX_LENGTH,
  keyState,
  type HolderKind,
  type OgcReader,
} from '../domain/ogc-access.ts'
import { assertCountyInScope, scopeAdcodes, type ScopedActor } from '../domain/scope.ts'
import {
  findKeyByHash,
  insertKey,
  insertKeyUse,
  listKeys,
  listKeyUses,
  revokeKey,
  type KeyRow,
} from '../repos/ogc-keys.repo.ts'
import type { CreatedOgcKeyResponse, OgcKey, OgcKeyUse } from '../../../contracts/ogc-keys.ts'
import { sha256 } from './password.ts'

/** The longest a key may be issued for. */
const MAX_VALID_YEARS = 5
/** The uses the log shows at most. */
const USES_SHOWN = 500

interface Actor extends ScopedActor {
  user: ScopedActor['user'] & { username: string }
}

const dayOf = (d: Date) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(d)

function toKey(r: KeyRow, now: Date): OgcKey {
  const state = keyState({ expiresAt: r.expires_at, revokedAt: r.revoked_at }, now)
  return {
    id: Number(r.id),
    prefix: r.key_prefix,
    holder: r.holder,
    holderKind: r.holder_kind as HolderKind,
    holderKindLabel: HOLDER_KINDS[r.holder_kind as HolderKind] ?? r.holder_kind,
    collections: r.collections,
    counties: r.adcodes.map((adcode, i) => ({ adcode, name: r.county_names?.[i] ?? adcode })),
    expiresAt: r.expires_at.toISOString(),
    note: r.note,
    createdAt: r.created_at.toISOString(),
    createdBy: r.created_by,
    revokedAt: r.revoked_at?.toISOString() ?? null,
    revokedBy: r.revoked_by,
    state: state.state,
    stateLabel: state.label,
    uses: r.uses,
    lastUsedAt: r.last_used_at?.toISOString() ?? null,
  }
}

function refuseField(message: string, field: string): never {
  throw new AppError('VALIDATION', message, { problems: [{ code: 'INVALID_FIELD', message, field }] })
}

/** The end of the day `expiresOn` (China Standard Time), checked to lie ahead and within the longest validity. */
function expiryOf(expiresOn: string, now: Date): Date {
  const at = new Date(`${expiresOn}T23:59:59.999+08:00`)
  if (Number.isNaN(at.getTime()) || dayOf(at) !== expiresOn)
    refuseField(`有效期至“${expiresOn}”不是一个日期`, 'expiresOn')
  if (at.getTime() <= now.getTime()) refuseField(`有效期至“${expiresOn}”已过，请选择今天或以后的日期`, 'expiresOn')
  const latest = new Date(now)
  latest.setFullYear(latest.getFullYear() + MAX_VALID_YEARS)
  if (at.getTime() > latest.getTime())
    refuseField(`有效期最长 ${MAX_VALID_YEARS} 年（至 ${dayOf(latest)}），到期后可重新签发`, 'expiresOn')
  return at
}

/**
 * 数据共享密钥: an administrator issues keys for the internal collections of the OGC API - Features service to a
 * department, another system or a person, within the counties of his own scope; keys are stored as their SHA-256,
 * shown once, revocable, and every request made with one is logged.
 */
export class OgcKeysService {
  constructor(private readonly db: Database) {}

  async listKeys(actor: Actor): Promise<OgcKey[]> {
    const now = new Date()
    return (await listKeys(this.db, scopeAdcodes(actor))).map((r) => toKey(r, now))
  }

  /** Issues a key; the answer holds the key itself, which is kept nowhere. */
  async createKey(
    actor: Actor,
    body: {
      holder: string
      holderKind: HolderKind
      collections: string[]
      adcodes: string[]
      expiresOn: string
      note: string
    },
  ): Promise<CreatedOgcKeyResponse> {
    for (const adcode of body.adcodes) assertCountyInScope(actor, adcode, `区县 ${adcode}`)
    const now = new Date()
    const expiresAt = expiryOf(body.expiresOn, now)
    const key = `sk_${crypto.randomBytes(24).toString('base64url')}`
    const id = await insertKey(this.db, {
      hash: sha256(key),
      prefix: key.slice(0, KEY_PREFIX_LENGTH),
      holder: body.holder,
      holderKind: body.holderKind,
      collections: body.collections,
      adcodes: [...body.adcodes].sort(),
      expiresAt,
      note: body.note,
      by: actor.user.username,
    })
    const [record] = await listKeys(this.db, scopeAdcodes(actor), id)
    return { key, record: toKey(record, now) }
  }

  async revokeKey(actor: Actor, id: number): Promise<OgcKey> {
    const isRevoked = await revokeKey(this.db, id, scopeAdcodes(actor), actor.user.username)
    const [row] = await listKeys(this.db, scopeAdcodes(actor), id)
    if (!row) throw new AppError('NOT_FOUND', `没有编号为 ${id} 的数据共享密钥（或其区县不在您的管辖范围内）`)
    if (!isRevoked) throw new AppError('CONFLICT', `密钥 ${row.key_prefix}… 已于 ${dayOf(row.revoked_at!)} 吊销`)
    return toKey(row, new Date())
  }

  async listUses(actor: Actor, keyId: number | null): Promise<OgcKeyUse[]> {
    if (keyId !== null && (await listKeys(this.db, scopeAdcodes(actor), keyId)).length === 0)
      throw new AppError('NOT_FOUND', `没有编号为 ${keyId} 的数据共享密钥（或其区县不在您的管辖范围内）`)
    return (await listKeyUses(this.db, scopeAdcodes(actor), USES_SHOWN, keyId)).map((u) => ({
      id: Number(u.id),
      keyId: Number(u.key_id),
      prefix: u.key_prefix,
      holder: u.holder,
      usedAt: u.used_at.toISOString(),
      collection: u.collection,
      featureCount: u.feature_count,
      clientAddress: u.client_address,
      tile: u.tile,
    }))
  }

  /** The collections a key may be issued for. */
  collections(): { id: string; title: string }[] {
    return INTERNAL_COLLECTIONS.map((c) => ({ ...c }))
  }

  /** The reader of a request that sent `key`; 401 in words when the key is malformed, unknown, expired or revoked. */
  async readerOfKey(key: string): Promise<OgcReader> {
    if (!KEY_PATTERN.test(key))
      throw new AppError('UNAUTHENTICATED', '数据共享密钥格式不对：应以 sk_ 开头，共 35 位，请完整复制签发时显示的密钥')
    const row = await findKeyByHash(this.db, sha256(key))
    if (!row) throw new AppError('UNAUTHENTICATED', '数据共享密钥无效，请向系统管理员核对')
    const state = keyState({ expiresAt: row.expires_at, revokedAt: row.revoked_at }, new Date())
    if (state.state === 'revoked')
      throw new AppError(
        'UNAUTHENTICATED',
        `该数据共享密钥已于 ${dayOf(row.revoked_at!)} 吊销，请向系统管理员申请新的密钥`,
      )
    if (state.state === 'expired')
      throw new AppError(
        'UNAUTHENTICATED',
        `该数据共享密钥已于 ${dayOf(row.expires_at)} 过期，请向系统管理员申请新的密钥`,
      )
    return { kind: 'key', keyId: Number(row.id), collections: row.collections, adcodes: row.adcodes }
  }

  /** Logs one request made with a key (nothing for other readers). */
  async logUse(reader: OgcReader, collection: string | null, featureCount: number, clientAddress: string) {
    if (reader.kind !== 'key') return
    await insertKeyUse(this.db, { keyId: reader.keyId, collection, featureCount, clientAddress })
  }

  /** Logs one vector tile ('z/x/y') of `collection`'s layers read with a key (nothing for other readers). */
  async logTileUse(reader: OgcReader, collection: string, tile: string, clientAddress: string) {
    if (reader.kind !== 'key') return
    await insertKeyUse(this.db, { keyId: reader.keyId, collection, featureCount: 0, clientAddress, tile })
  }
}
