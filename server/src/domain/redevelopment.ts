import { checkPlannedUse } from './precheck-use.ts'
import { PLOT_STATUS, labelOf } from './labels.ts'

/**
 * 污染地块再开发利用 records: which plots may have one, the checks of one record (planned use as GB 50137-2011 code
 * the way the 用地准入核查 reads it, date, whether the risk-control or remediation targets were met) and the
 * columns of the import template. Pure: the service reads files and writes rows.
 */

/** The statuses of plots never put on the 污染地块名录 (a plot that left it through 风险可接受 did have a place on it). */
const NEVER_LISTED = ['suspected', 'preliminary_investigation'] as const

/** Whether a plot in `status` (and whether it was ever confirmed as contaminated) may have a redevelopment record. */
export function redevelopmentRefusal(status: string, wasConfirmed: boolean): string | null {
  if ((NEVER_LISTED as readonly string[]).includes(status) || (status === 'cleared' && !wasConfirmed))
    return `地块当前为“${labelOf(PLOT_STATUS, status)}”，从未列入污染地块名录，不记录再开发利用`
  return null
}

export interface RedevelopmentInput {
  plannedUse: string
  usedOn: string
  targetsMet: boolean | null
  approvalRef?: string | null
  note?: string | null
}

export interface CheckedRedevelopment {
  plannedUse: string
  plannedUseName: string
  usedOn: string
  year: number
  targetsMet: boolean
  approvalRef: string | null
  note: string | null
}

export type RedevelopmentProblem = { field: keyof RedevelopmentInput; column: string; message: string }

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const EARLIEST = '2000-01-01'
const MAX_TEXT = 500

function isRealDate(s: string): boolean {
  const m = DATE.exec(s)
  if (!m) return false
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3])
}

const text = (v: string | null | undefined) => (typeof v === 'string' && v.trim() ? v.trim() : null)

/** Every problem of a record, each naming its field and template column; the record when there is none. */
export function checkRedevelopment(
  input: RedevelopmentInput,
  today: string,
): { ok: true; value: CheckedRedevelopment } | { ok: false; problems: RedevelopmentProblem[] } {
  const problems: RedevelopmentProblem[] = []
  const use = checkPlannedUse(input.plannedUse ?? '')
  if (!use.ok) problems.push({ field: 'plannedUse', column: COLUMN.plannedUse, message: use.message })
  const usedOn = (input.usedOn ?? '').trim()
  if (!usedOn) problems.push({ field: 'usedOn', column: COLUMN.usedOn, message: '请填写开发利用日期（YYYY-MM-DD）' })
  else if (!isRealDate(usedOn))
    problems.push({
      field: 'usedOn',
      column: COLUMN.usedOn,
      message: `开发利用日期“${usedOn}”不是有效日期，应为 YYYY-MM-DD`,
    })
  else if (usedOn < EARLIEST || usedOn > today)
    problems.push({
      field: 'usedOn',
      column: COLUMN.usedOn,
      message: `开发利用日期 ${usedOn} 应在 ${EARLIEST} 至今天（${today}）之间`,
    })
  if (input.targetsMet === null || input.targetsMet === undefined)
    problems.push({
      field: 'targetsMet',
      column: COLUMN.targetsMet,
      message: '请填写开发利用时是否已达到风险管控或修复目标（是 / 否）',
    })
  for (const field of ['approvalRef', 'note'] as const) {
    const v = text(input[field])
    if (v && v.length > MAX_TEXT)
      problems.push({ field, column: COLUMN[field], message: `${COLUMN[field]}最多 ${MAX_TEXT} 个字` })
  }
  if (problems.length || !use.ok) return { ok: false, problems }
  return {
    ok: true,
    value: {
      plannedUse: use.code,
      plannedUseName: use.name,
      usedOn,
      year: Number(usedOn.slice(0, 4)),
      targetsMet: input.targetsMet!,
      approvalRef: text(input.approvalRef),
      note: text(input.note),
    },
  }
}

/** The basis text the indicators show for a record. */
export function basisOf(r: CheckedRedevelopment): string {
  const met = r.targetsMet ? '开发利用时已达到风险管控或修复目标' : '开发利用时未达到风险管控或修复目标'
  return [met, r.approvalRef ? `批准文件：${r.approvalRef}` : null, r.note].filter(Boolean).join('；')
}

/** The columns of the import template, in order, as its header writes them. */
export const COLUMN = {
  plotCode: '地块编号',
  plotName: '地块名称',
  plannedUse: '规划用途代码',
  usedOn: '开发利用日期',
  targetsMet: '是否达到目标',
  approvalRef: '批准文件文号',
  note: '说明',
} as const
export type RedevelopmentColumn = keyof typeof COLUMN

export const TEMPLATE_COLUMNS: readonly {
  field: RedevelopmentColumn
  isRequired: boolean
  allowed: string
  example: string
}[] = [
  {
    field: 'plotCode',
    isRequired: true,
    allowed: '系统中已登记、在您管辖范围内、曾列入污染地块名录的地块编号',
    example: '430903-WR0001',
  },
  { field: 'plotName', isRequired: false, allowed: '仅供核对，不导入', example: '示例化工厂地块' },
  {
    field: 'plannedUse',
    isRequired: true,
    allowed: 'GB 50137-2011 城市用地分类代码，如 R2、A33、B1、M1、G1',
    example: 'B1',
  },
  { field: 'usedOn', isRequired: true, allowed: 'YYYY-MM-DD（也可写 2024/5/3），不晚于今天', example: '2024-05-03' },
  { field: 'targetsMet', isRequired: true, allowed: '是 或 否：开发利用时是否已达到风险管控或修复目标', example: '是' },
  {
    field: 'approvalRef',
    isRequired: false,
    allowed: '用地批准或规划许可等文件的文号；文件本身可在地块档案中上传',
    example: '益自然资规〔2024〕12号',
  },
  { field: 'note', isRequired: false, allowed: '写“示例”的行不导入；其他内容保存为说明', example: '示例' },
]

export const EXAMPLE_MARK = '示例'

/** 是/否 as the sheet writes it (also Y/N, true/false, 1/0); null when blank, undefined when unreadable. */
export function readYesNo(cell: string): boolean | null | undefined {
  const v = cell.trim().toLowerCase()
  if (!v) return null
  if (['是', 'y', 'yes', 'true', '1', '达到', '已达到'].includes(v)) return true
  if (['否', 'n', 'no', 'false', '0', '未达到'].includes(v)) return false
  return undefined
}

/** 2024/5/3 and 2024-5-3 as 2024-05-03; other text unchanged. */
export function readDate(cell: string): string {
  const m = /^(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})$/.exec(cell.trim())
  return m ? `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}` : cell.trim()
}
