/** Chinese names of the codes stored in the database, as the bureaus use them. */

export const FARMLAND_CLASS = {
  priority: '优先保护类',
  safe_use: '安全利用类',
  strict: '严格管控类',
  unclassified: '未划定',
} as const

export const POINT_LEVEL = { national: '国控', provincial: '省控', city: '市控', county: '县控' } as const

export const POINT_TYPE = {
  basic: '基础点位',
  risk: '风险监控点位',
  background: '背景点位',
  produce: '农产品产地点位',
} as const

export const PLOT_STATUS = {
  suspected: '疑似污染地块',
  preliminary_investigation: '初步调查',
  contaminated: '污染地块',
  detailed_investigation: '详细调查',
  risk_assessment: '风险评估',
  listed: '列入风险管控和修复名录',
  risk_control: '风险管控',
  remediation: '修复',
  effect_evaluation: '效果评估',
  removal_applied: '申请移出名录',
  removed: '已移出名录',
  cleared: '调查评估后无需管控',
  control_zone: '暂不开发利用（管控区域）',
} as const

export const RISK_LEVEL = { high: '高', medium: '中', low: '低' } as const

export const INDUSTRY = {
  nonferrous_smelting: '有色金属冶炼',
  petroleum: '石油加工',
  chemical: '化工',
  coking: '焦化',
  electroplating: '电镀',
  tanning: '制革',
  hazardous_waste: '危险废物贮存、利用、处置',
} as const

export const ENTERPRISE_STATUS = { operating: '在产', closed: '关闭', relocated: '搬迁' } as const

export const REVIEW_STATUS = {
  draft: '草稿',
  submitted: '已提交',
  approved: '已审定',
  returned: '退回',
  published: '已发布',
} as const

/** 三调 工作分类 land codes of farmland and plantation land (docs/domain-notes.md §6.2). */
export const DLBM = {
  '0101': '水田',
  '0102': '水浇地',
  '0103': '旱地',
  '0201': '果园',
  '0202': '茶园',
  '0203': '橡胶园',
  '0204': '其他园地',
  '0301': '乔木林地',
  '0302': '竹林地',
  '0305': '灌木林地',
  '0307': '其他林地',
  '0401': '天然牧草地',
  '0403': '人工牧草地',
  '0404': '其他草地',
  '0601': '工业用地',
  '0602': '采矿用地',
  '1201': '空闲地',
  '1202': '设施农用地',
} as const

/** An enterprise's industry as read: the list's name, or 其他 with the officer's words. */
export function industryNameOf(code: string, other: string | null = null): string {
  if (code === 'other') return other ? `其他（${other}）` : '其他'
  return labelOf(INDUSTRY, code)
}

/** The Chinese name of a code, or the code itself when unknown. */

export function labelOf<T extends Record<string, string>>(table: T, code: string | null | undefined): string {
  if (code === null || code === undefined) return '—'
  return (table as Record<string, string>)[code] ?? code
}
