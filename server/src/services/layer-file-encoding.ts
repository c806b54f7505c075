import type { DbfEncoding, EncodingFinding } from './layer-file.ts'

/* The text encoding of a Shapefile's .dbf: from its .cpg, or judged from the bytes of its text fields. */

/** A text field of a .dbf (xBase), with its byte offset inside a record. */
interface DbfTextField {
  name: string
  offset: number
  length: number
}

/** The text fields of a .dbf and the raw bytes of its first records (dBASE III header; deleted records skipped). */
function readDbfText(dbf: Uint8Array, maxRecords: number): { fields: DbfTextField[]; records: Uint8Array[] } {
  if (dbf.length < 32) return { fields: [], records: [] }
  const view = new DataView(dbf.buffer, dbf.byteOffset, dbf.byteLength)
  const recordCount = view.getUint32(4, true)
  const headerLength = view.getUint16(8, true)
  const recordLength = view.getUint16(10, true)
  const fields: DbfTextField[] = []
  let offset = 1
  for (let at = 32; at + 32 <= headerLength && dbf[at] !== 0x0d; at += 32) {
    const nameBytes = dbf.subarray(at, at + 11)
    const end = nameBytes.indexOf(0)
    const name = new TextDecoder('latin1').decode(nameBytes.subarray(0, end < 0 ? 11 : end)).trim()
    const length = dbf[at + 16]
    if (String.fromCharCode(dbf[at + 11]) === 'C') fields.push({ name, offset, length })
    offset += length
  }
  const records: Uint8Array[] = []
  for (let i = 0; i < recordCount && records.length < maxRecords; i++) {
    const start = headerLength + i * recordLength
    if (start + recordLength > dbf.length) break
    if (dbf[start] === 0x2a) continue
    records.push(dbf.subarray(start, start + recordLength))
  }
  return { fields, records }
}

function encodingOfCpg(cpg: string): DbfEncoding | undefined {
  const t = cpg
    .trim()
    .toUpperCase()
    .replace(/[\s_-]/g, '')
  if (['UTF8', '65001'].includes(t)) return 'UTF-8'
  if (['GBK', 'CP936', '936', 'GB2312', 'GB18030', 'ANSI936', 'MS936'].includes(t)) return 'GBK'
  return undefined
}

const decodeAs = (bytes: Uint8Array, encoding: DbfEncoding) =>
  new TextDecoder(encoding === 'UTF-8' ? 'utf-8' : 'gbk').decode(bytes).replace(/[\s\0]+$/, '')

/** Fields whose names hold place names (坐落/权属单位名称) are shown first among the samples. */
const NAME_FIELDS = ['ZLDWMC', 'QSDWMC', 'XZQMC', 'DLMC']

/**
 * The encoding of a .dbf: the .cpg when it names one; else UTF-8 when every text value is valid UTF-8 (or plain
 * ASCII), else GBK (三调 databases exported from ArcGIS write the system code page, GBK, with no .cpg).
 */
export function findEncoding(
  dbf: Uint8Array,
  cpg: string | undefined,
  chosen: DbfEncoding | undefined,
): EncodingFinding {
  const { fields, records } = readDbfText(dbf, 500)
  const bytesOf = (f: DbfTextField, r: Uint8Array) => r.subarray(f.offset, f.offset + f.length)
  const ordered = [
    ...NAME_FIELDS.flatMap((n) => fields.filter((f) => f.name.toUpperCase() === n)),
    ...fields.filter((f) => !NAME_FIELDS.includes(f.name.toUpperCase())),
  ]
  const samples: EncodingFinding['samples'] = []
  for (const f of ordered) {
    for (const r of records) {
      const raw = bytesOf(f, r)
      if (!raw.some((b) => b >= 0x80)) continue
      samples.push({ field: f.name, decoded: { 'UTF-8': decodeAs(raw, 'UTF-8'), GBK: decodeAs(raw, 'GBK') } })
      break
    }
    if (samples.length >= 4) break
  }
  if (chosen) return { encoding: chosen, how: 'user', reason: `按您选择的 ${chosen} 编码读取属性`, samples }
  const fromCpg = cpg === undefined ? undefined : encodingOfCpg(cpg)
  if (fromCpg) return { encoding: fromCpg, how: 'cpg', reason: `.cpg 文件注明编码为“${cpg}”`, samples }
  let nonAscii = 0
  let validUtf8 = true
  const strict = new TextDecoder('utf-8', { fatal: true })
  for (const r of records) {
    for (const f of fields) {
      const raw = bytesOf(f, r)
      if (!raw.some((b) => b >= 0x80)) continue
      nonAscii++
      try {
        strict.decode(raw)
      } catch {
        validUtf8 = false
      }
    }
  }
  const noCpg = cpg === undefined ? '没有 .cpg 编码说明文件' : `.cpg 文件的“${cpg}”不是可识别的编码`
  if (nonAscii === 0)
    return { encoding: 'UTF-8', how: 'content', reason: `${noCpg}，属性中没有中文，按 UTF-8 读取`, samples }
  if (validUtf8) return { encoding: 'UTF-8', how: 'content', reason: `${noCpg}，中文属性是有效的 UTF-8 编码`, samples }
  return {
    encoding: 'GBK',
    how: 'content',
    reason: `${noCpg}，中文属性不是 UTF-8 编码，按 GBK（ArcGIS 导出的三调数据常用）读取`,
    samples,
  }
}

export function cpgFor(encoding: DbfEncoding) {
  return encoding === 'GBK' ? 'CP936' : 'UTF-8'
}
