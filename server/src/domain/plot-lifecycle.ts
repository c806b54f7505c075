import { PLOT_STATUS, RISK_LEVEL } from './labels.ts'
import { can, type Capability } from './rights.ts'
import type { Role } from './roles.ts'

/**
 * The one lifecycle of a construction-land plot (docs/domain-notes.md §5.2; 《污染地块土壤环境管理办法（试行）》,
 * 《土壤污染防治法》第五十九条至第六十六条): 疑似 → 初步调查 → 污染地块 → 详细调查 → 风险评估 → 列入名录 →
 * 风险管控/修复 → 效果评估 → 申请移出 → 移出; with exits for no exceedance and acceptable risk, and 暂不开发利用 →
 * 管控区域. Pure: the service applies the answer, stores the event and writes the history.
 */

export type PlotStatus = keyof typeof PLOT_STATUS

/** A document a step needs: a report filed, or an opinion of the provincial review. */
export interface PlotDocument {
  title: string
  /** YYYY-MM-DD, not in the future. */
  date: string
  /** Summary of the conclusions, at least MIN_DOCUMENT_BODY characters. */
  body: string
  /** The file's name: of the stored document, or (older steps) the name alone. */
  attachmentName: string
  /** The stored document (uploaded before the step); absent on steps recorded before files were kept. */
  documentId?: number
  sizeBytes?: number
  sha256?: string
}

export const MIN_DOCUMENT_BODY = 10

/** What a step asks of the officer, in the order the dialog shows it. */
export type Requirement =
  | { field: 'document'; label: string }
  | { field: 'reviewDocument'; label: string }
  | { field: 'riskLevel'; label: string }
  | { field: 'reason'; label: string }
  /** Not asked: at least one pollutant above its screening value must be recorded before the step. */
  | { field: 'exceedance'; label: string }

export interface PlotTransition {
  from: readonly PlotStatus[]
  to: PlotStatus
  /** The capability of those who take the step (the plot's keeper, or the approver deciding a removal). */
  by: Extract<Capability, 'plot.edit' | 'plot.decideRemoval'>
  label: string
  requires: readonly Requirement[]
  /** What becomes public with the step (shown in the dialog), or null. */
  publicEffect: string | null
}

const report = (label: string): Requirement => ({ field: 'document', label })

