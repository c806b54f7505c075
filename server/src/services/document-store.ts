import fs from 'node:fs/promises'
import path from 'node:path'
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3'
import type { Queryable } from '../db/database.ts'
import { insertDocumentContent, readDocumentContent } from '../repos/documents.repo.ts'

/** Where stored documents are kept and how large one may be (config.ts). */
export interface DocumentSettings {
  maxBytes: number
  /**
   * database: the bytes in stored_document_content (one backup holds everything); folder: files under `dir`; s3: an
   * S3-compatible object store (MinIO, OSS, OBS, COS…).
   */
  store: 'database' | 'folder' | 's3'
  dir: string
  s3: {
    /** The store's address (e.g. http://minio:9000); null for AWS itself. */
    endpoint: string | null
    bucket: string
    region: string
    accessKeyId: string
    secretAccessKey: string
  }
}

/** Where a document's bytes live. */
export interface DocumentStore {
  readonly kind: 'database' | 'folder' | 's3'
  /** Keeps the bytes before the record is written; the key goes into stored_document.store_key. */
  prepare(adcode: string, sha256: string, bytes: Buffer): Promise<string | null>
  /** Keeps the bytes inside the record's transaction (the database store). */
  save(tx: Queryable, adcode: string, id: number, bytes: Buffer): Promise<void>
  read(db: Queryable, doc: { adcode: string; id: number; store_key: string | null }): Promise<Buffer | null>
}

const databaseStore: DocumentStore = {
  kind: 'database',
  prepare: async () => null,
  save: (tx, adcode, id, bytes) => insertDocumentContent(tx, adcode, id, bytes),
  read: (db, doc) => readDocumentContent(db, doc.adcode, doc.id),
}

/**
 * Files named by county and SHA-256, so a file written for a transaction that then failed is only a spare copy that
 * the same upload later reuses; a key is never a path given by a client.
 */
function folderStore(dir: string): DocumentStore {
  const where = (key: string) => {
    if (!/^\d{6}\/[0-9a-f]{64}$/.test(key)) throw new Error(`文件存放键无效：${key}`)
    return path.join(dir, key)
  }
  return {
    kind: 'folder',
    async prepare(adcode, sha256, bytes) {
      const key = `${adcode}/${sha256}`
      await fs.mkdir(path.join(dir, adcode), { recursive: true })
      const temp = `${where(key)}.${process.pid}.${Date.now()}.part`
      await fs.writeFile(temp, bytes)
      await fs.rename(temp, where(key))
      return key
    },
    save: async () => {},
    async read(_db, doc) {
      if (!doc.store_key) return null
      return fs.readFile(where(doc.store_key)).catch(() => null)
    },
  }
}

const S3_KEY = /^\d{6}\/[0-9a-f]{64}$/

/**
 * Objects of an S3-compatible store named by county and SHA-256 as in the folder store (path-style addresses, which
 * MinIO and the domestic clouds' S3 interfaces accept). The client is made once per settings object.
 */
function s3Store(settings: DocumentSettings['s3']): DocumentStore {
  let client: S3Client | null = null
  const s3 = () =>
    (client ??= new S3Client({
      endpoint: settings.endpoint ?? undefined,
      region: settings.region,
      forcePathStyle: true,
      credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey },
    }))
  return {
    kind: 's3',
    async prepare(adcode, sha256, bytes) {
      const key = `${adcode}/${sha256}`
      await s3().send(new PutObjectCommand({ Bucket: settings.bucket, Key: key, Body: bytes }))
      return key
    },
    save: async () => {},
    async read(_db, doc) {
      if (!doc.store_key || !S3_KEY.test(doc.store_key)) return null
      try {
        const object = await s3().send(new GetObjectCommand({ Bucket: settings.bucket, Key: doc.store_key }))
        return object.Body ? Buffer.from(await object.Body.transformToByteArray()) : null
      } catch (err) {
        if ((err as { name?: string })?.name === 'NoSuchKey') return null
        throw err
      }
    },
  }
}

const storesBySettings = new WeakMap<
  DocumentSettings,
  { current: DocumentStore; of: (kind: string) => DocumentStore }
>()

/** The store the settings choose; documents already kept elsewhere are read from where their record says. */
export function documentStores(settings: DocumentSettings): {
  current: DocumentStore
  of: (kind: string) => DocumentStore
} {
  const known = storesBySettings.get(settings)
  if (known) return known
  const stores: Record<DocumentSettings['store'], DocumentStore> = {
    database: databaseStore,
    folder: folderStore(settings.dir),
    s3: s3Store(settings.s3),
  }
  const made = {
    current: stores[settings.store],
    of: (kind: string) => stores[kind as DocumentSettings['store']] ?? databaseStore,
  }
  storesBySettings.set(settings, made)
  return made
}
