import fs from 'node:fs/promises'
import path from 'node:path'
import type { Queryable } from '../db/database.ts'
import { insertDocumentContent, readDocumentContent } from '../repos/documents.repo.ts'

/** Where stored documents are kept and how large one may be (config.ts). */
export interface DocumentSettings {
  maxBytes: number
  /** database: the bytes in stored_document_content (one backup holds everything); folder: files under `dir`. */
  store: 'database' | 'folder'
  dir: string
}

/** Where a document's bytes live: the seam an S3-compatible store would plug into. */
export interface DocumentStore {
  readonly kind: 'database' | 'folder'
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

/** The store the settings choose; documents already kept elsewhere are read from where their record says. */
export function documentStores(settings: DocumentSettings): {
  current: DocumentStore
  of: (kind: string) => DocumentStore
} {
  const folder = folderStore(settings.dir)
  const current = settings.store === 'folder' ? folder : databaseStore
  return { current, of: (kind) => (kind === 'folder' ? folder : databaseStore) }
}