export const PLOT_TRANSITIONS = {
  start_preliminary: {
    from: ['suspected'],
    to: 'preliminary_investigation',
    by: 'plot.edit',
    label: '开展初步调查',
    requires: [],
    publicEffect: null,
  },
  preliminary_clear: {
    from: ['preliminary_investigation'],
    to: 'cleared',
    by: 'plot.edit',
    label: '初步调查未超标',
    requires: [report('初步调查报告')],
    publicEffect: '初步调查报告结论公开；移出疑似污染地块名单',
  },
  preliminary_confirm: {
    from: ['preliminary_investigation'],
    to: 'contaminated',
    by: 'plot.edit',
    label: '确认为污染地块',
    requires: [
      report('初步调查报告'),
      { field: 'riskLevel', label: '风险等级' },
      { field: 'exceedance', label: '至少一项污染物超过 GB 36600 筛选值' },
    ],
    publicEffect: '列入污染地块名录（市级）并公开风险等级',
  },
  start_detailed: {
    from: ['contaminated'],
    to: 'detailed_investigation',
    by: 'plot.edit',
    label: '开展详细调查',
    requires: [],
    publicEffect: null,
  },
  start_assessment: {
    from: ['detailed_investigation'],
    to: 'risk_assessment',
    by: 'plot.edit',
    label: '开展风险评估',
    requires: [report('详细调查报告')],
    publicEffect: null,
  },
  assessment_acceptable: {
    from: ['risk_assessment'],
    to: 'cleared',
    by: 'plot.edit',
    label: '风险可接受',
    requires: [report('风险评估报告')],
    publicEffect: '移出污染地块名录',
  },
  list: {
    from: ['risk_assessment'],
    to: 'listed',
    by: 'plot.edit',
    label: '列入风险管控和修复名录',
    requires: [report('风险评估报告'), { field: 'reviewDocument', label: '省级评审意见' }],
    publicEffect: '列入建设用地土壤污染风险管控和修复名录（省级），负面清单生效',
  },
  start_control: {
    from: ['listed', 'control_zone'],
    to: 'risk_control',
    by: 'plot.edit',
    label: '实施风险管控',
    requires: [report('风险管控方案（备案）')],
    publicEffect: null,
  },
  start_remediation: {
    from: ['listed', 'control_zone'],
    to: 'remediation',
    by: 'plot.edit',
    label: '实施修复',
    requires: [report('修复方案（备案）')],
    publicEffect: null,
  },
  defer: {
    from: ['listed', 'contaminated'],
    to: 'control_zone',
    by: 'plot.edit',
    label: '暂不开发利用',
    requires: [{ field: 'reason', label: '暂不开发利用的理由' }],
    publicEffect: '划定管控区域、设立标识、发布公告',
  },
  start_evaluation: {
    from: ['risk_control', 'remediation'],
    to: 'effect_evaluation',
    by: 'plot.edit',
    label: '开展效果评估',
    requires: [],
    publicEffect: null,
  },
  apply_removal: {
    from: ['effect_evaluation'],
    to: 'removal_applied',
    by: 'plot.edit',
    label: '申请移出名录',
    requires: [report('效果评估报告')],
    publicEffect: null,
  },
  approve_removal: {
    from: ['removal_applied'],
    to: 'removed',
    by: 'plot.decideRemoval',
    label: '同意移出名录',
    requires: [report('省级移出评审意见')],
    publicEffect: '移出名录并公告',
  },
  reject_removal: {
    from: ['removal_applied'],
    to: 'effect_evaluation',
    by: 'plot.decideRemoval',
    label: '不同意移出',
    requires: [{ field: 'reason', label: '不同意移出的理由' }],
    publicEffect: null,
  },
} as const satisfies Record<string, PlotTransition>

export type PlotAction = keyof typeof PLOT_TRANSITIONS
export const PLOT_ACTIONS = Object.keys(PLOT_TRANSITIONS) as PlotAction[]

export const TRANSITION_REFUSAL = {
  UNKNOWN_ACTION: 'UNKNOWN_ACTION',
  NOT_ALLOWED_FROM_STATUS: 'NOT_ALLOWED_FROM_STATUS',
  WRONG_ROLE: 'WRONG_ROLE',
  MISSING_FIELD: 'MISSING_FIELD',
  INVALID_FIELD: 'INVALID_FIELD',
  NO_EXCEEDANCE: 'NO_EXCEEDANCE',
} as const
export type TransitionRefusalCode = keyof typeof TRANSITION_REFUSAL

export type TransitionDecision =
  | { ok: true; to: PlotStatus }
  | {
      ok: false
      code: TransitionRefusalCode
      message: string
      field?: string
      /** Every field at fault at once, when the input has more than one problem. */
      problems?: readonly FieldProblem[]
    }

export interface TransitionRequest {
  status: string
  action: string
  role: Role
  riskLevel?: string | null
  document?: Partial<PlotDocument> | null
  reviewDocument?: Partial<PlotDocument> | null
  reason?: string | null
  /** Whether at least one recorded pollutant is above its screening value (and not within the background). */
  hasExceedance: boolean
  /** Name of the land class the values were taken for, for the NO_EXCEEDANCE message ('第一类用地'). */
  landClassName: string
  /** Today as YYYY-MM-DD (documents may not be dated later). */
  today: string
}

const ROLE_WORD: Record<PlotTransition['by'], string> = {
  'plot.edit': '生态环境管理员',
  'plot.decideRemoval': '审定人',
}
const statusName = (s: string) => (PLOT_STATUS as Record<string, string>)[s] ?? s

export function isPlotAction(action: string): action is PlotAction {
  return Object.hasOwn(PLOT_TRANSITIONS, action)
}

