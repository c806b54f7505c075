import { readZipDirectory } from './zip-directory.ts'
import { listOfPlotStatus } from './public-fields.ts'

/**
 * Stored documents: the file types accepted (checked by their first bytes, never by the name alone), the kinds of
 * document and who owns them, and which kinds may be made public. Pure: the service reads and stores the bytes.
 */

export const DOCUMENT_OWNERS = ['plot', 'control_zone', 'enterprise'] as const
export type DocumentOwner = (typeof DOCUMENT_OWNERS)[number]
export const DOCUMENT_OWNER_NAME: Record<DocumentOwner, string> = {
  plot: '污染地块',
  control_zone: '管控区域',
  enterprise: '重点监管单位',
}

interface DocumentKind {
  name: string
  owners: readonly DocumentOwner[]
  /**
   * Whether the kind may be marked public: only the summaries the public list carries (《土壤污染防治法》第五十九条、
   * 第六十条 and 《污染地块土壤环境管理办法（试行）》: the conclusions of the investigation and of the risk assessment).
   */
  mayBePublic: boolean
}

export const DOCUMENT_KINDS = {
  investigation_report: { name: '调查报告', owners: ['plot'], mayBePublic: false },
  investigation_summary: { name: '调查报告（公开摘要）', owners: ['plot'], mayBePublic: true },
  risk_assessment_report: { name: '风险评估报告', owners: ['plot'], mayBePublic: false },
  risk_assessment_summary: { name: '风险评估报告（公开摘要）', owners: ['plot'], mayBePublic: true },
  control_plan: { name: '风险管控或修复方案', owners: ['plot'], mayBePublic: false },
  effect_evaluation_report: { name: '效果评估报告', owners: ['plot'], mayBePublic: false },
  expert_opinion: { name: '专家评审意见', owners: ['plot'], mayBePublic: false },
  redevelopment_approval: { name: '再开发利用批准文件', owners: ['plot'], mayBePublic: false },
  announcement_scan: { name: '管控区域公告扫描件', owners: ['control_zone'], mayBePublic: false },
  enterprise_file: { name: '企业档案文件', owners: ['enterprise'], mayBePublic: false },
  other: { name: '其他文件', owners: ['plot', 'control_zone', 'enterprise'], mayBePublic: false },
} as const satisfies Record<string, DocumentKind>

export type DocumentKindCode = keyof typeof DOCUMENT_KINDS

export function isDocumentKind(code: string): code is DocumentKindCode {
  return Object.hasOwn(DOCUMENT_KINDS, code)
}

/** The file types kept, by extension, with the media type served and the type's name in an officer's words. */
export const FILE_TYPES = {
  pdf: { mediaType: 'application/pdf', name: 'PDF 文件' },
  jpg: { mediaType: 'image/jpeg', name: 'JPEG 图片' },
  jpeg: { mediaType: 'image/jpeg', name: 'JPEG 图片' },
  png: { mediaType: 'image/png', name: 'PNG 图片' },
  docx: { mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', name: 'Word 文档' },
  xlsx: { mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', name: 'Excel 表格' },
  doc: { mediaType: 'application/msword', name: 'Word 97-2003 文档' },
  xls: { mediaType: 'application/vnd.ms-excel', name: 'Excel 97-2003 表格' },
} as const
export type FileExtension = keyof typeof FILE_TYPES

export const FILE_REFUSAL = {
  UNKNOWN_EXTENSION: 'UNKNOWN_EXTENSION',
  CONTENT_MISMATCH: 'CONTENT_MISMATCH',
  EMPTY_FILE: 'EMPTY_FILE',
} as const

export type FileCheck =
  | { ok: true; extension: FileExtension; mediaType: string }
  | { ok: false; code: keyof typeof FILE_REFUSAL; message: string }

const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]
const JPEG = [0xff, 0xd8, 0xff]
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
const ZIP = [0x50, 0x4b, 0x03, 0x04]
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]
/** Entries an archive may hold to be read at all when looking for Office parts. */
const MAX_OFFICE_ENTRIES = 10_000

const startsWith = (bytes: Uint8Array, magic: readonly number[]) => magic.every((b, i) => bytes[i] === b)

/** What the first bytes say the file is (by the file signatures of each format), or null. */
function contentType(bytes: Uint8Array): FileExtension | 'ole2' | null {
  if (startsWith(bytes, PDF)) return 'pdf'
  if (startsWith(bytes, JPEG)) return 'jpg'
  if (startsWith(bytes, PNG)) return 'png'
  if (startsWith(bytes, OLE2)) return 'ole2'
  if (!startsWith(bytes, ZIP)) return null
  const directory = readZipDirectory(bytes, MAX_OFFICE_ENTRIES)
  if (!directory.ok) return null
  const names = directory.entries.map((e) => e.name)
  if (!names.includes('[Content_Types].xml')) return null
  if (names.some((n) => n.startsWith('word/'))) return 'docx'
  if (names.some((n) => n.startsWith('xl/'))) return 'xlsx'
  return null
}

const extensionOf = (fileName: string) => /\.([A-Za-z0-9]{1,8})$/.exec(fileName)?.[1].toLowerCase() ?? ''

/** Whether the file is one of the kept types and its content is what its name says; the refusal names the file. */
export function checkDocumentFile(fileName: string, bytes: Uint8Array): FileCheck {
  const extension = extensionOf(fileName)
  if (!Object.hasOwn(FILE_TYPES, extension))
    return {
      ok: false,
      code: 'UNKNOWN_EXTENSION',
      message: `文件“${fileName}”的类型不能保存：只接受 PDF、图片（JPG、PNG）和 Office 文件（DOCX、XLSX、DOC、XLS）`,
    }
  const ext = extension as FileExtension
  if (bytes.length === 0) return { ok: false, code: 'EMPTY_FILE', message: `文件“${fileName}”是空文件，请重新选择` }
  const found = contentType(bytes)
  const matches =
    found === ext || (found === 'jpg' && ext === 'jpeg') || (found === 'ole2' && (ext === 'doc' || ext === 'xls'))
  if (!matches)
    return {
      ok: false,
      code: 'CONTENT_MISMATCH',
      message: `文件“${fileName}”的内容不是${FILE_TYPES[ext].name}（扩展名与文件内容不符），未保存；请上传原始文件，不要只改扩展名`,
    }
  return { ok: true, extension: ext, mediaType: FILE_TYPES[ext].mediaType }
}

/** Why a document cannot be marked public, or null when it may be. Public documents belong to listed plots only. */
export function publicRefusal(kind: string, owner: DocumentOwner, plotStatus: string | null): string | null {
  const k = isDocumentKind(kind) ? DOCUMENT_KINDS[kind] : null
  if (!k?.mayBePublic || owner !== 'plot') {
    const allowed = Object.values(DOCUMENT_KINDS)
      .filter((d) => d.mayBePublic)
      .map((d) => `“${d.name}”`)
      .join('、')
    return `“${k?.name ?? kind}”不能公开：只有${allowed}可以公开，其余文件仅供本系统工作人员查看`
  }
  const list = plotStatus ? listOfPlotStatus(plotStatus) : null
  if (list !== 'contaminated' && list !== 'control')
    return '地块尚未列入污染地块名录或风险管控和修复名录，其文件不能公开'
  return null
}
