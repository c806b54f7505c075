import { formatChangedAt } from './changed-at.ts'
import { AppError } from './errors.ts'

/** Photo types a report (举报) may carry. */
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const
export type PhotoType = (typeof PHOTO_TYPES)[number]

/** The states of a report as the reporter sees them on the tracking page. */
export const REPORT_STATUS = { new: '已受理', verifying: '核查中', handled: '已办结' } as const
export type ReportStatus = keyof typeof REPORT_STATUS

/** The state changes an officer may make; 已办结 may be reopened for further checks. */
export const REPORT_STATUS_STEPS: Record<ReportStatus, readonly ReportStatus[]> = {
  new: ['verifying', 'handled'],
  verifying: ['handled'],
  handled: ['verifying'],
}

/** Crockford Base32: no I, L, O or U, so a code read aloud or typed by hand is not mistaken. */
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
/** Characters of a tracking code: 12 × 5 = 60 random bits. */
export const TRACKING_CODE_LENGTH = 12

/** A new tracking code from `randomIndex` (a uniform integer below 32), as `XXXX-XXXX-XXXX`. */
export function makeTrackingCode(randomIndex: (below: number) => number): string {
  const chars = Array.from({ length: TRACKING_CODE_LENGTH }, () => CODE_ALPHABET[randomIndex(CODE_ALPHABET.length)])
  return [0, 4, 8].map((i) => chars.slice(i, i + 4).join('')).join('-')
}

/**
 * The 12 characters of a tracking code as typed (spaces, dashes and case ignored; O read as 0, I and L as 1), or
 * null when it cannot be a code.
 */
export function normalizeTrackingCode(typed: string): string | null {
  const plain = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1')
  if (plain.length !== TRACKING_CODE_LENGTH) return null
  return [...plain].every((c) => CODE_ALPHABET.includes(c)) ? plain : null
}

/** `XXXX-XXXX-XXXX` of a normalized code. */
export function formatTrackingCode(plain: string): string {
  return [0, 4, 8].map((i) => plain.slice(i, i + 4)).join('-')
}

const METRES_PER_DEGREE = 111_320

/**
 * The draft outline of a suspected plot made from a report: a square of `sideM` metres centred on the reported
 * point (the environment officer draws the real outline later).
 */
export function draftOutlineAround(lon: number, lat: number, sideM: number) {
  const dLat = sideM / 2 / METRES_PER_DEGREE
  const dLon = sideM / 2 / (METRES_PER_DEGREE * Math.cos((lat * Math.PI) / 180))
  const ring = [
    [lon - dLon, lat - dLat],
    [lon + dLon, lat - dLat],
    [lon + dLon, lat + dLat],
    [lon - dLon, lat + dLat],
    [lon - dLon, lat - dLat],
  ]
  return { type: 'Polygon' as const, coordinates: [ring] }
}

const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0) =>
  bytes.length >= offset + signature.length && signature.every((b, i) => bytes[offset + i] === b)

/**
 * The image type read from the first bytes of a file (its magic number), whatever type the sender declared:
 * JPEG `FF D8 FF`, PNG `89 50 4E 47 0D 0A 1A 0A`, WebP `RIFF····WEBP`; null for anything else.
 */
export function detectPhotoType(bytes: Uint8Array): PhotoType | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg'
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png'
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp'
  return null
}

/** “5 MB”, “512 KB”: a byte limit as a person reads it. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Number((bytes / 1024 / 1024).toFixed(1))} MB`
  if (bytes >= 1024) return `${Number((bytes / 1024).toFixed(1))} KB`
  return `${bytes} 字节`
}

/** 409 when a report changed after the officer opened it: who changed it, when, and both versions. */
export function staleReport(
  row: { id: number; version: number; updated_at: Date; updated_by: string | null; updated_by_name: string | null },
  yourVersion: number,
): AppError {
  const who = row.updated_by ? `${row.updated_by_name ?? row.updated_by}（${row.updated_by}）` : '他人'
  return new AppError(
    'CONFLICT',
    `举报 No.${row.id} 已被 ${who}于 ${formatChangedAt(new Date(row.updated_at))} 修改（您看到的是第 ${yourVersion} 版，当前为第 ${row.version} 版），请刷新后重试`,
    { id: Number(row.id), yourVersion, currentVersion: row.version },
  )
}
