import type { FlagLevel } from '@contracts/monitoring'

/** The colour class of a flag: orange above screening, red above intervention or a crop limit. */
export function flagTone(level: FlagLevel): 'ok' | 'warn' | 'bad' | 'muted' {
  if (level === 'ok') return 'ok'
  if (level === 'screening') return 'warn'
  if (level === 'intervention' || level === 'limit') return 'bad'
  return 'muted'
}

export const LEVEL_OPTIONS = [
  ['national', '国控'],
  ['provincial', '省控'],
  ['city', '市控'],
  ['county', '县控'],
] as const
export const TYPE_OPTIONS = [
  ['basic', '基础点位'],
  ['risk', '风险监控点位'],
  ['background', '背景点位'],
  ['produce', '农产品产地点位'],
] as const
export const STATUS_OPTIONS = [
  ['active', '在用'],
  ['planned', '规划'],
  ['retired', '已撤销'],
] as const
