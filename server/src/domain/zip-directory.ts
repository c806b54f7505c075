/** One entry of a zip file as its central directory declares it (APPNOTE.TXT 4.3.12); nothing is inflated. */
export interface ZipEntry {
  name: string
  isDirectory: boolean
  /** 0 stored, 8 deflated; other methods are refused when read. */
  method: number
  isEncrypted: boolean
  compressedSize: number
  /** As declared; a reader must stop when the data inflate beyond it. */
  uncompressedSize: number
  localHeaderOffset: number
}

export type ZipDirectory =
  | { ok: true; entries: ZipEntry[] }
  | { ok: false; reason: 'MALFORMED' }
  /** More entries than allowed; the directory is not read further. */
  | { ok: false; reason: 'TOO_MANY_ENTRIES'; entries: number }

const EOCD = 0x06054b50
const ZIP64_LOCATOR = 0x07064b50
const ZIP64_EOCD = 0x06064b50
const CENTRAL = 0x02014b50
const LOCAL = 0x04034b50
const MAX16 = 0xffff
const MAX32 = 0xffffffff

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}

function u64(v: DataView, at: number): number {
  return Number(v.getBigUint64(at, true))
}

function findEndRecord(v: DataView): number {
  const last = v.byteLength - 22
  for (let at = last; at >= 0 && at >= last - MAX16; at--) {
    if (v.getUint32(at, true) === EOCD) return at
  }
  return -1
}

/** Entries, size and offset of the central directory, from the end record (and its zip64 form when a field is full). */
function readEndRecord(v: DataView): { entries: number; size: number; offset: number } | null {
  const at = findEndRecord(v)
  if (at < 0) return null
  let entries = v.getUint16(at + 10, true)
  let size = v.getUint32(at + 12, true)
  let offset = v.getUint32(at + 16, true)
  if (entries === MAX16 || size === MAX32 || offset === MAX32) {
    const locator = at - 20
    if (locator < 0 || v.getUint32(locator, true) !== ZIP64_LOCATOR) return null
    const end64 = u64(v, locator + 8)
    if (end64 + 56 > v.byteLength || v.getUint32(end64, true) !== ZIP64_EOCD) return null
    entries = u64(v, end64 + 32)
    size = u64(v, end64 + 40)
    offset = u64(v, end64 + 48)
  }
  if (offset + size > v.byteLength) return null
  return { entries, size, offset }
}

/** The zip64 extended information extra field (0x0001) fills in the fields the header left at 0xFFFFFFFF. */
function applyZip64Extra(v: DataView, from: number, length: number, entry: ZipEntry): boolean {
  let at = from
  while (at + 4 <= from + length) {
    const id = v.getUint16(at, true)
    const size = v.getUint16(at + 2, true)
    if (id === 0x0001) {
      let field = at + 4
      const fieldEnd = Math.min(at + 4 + size, from + length)
      const take = () => {
        if (field + 8 > fieldEnd) return null
        const value = u64(v, field)
        field += 8
        return value
      }
      if (entry.uncompressedSize === MAX32) {
        const n = take()
        if (n === null) return false
        entry.uncompressedSize = n
      }
      if (entry.compressedSize === MAX32) {
        const n = take()
        if (n === null) return false
        entry.compressedSize = n
      }
      if (entry.localHeaderOffset === MAX32) {
        const n = take()
        if (n === null) return false
        entry.localHeaderOffset = n
      }
      return true
    }
    at += 4 + size
  }
  return entry.uncompressedSize !== MAX32 && entry.compressedSize !== MAX32 && entry.localHeaderOffset !== MAX32
}

/**
 * A zip entry's name: UTF-8 when flagged or valid as such, else GBK (what Chinese Windows writes without the flag).
 */
function decodeName(raw: Uint8Array, isUtf8: boolean): string {
  if (isUtf8) return new TextDecoder('utf-8').decode(raw)
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(raw)
  } catch {
    return new TextDecoder('gbk').decode(raw)
  }
}

/**
 * Reads the central directory of a zip file (XLSX, KMZ and zipped Shapefiles are zip files) without inflating
 * anything: each entry's name, method and declared sizes. Stops as soon as more than `maxEntries` are declared.
 */
export function readZipDirectory(bytes: Uint8Array, maxEntries: number): ZipDirectory {
  if (bytes.byteLength < 22) return { ok: false, reason: 'MALFORMED' }
  const v = view(bytes)
  const end = readEndRecord(v)
  if (!end) return { ok: false, reason: 'MALFORMED' }
  if (end.entries > maxEntries) return { ok: false, reason: 'TOO_MANY_ENTRIES', entries: end.entries }
  const entries: ZipEntry[] = []
  let at = end.offset
  const stop = end.offset + end.size
  for (let i = 0; i < end.entries; i++) {
    if (at + 46 > stop || v.getUint32(at, true) !== CENTRAL) return { ok: false, reason: 'MALFORMED' }
    const flags = v.getUint16(at + 8, true)
    const nameLength = v.getUint16(at + 28, true)
    const extraLength = v.getUint16(at + 30, true)
    const commentLength = v.getUint16(at + 32, true)
    if (at + 46 + nameLength + extraLength + commentLength > stop) return { ok: false, reason: 'MALFORMED' }
    const name = decodeName(bytes.subarray(at + 46, at + 46 + nameLength), (flags & 0x800) !== 0)
    const entry: ZipEntry = {
      name,
      isDirectory: name.endsWith('/'),
      method: v.getUint16(at + 10, true),
      isEncrypted: (flags & 0x1) !== 0,
      compressedSize: v.getUint32(at + 20, true),
      uncompressedSize: v.getUint32(at + 24, true),
      localHeaderOffset: v.getUint32(at + 42, true),
    }
    if (!applyZip64Extra(v, at + 46 + nameLength, extraLength, entry)) return { ok: false, reason: 'MALFORMED' }
    entries.push(entry)
    at += 46 + nameLength + extraLength + commentLength
  }
  return { ok: true, entries }
}

/** Where an entry's stored bytes lie in the file (after its local header), or null when the header is not there. */
export function locateEntryData(bytes: Uint8Array, entry: ZipEntry): { start: number; end: number } | null {
  const v = view(bytes)
  const at = entry.localHeaderOffset
  if (at + 30 > bytes.byteLength || v.getUint32(at, true) !== LOCAL) return null
  const start = at + 30 + v.getUint16(at + 26, true) + v.getUint16(at + 28, true)
  const end = start + entry.compressedSize
  return end <= bytes.byteLength ? { start, end } : null
}

/** Unpacked bytes all entries declare together. */
export function declaredUnpackedBytes(entries: readonly ZipEntry[]): number {
  return entries.reduce((n, e) => n + e.uncompressedSize, 0)
}

const ARCHIVE_EXTENSIONS = /\.(zip|kmz|7z|rar|gz|tgz|bz2|xz|tar|jar)$/i

/** An entry that is itself an archive (a zip inside the zip): never unpacked, so refused. */
export function isNestedArchive(entry: ZipEntry): boolean {
  return !entry.isDirectory && ARCHIVE_EXTENSIONS.test(entry.name)
}
