import path from 'node:path'
import type { UploadGuardSettings } from '../services/upload-guard.ts'
import type { DocumentSettings } from '../services/document-store.ts'
import { readChoice, readInt } from './env.ts'

/** One guard for every upload that unpacks (XLSX, zipped Shapefile, KMZ); R 待核实, a choice of this system. */
export function readUploadGuard(): UploadGuardSettings {
  return {
    maxUnpackedBytes: readInt('UPLOAD_MAX_UNPACKED_BYTES', 50 * 1024 * 1024),
    maxEntries: readInt('UPLOAD_MAX_ARCHIVE_ENTRIES', 100),
    busyWaitMs: readInt('UPLOAD_BUSY_WAIT_MS', 3000),
    retryAfterSeconds: readInt('UPLOAD_RETRY_AFTER_SECONDS', 10),
  }
}

/** Where uploaded documents are kept; rootDir gives the default folder when neither DOCUMENT_DIR nor DATA_DIR is set. */
export function readDocumentSettings(rootDir: string): DocumentSettings {
  return {
    // 单个文件（调查报告、评审意见、公告扫描件等）的大小上限
    maxBytes: readInt('DOCUMENT_MAX_BYTES', 50 * 1024 * 1024),
    // 文件存放处：database（存入数据库，一次备份包含全部文件）、folder（存入 DOCUMENT_DIR 文件夹）
    // 或 s3（存入 S3 兼容的对象存储，如 MinIO、阿里云 OSS、华为云 OBS）
    store: readChoice('DOCUMENT_STORE', ['database', 'folder', 's3'] as const, 'database'),
    dir: path.resolve(
      process.env.DOCUMENT_DIR || path.join(process.env.DATA_DIR || path.join(rootDir, '.data'), 'documents'),
    ),
    // 对象存储的地址、存储桶、区域和访问密钥（DOCUMENT_STORE=s3 时使用）
    s3: {
      endpoint: process.env.DOCUMENT_S3_ENDPOINT || null,
      bucket: process.env.DOCUMENT_S3_BUCKET || 'soil-documents',
      region: process.env.DOCUMENT_S3_REGION || 'us-east-1',
      accessKeyId: process.env.DOCUMENT_S3_ACCESS_KEY || '',
      secretAccessKey: process.env.DOCUMENT_S3_SECRET_KEY || '',
    },
  }
}