/** The steps out of `status`, whoever may take them. */
export function transitionsFrom(status: string): PlotAction[] {
  return PLOT_ACTIONS.filter((a) => (PLOT_TRANSITIONS[a].from as readonly string[]).includes(status))
}

/** The steps out of `status` that `role` may take (the buttons the UI shows). */
export function availableTransitions(status: string, role: Role): PlotAction[] {
  return transitionsFrom(status).filter((a) => can(role, PLOT_TRANSITIONS[a].by))
}

function nextStepsText(status: string): string {
  const next = transitionsFrom(status).map((a) => `“${PLOT_TRANSITIONS[a].label}”`)
  return next.length ? `可进行的下一步：${next.join('、')}` : '该状态已是终态，没有下一步'
}

const isBlank = (v: unknown) => typeof v !== 'string' || !v.trim()
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/
/** Documents older than this are typing errors of the year (0202 for 2020). */
const EARLIEST_DOCUMENT_DATE = '1900-01-01'
const ATTACHMENT = /^[^\\/:*?"<>|\r\n]{1,120}\.[A-Za-z0-9]{1,8}$/

function isRealDate(s: string): boolean {
  const m = DATE.exec(s)
  if (!m) return false
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3])
}

type FieldProblem = { code: 'MISSING_FIELD' | 'INVALID_FIELD'; message: string; field: string }

function documentDateProblem(date: unknown, label: string, field: string, today: string): FieldProblem | null {
  if (isBlank(date)) return { code: 'MISSING_FIELD', field: `${field}.date`, message: `${label}缺少“日期”` }
  const d = (date as string).trim()
  if (!isRealDate(d))
    return {
      code: 'INVALID_FIELD',
      field: `${field}.date`,
      message: `${label}的日期“${date}”不是有效日期，应为 YYYY-MM-DD`,
    }
  if (d < EARLIEST_DOCUMENT_DATE)
    return {
      code: 'INVALID_FIELD',
      field: `${field}.date`,
      message: `${label}的日期 ${date} 早于 ${EARLIEST_DOCUMENT_DATE}，请检查年份`,
    }
  if (d > today)
    return {
      code: 'INVALID_FIELD',
      field: `${field}.date`,
      message: `${label}的日期 ${date} 晚于今天（${today}），不能使用未来日期`,
    }
  return null
}

/** Every problem of a document at once, one per field (标题, 日期, 结论摘要, 附件文件名), naming the document. */
export function documentProblems(
  doc: Partial<PlotDocument> | null | undefined,
  label: string,
  field: string,
  today: string,
): FieldProblem[] {
  if (!doc || typeof doc !== 'object')
    return [{ code: 'MISSING_FIELD', field, message: `缺少${label}（须填写标题、日期、结论摘要和附件文件名）` }]
  const problems: (FieldProblem | null)[] = [
    isBlank(doc.title) ? { code: 'MISSING_FIELD', field: `${field}.title`, message: `${label}缺少“标题”` } : null,
    documentDateProblem(doc.date, label, field, today),
    isBlank(doc.body)
      ? { code: 'MISSING_FIELD', field: `${field}.body`, message: `${label}缺少“结论摘要”` }
      : doc.body!.trim().length < MIN_DOCUMENT_BODY
        ? {
            code: 'INVALID_FIELD',
            field: `${field}.body`,
            message: `${label}的结论摘要太短（至少 ${MIN_DOCUMENT_BODY} 个字）`,
          }
        : null,
    isBlank(doc.attachmentName)
      ? { code: 'MISSING_FIELD', field: `${field}.attachmentName`, message: `${label}缺少“附件文件名”` }
      : !ATTACHMENT.test(doc.attachmentName!.trim())
        ? {
            code: 'INVALID_FIELD',
            field: `${field}.attachmentName`,
            message: `${label}的附件文件名“${doc.attachmentName}”无效，应为带扩展名的文件名，如“报告.pdf”`,
          }
        : null,
  ]
  return problems.filter((p): p is FieldProblem => p !== null)
}

