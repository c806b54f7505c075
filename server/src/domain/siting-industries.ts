import { INDUSTRY } from './labels.ts'

/**
 * Industries of a planned enterprise (建设项目选址核查): the registry's list of 重点监管单位 industries (the plan's
 * 有色金属冶炼, 石油加工, 化工, 焦化, 电镀, 制革, and 危险废物贮存、利用、处置), then the other key industries of
 * 《全国土壤污染状况详查总体方案》 (环土壤〔2017〕12号) for 重点行业企业用地调查.
 */
export const SITING_INDUSTRY = {
  ...INDUSTRY,
  nonferrous_mining: '有色金属矿采选',
  oil_extraction: '石油开采',
  pharmaceutical: '医药制造',
  lead_acid_battery: '铅酸蓄电池制造',
  e_waste: '废旧电子拆解',
  hazardous_chemicals: '危险化学品生产、储存、使用',
} as const

export type SitingIndustry = keyof typeof SITING_INDUSTRY

export const SITING_INDUSTRIES = Object.keys(SITING_INDUSTRY) as [SitingIndustry, ...SitingIndustry[]]

/**
 * The industries 《土壤污染防治行动计划》第十八条 names for 严格控制 near 优先保护类耕地集中区域 (the default of the
 * SITING_CONTROLLED_INDUSTRIES setting).
 */
export const PLAN_CONTROLLED_INDUSTRIES: readonly SitingIndustry[] = [
  'nonferrous_smelting',
  'petroleum',
  'chemical',
  'coking',
  'electroplating',
  'tanning',
]

/**
 * The controlled industries of the SITING_CONTROLLED_INDUSTRIES setting: codes or names separated by commas (化工,电镀
 * or chemical,electroplating); empty gives the plan's list. An industry not on the list stops the start-up.
 */
export function parseControlledIndustries(raw: string): SitingIndustry[] {
  const parts = raw
    .split(/[,，、]/)
    .map((p) => p.trim())
    .filter(Boolean)
  if (!parts.length) return [...PLAN_CONTROLLED_INDUSTRIES]
  return parts.map((p) => {
    const code = SITING_INDUSTRIES.find((c) => c === p || SITING_INDUSTRY[c] === p)
    if (!code)
      throw new Error(
        `SITING_CONTROLLED_INDUSTRIES: “${p}”不在行业列表中（可选：${Object.values(SITING_INDUSTRY).join('、')}）`,
      )
    return code
  })
}
