/** Word lists for generated names. Every generated name ends with the mark below. */
export const GENERATED_MARK = '（示例）'

export const INDUSTRIES = [
  ['nonferrous_smelting', '有色金属冶炼', '冶炼'],
  ['petroleum', '石油加工', '石化'],
  ['chemical', '化工', '化工'],
  ['coking', '焦化', '焦化'],
  ['electroplating', '电镀', '电镀'],
  ['tanning', '制革', '皮革'],
  ['hazardous_waste', '危险废物利用处置', '环保处置'],
] as const

export const FIRM_WORDS = [
  '兴盛',
  '华联',
  '宏达',
  '金源',
  '鑫旺',
  '恒通',
  '永丰',
  '东方',
  '建新',
  '长青',
  '利民',
  '瑞丰',
] as const

export const PLOT_SUFFIXES = ['老厂区', '原址', '旧厂房', '堆场', '仓储区'] as const

/** Short county name for generated names: 赫山区 → 赫山, 连南瑶族自治县 → 连南. */
export function shortCountyName(name: string): string {
  const trimmed = name.replace(/(满族|壮族|瑶族|蒙古族)+自治县$/, '').replace(/[市县区]$/, '')
  return trimmed.length >= 2 ? trimmed : name
}
