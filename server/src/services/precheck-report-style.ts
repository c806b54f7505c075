import type { Severity } from '../domain/precheck-reasons.ts'
import type { Verdict } from '../domain/precheck.ts'
import type { describePrecheck } from './precheck.service.ts'

/** Page layout, colours and number formats shared by the parts of the 用地准入核查意见书 PDF. */

export type Check = ReturnType<typeof describePrecheck>
export type Doc = PDFKit.PDFDocument

/** A4 portrait in PDF points, margins 48 pt (17 mm). */
export const PAGE = { width: 595.28, height: 841.89, margin: 48 }
export const CONTENT_WIDTH = PAGE.width - 2 * PAGE.margin
/** Lowest y of body text; the footer sits below it. */
export const BODY_BOTTOM = PAGE.height - PAGE.margin - 14
export const INK = '#212121'
export const MUTED = '#616161'
export const RULE = '#9e9e9e'

export const VERDICT_COLOR: Record<Verdict, string> = { allowed: '#2e7d32', investigate: '#e65100', refused: '#c62828' }
export const SEVERITY_COLOR: Record<Severity, string> = {
  refuse: '#c62828',
  investigate: '#e65100',
  note: '#1565c0',
  clear: '#2e7d32',
}
/** The checked plot as the pre-check page draws it. */
export const PLOT_FILL = '#1e88e5'
export const PLOT_LINE = '#0d47a1'

export const beijingDate = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: 'long',
  day: 'numeric',
})
export const beijingTime = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
})
export const dateOnly = (iso: string | null | undefined) => (iso ? iso.slice(0, 10) : '—')
export const fmtNumber = (n: number, digits = 1) => n.toLocaleString('zh-CN', { maximumFractionDigits: digits })
