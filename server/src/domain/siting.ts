import { SITING_INDUSTRY, type SitingIndustry } from './siting-industries.ts'

/** Version of these rules; stored with every siting check. */
export const SITING_RULES_VERSION = 'siting-2026.1'

/** Verdicts, weakest first. */
export const SITING_VERDICTS = ['clear', 'assess', 'unsuited', 'controlled'] as const
export type SitingVerdict = (typeof SITING_VERDICTS)[number]
export const SITING_VERDICT_NAME: Record<SitingVerdict, string> = {
  clear: '未发现限制',
  assess: '须专项论证',
  unsuited: '不宜选址',
  controlled: '严格控制',
}

/** Severities of a reason, weakest first; each but 'note' gives the verdict of the same name. */
export const SITING_SEVERITIES = ['note', 'assess', 'unsuited', 'controlled'] as const
export type SitingSeverity = (typeof SITING_SEVERITIES)[number]
export const SITING_SEVERITY_NAME: Record<SitingSeverity, string> = {
  note: '提示',
  assess: '须专项论证',
  unsuited: '不宜选址',
  controlled: '严格控制',
}

/** The kinds of feature a siting reason names. */
export const SITING_FEATURE_TYPE_NAME = {
  'priority-area': '优先保护类耕地集中区域',
  'water-source': '饮用水水源保护区',
  'ban-zone': '特定农产品禁止生产区域',
  'control-zone': '管控区域',
} as const
export type SitingFeatureType = keyof typeof SITING_FEATURE_TYPE_NAME

export const industryName = (industry: SitingIndustry) => SITING_INDUSTRY[industry]
