import { Readable } from 'node:stream'
import { promisify } from 'node:util'
import zlib from 'node:zlib'
import { formatBytes } from '../domain/public-report.ts'
import {
  declaredUnpackedBytes,
  isNestedArchive,
  locateEntryData,
  readZipDirectory,
  type ZipEntry,
} from '../domain/zip-directory.ts'
import { AppError } from '../domain/errors.ts'

/**
 * Limits of every upload that unpacks (the XLSX of a monitoring import, the zipped Shapefile or KMZ of a pre-check)
 * and of heavy uploads read at once; config.ts, R 待核实, a choice of this system.
 */
export interface UploadGuardSettings {
  /** Bytes all entries of one archive may unpack to together (as the zip declares them, and again while inflating). */
  maxUnpackedBytes: number
  /** Entries (files and folders) one archive may hold. */
  maxEntries: number
  /** How long an upload waits for the one being read before it is refused with 429. */
  busyWaitMs: number
  /** Retry-After of that refusal. */
  retryAfterSeconds: number
}

/** How the refusals name the upload, e.g. 表格 or 压缩包“地块.zip”, and what the officer can do about its size. */
export interface ArchiveWording {
  label: string
  /** The 400 message for a file that is not a readable zip at all. */
  malformed: string
  /** Appended to the size refusals. */
  hint: string
}

/** A checked zip upload: its files (folders left out) and readers that stop at each entry's declared size. */
export interface Archive {
  files: ZipEntry[]
  /** The whole entry; 413 when it inflates beyond its declared size, 400 when its data are broken. */
  read(entry: ZipEntry): Promise<Uint8Array>
  /** The entry as a stream of inflated bytes, with the same refusals as `read` raised as stream errors. */
  stream(entry: ZipEntry): Readable
}

const inflateRaw = promisify(zlib.inflateRaw) as (data: Uint8Array, options: zlib.ZlibOptions) => Promise<Buffer>

function tooLarge(message: string, code: string): AppError {
  return new AppError('PAYLOAD_TOO_LARGE', message, { reason: code })
}

/**
 * Checks a zip upload from its central directory alone, before anything is inflated: at most `maxEntries`
 * entries, no archive inside, no entry encrypted, and at most `maxUnpackedBytes` unpacked in all. Refuses with 413
 * (a zip bomb or an oversized sheet) or 400 (not a zip).
 */
export function openArchive(bytes: Uint8Array, wording: ArchiveWording, settings: UploadGuardSettings): Archive {
  const { label, hint } = wording
  const malformed = () => new AppError('VALIDATION', wording.malformed, { reason: 'MALFORMED_FILE' })
  const directory = readZipDirectory(bytes, settings.maxEntries)
  if (!directory.ok && directory.reason === 'TOO_MANY_ENTRIES') {
    throw tooLarge(
      `${label}内有 ${directory.entries} 个文件，最多 ${settings.maxEntries} 个，未读取；${hint}`,
      'TOO_MANY_FILES',
    )
  }
  if (!directory.ok) throw malformed()
  const nested = directory.entries.find(isNestedArchive)
  if (nested)
    throw tooLarge(
      `${label}内含压缩包“${nested.name}”，不读取压缩包里的压缩包；请解压后只压缩需要上传的文件`,
      'NESTED_ARCHIVE',
    )
  const unpacked = declaredUnpackedBytes(directory.entries)
  if (unpacked > settings.maxUnpackedBytes) {
    throw tooLarge(
      `${label}解压后约 ${formatBytes(unpacked)}，超过上限 ${formatBytes(settings.maxUnpackedBytes)}，未读取；${hint}`,
      'UNPACKED_TOO_LARGE',
    )
  }
  const encrypted = directory.entries.find((e) => e.isEncrypted)
  if (encrypted)
    throw new AppError('VALIDATION', `${label}中的“${encrypted.name}”设有密码，请去掉密码后重新上传`, {
      reason: 'ENCRYPTED_FILE',
    })
  const beyond = (entry: ZipEntry) =>
    tooLarge(
      `${label}中的“${entry.name}”解压后比压缩包记录的大小（${formatBytes(entry.uncompressedSize)}）更大，文件已损坏或被改动，未读取`,
      'UNPACKED_TOO_LARGE',
    )

  const storedBytes = (entry: ZipEntry): Uint8Array => {
    const place = locateEntryData(bytes, entry)
    if (!place || (entry.method !== 0 && entry.method !== 8)) throw malformed()
    const data = bytes.subarray(place.start, place.end)
    if (entry.method === 0 && data.byteLength > entry.uncompressedSize) throw beyond(entry)
    return data
  }

  async function read(entry: ZipEntry): Promise<Uint8Array> {
    const data = storedBytes(entry)
    if (entry.method === 0) return data
    let out: Buffer
    try {
      out = await inflateRaw(data, { maxOutputLength: Math.max(1, entry.uncompressedSize) })
    } catch (err) {
      if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw beyond(entry)
      throw malformed()
    }
    if (out.byteLength > entry.uncompressedSize) throw beyond(entry)
    return out
  }

  async function* inflateChunks(entry: ZipEntry): AsyncGenerator<Buffer> {
    const data = storedBytes(entry)
    if (entry.method === 0) {
      yield Buffer.from(data.buffer, data.byteOffset, data.byteLength)
      return
    }
    const inflater = zlib.createInflateRaw()
    inflater.end(data)
    let total = 0
    try {
      for await (const chunk of inflater as AsyncIterable<Buffer>) {
        total += chunk.byteLength
        if (total > entry.uncompressedSize) throw beyond(entry)
        yield chunk
      }
    } catch (err) {
      throw err instanceof AppError ? err : malformed()
    } finally {
      inflater.destroy()
    }
  }

  return {
    files: directory.entries.filter((e) => !e.isDirectory),
    read,
    stream: (entry) => Readable.from(inflateChunks(entry), { objectMode: false }),
  }
}

let running: Promise<void> | null = null

/**
 * Runs the reading of one heavy upload at a time in this server: a second waits up to `busyWaitMs` for the first,
 * then is refused with 429 and a Retry-After (details.retryAfterSeconds).
 */
export async function runHeavyUpload<T>(settings: UploadGuardSettings, work: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + settings.busyWaitMs
  while (running) {
    const left = deadline - Date.now()
    if (left <= 0) {
      throw new AppError('RATE_LIMITED', `正在读取另一个上传的文件，请约 ${settings.retryAfterSeconds} 秒后重新上传`, {
        reason: 'UPLOAD_BUSY',
        retryAfterSeconds: settings.retryAfterSeconds,
      })
    }
    let timer: NodeJS.Timeout | undefined
    await Promise.race([
      running,
      new Promise((resolve) => {
        timer = setTimeout(resolve, left)
      }),
    ])
    clearTimeout(timer)
  }
  let release = () => {}
  running = new Promise((resolve) => {
    release = resolve
  })
  try {
    return await work()
  } finally {
    running = null
    release()
  }
}