/** The first problem of a document, naming the document and the field; null when it is complete. */
export function checkDocument(
  doc: Partial<PlotDocument> | null | undefined,
  label: string,
  field: string,
  today: string,
): FieldProblem | null {
  return documentProblems(doc, label, field, today)[0] ?? null
}

/** Whether the role may take the step at all (before any input): the refusal shown on a disabled button. */
export function staticRefusal(
  status: string,
  action: PlotAction,
  role: Role,
  hasExceedance: boolean,
  landClassName: string,
): TransitionDecision | null {
  const t: PlotTransition = PLOT_TRANSITIONS[action]
  if (!t.from.includes(status as PlotStatus)) {
    return {
      ok: false,
      code: 'NOT_ALLOWED_FROM_STATUS',
      message: `地块当前状态为“${statusName(status)}”，不能“${t.label}”（该步只能从${t.from.map((s) => `“${statusName(s)}”`).join('或')}进行，转入“${statusName(t.to)}”）；${nextStepsText(status)}`,
    }
  }
  if (!can(role, t.by)) return { ok: false, code: 'WRONG_ROLE', message: `“${t.label}”只能由${ROLE_WORD[t.by]}操作` }
  if (t.requires.some((r) => r.field === 'exceedance') && !hasExceedance) {
    return {
      ok: false,
      code: 'NO_EXCEEDANCE',
      field: 'pollutants',
      message: `不能确认为污染地块：尚无任何污染物检测值超过 GB 36600-2018 ${landClassName}筛选值（按地块规划用地类别），请先录入超标的污染物检测结果；未超标的地块应选择“初步调查未超标”`,
    }
  }
  return null
}

/** Whether `action` may move a plot in `status` with this input; the refusal says why, in Chinese. */
export function checkTransition(r: TransitionRequest): TransitionDecision {
  if (!isPlotAction(r.action)) {
    return {
      ok: false,
      code: 'UNKNOWN_ACTION',
      field: 'action',
      message: `没有“${r.action}”这一步；${nextStepsText(r.status)}`,
    }
  }
  const t: PlotTransition = PLOT_TRANSITIONS[r.action]
  const refusal = staticRefusal(r.status, r.action, r.role, r.hasExceedance, r.landClassName)
  if (refusal) return refusal
  if (r.riskLevel && !Object.hasOwn(RISK_LEVEL, r.riskLevel)) {
    return {
      ok: false,
      code: 'INVALID_FIELD',
      field: 'riskLevel',
      message: `风险等级“${r.riskLevel}”无效，应为：高（high）、中（medium）、低（low）`,
    }
  }
  const problems = inputProblems(t, r)
  if (problems.length === 1) return { ok: false, ...problems[0] }
  if (problems.length > 1)
    return { ok: false, code: problems[0].code, field: problems[0].field, message: sayProblems(problems), problems }
  return { ok: true, to: t.to }
}

/** What a step's input lacks, every field at once (the dialog asks the same before sending). */
export function inputProblems(
  t: { label: string; requires: readonly Requirement[] },
  input: Pick<TransitionRequest, 'document' | 'reviewDocument' | 'riskLevel' | 'reason' | 'today'>,
): FieldProblem[] {
  return t.requires.flatMap((req): FieldProblem[] => {
    if (req.field === 'document' || req.field === 'reviewDocument')
      return documentProblems(input[req.field], req.label, req.field, input.today)
    if (req.field === 'riskLevel' && !input.riskLevel)
      return [{ code: 'MISSING_FIELD', field: 'riskLevel', message: `“${t.label}”须确定风险等级（高、中、低）` }]
    if (req.field === 'reason' && isBlank(input.reason))
      return [{ code: 'MISSING_FIELD', field: 'reason', message: `“${t.label}”须填写${req.label}` }]
    return []
  })
}

/** The problems of a step as one sentence: the one problem, or 共 N 处须补正 and each of them. */
export function sayProblems(problems: readonly { message: string }[]): string {
  if (problems.length === 1) return problems[0].message
  return `共 ${problems.length} 处须补正：${problems.map((p) => p.message).join('；')}`
}
