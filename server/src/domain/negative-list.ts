import { GB50137_CODES, isGb50137Code } from './gb50137.ts'
import { LAND_USE_2023 } from './land-use-2023.ts'
import { PUBLIC_LISTS } from './public-fields.ts'

/**
 * 负面清单: the uses forbidden on a plot. The defaults follow from the plot's state and are never stored; what
 * officers add is stored in `plot_negative_use` with a reason.
 */

/** Not a GB 50137 code: "与风险管控、修复无关的建设项目" (《土壤污染防治法》第六十六条). */
export const UNRELATED_CONSTRUCTION = '*'
export const UNRELATED_CONSTRUCTION_NAME = '与风险管控、修复无关的建设项目'

export const NEGATIVE_LIST_BASIS = {
  law61: '《中华人民共和国土壤污染防治法》第六十一条',
  law66: '《中华人民共和国土壤污染防治法》第六十六条',
  cityRegistry: '《土壤污染防治行动计划》（十六）；《污染地块土壤环境管理办法（试行）》',
} as const

/** The basis stored with a use an officer adds (the reason says why). */
export const ADDED_USE_BASIS = '生态环境主管部门增列'

export interface NegativeUse {
  useCode: string
  useName: string
  basis: string
  reason: string | null
  /** A use the law forbids in this state (法定): it cannot be removed by hand. */
  isDefault: boolean
}

/** A stored row of `plot_negative_use`. */
export interface StoredNegativeUse {
  useCode: string
  basis: string
  reason: string | null
}

const inList = (list: keyof typeof PUBLIC_LISTS, status: string) =>
  (PUBLIC_LISTS[list].statuses as readonly string[]).includes(status)

/** The uses forbidden by law on a plot in `status`, each with its basis. */
export function defaultNegativeUses(status: string): NegativeUse[] {
  if (inList('control', status)) {
    return [
      {
        useCode: 'R',
        useName: GB50137_CODES.R,
        basis: NEGATIVE_LIST_BASIS.law61,
        reason: '列入建设用地土壤污染风险管控和修复名录的地块，不得作为住宅用地',
        isDefault: true,
      },
      {
        useCode: 'A',
        useName: GB50137_CODES.A,
        basis: NEGATIVE_LIST_BASIS.law61,
        reason: '列入建设用地土壤污染风险管控和修复名录的地块，不得作为公共管理与公共服务用地',
        isDefault: true,
      },
      {
        useCode: UNRELATED_CONSTRUCTION,
        useName: UNRELATED_CONSTRUCTION_NAME,
        basis: NEGATIVE_LIST_BASIS.law66,
        reason: '未达到风险管控、修复目标的地块，禁止开工建设任何与风险管控、修复无关的项目',
        isDefault: true,
      },
    ]
  }
  if (inList('contaminated', status)) {
    return [
      {
        useCode: 'R',
        useName: GB50137_CODES.R,
        basis: NEGATIVE_LIST_BASIS.cityRegistry,
        reason: '列入污染地块名录的地块，未达到相应土壤环境质量要求前不得作为住宅用地',
        isDefault: true,
      },
      {
        useCode: 'A',
        useName: GB50137_CODES.A,
        basis: NEGATIVE_LIST_BASIS.cityRegistry,
        reason: '列入污染地块名录的地块，未达到相应土壤环境质量要求前不得作为公共管理与公共服务用地',
        isDefault: true,
      },
    ]
  }
  return []
}

/**
 * The negative list of a plot: the defaults of its state first, then the uses officers added. A stored row for
 * a use the state already forbids (e.g. the sample data's) shows once, as the default.
 */
export function negativeListOf(status: string, stored: readonly StoredNegativeUse[]): NegativeUse[] {
  const defaults = defaultNegativeUses(status)
  const added = stored
    .filter((s) => !defaults.some((d) => d.useCode === s.useCode))
    .map((s) => ({
      useCode: s.useCode,
      useName: landUseName(s.useCode),
      basis: s.basis,
      reason: s.reason,
      isDefault: false,
    }))
    .sort((a, b) => a.useCode.localeCompare(b.useCode))
  return [...defaults, ...added]
}

/** The name of a use code of GB 50137-2011 or of the 2023 用地用海分类 (the code itself when it is neither). */
export function landUseName(code: string): string {
  if (code === UNRELATED_CONSTRUCTION) return UNRELATED_CONSTRUCTION_NAME
  return isGb50137Code(code) ? GB50137_CODES[code] : (LAND_USE_2023.get(code)?.name ?? code)
}

export type NegativeUseRefusal = {
  ok: false
  code: 'UNKNOWN_USE' | 'REASON_REQUIRED' | 'IS_DEFAULT' | 'ALREADY_LISTED' | 'NOT_LISTED'
  message: string
  field?: string
}

/** Whether an officer may add `useCode` to the list of a plot in `status`. */
export function checkAddNegativeUse(
  status: string,
  stored: readonly StoredNegativeUse[],
  useCode: string,
  reason: string | null | undefined,
): { ok: true } | NegativeUseRefusal {
  if (!isGb50137Code(useCode) && !LAND_USE_2023.has(useCode))
    return {
      ok: false,
      code: 'UNKNOWN_USE',
      field: 'useCode',
      message: `用地代码“${useCode}”既不是 GB 50137-2011 城市用地分类代码，也不是国土空间用地用海分类（2023）的建设用地代码`,
    }
  const listed = negativeListOf(status, stored).find((u) => u.useCode === useCode)
  if (listed?.isDefault)
    return {
      ok: false,
      code: 'IS_DEFAULT',
      field: 'useCode',
      message: `“${listed.useName}（${useCode}）”已是法定禁止用途（依据${listed.basis}），无需增列`,
    }
  if (listed)
    return {
      ok: false,
      code: 'ALREADY_LISTED',
      field: 'useCode',
      message: `“${listed.useName}（${useCode}）”已在负面清单中`,
    }
  if (!reason?.trim())
    return {
      ok: false,
      code: 'REASON_REQUIRED',
      field: 'reason',
      message: `增列禁止用途“${landUseName(useCode)}（${useCode}）”须填写理由`,
    }
  return { ok: true }
}

/** Whether an officer may remove `useCode` from the list: only uses added by hand, with a reason. */
export function checkRemoveNegativeUse(
  status: string,
  stored: readonly StoredNegativeUse[],
  useCode: string,
  reason: string | null | undefined,
): { ok: true } | NegativeUseRefusal {
  const listed = negativeListOf(status, stored).find((u) => u.useCode === useCode)
  if (!listed)
    return {
      ok: false,
      code: 'NOT_LISTED',
      field: 'useCode',
      message: `负面清单中没有用途“${landUseName(useCode)}（${useCode}）”`,
    }
  if (listed.isDefault)
    return {
      ok: false,
      code: 'IS_DEFAULT',
      field: 'useCode',
      message: `“${listed.useName}”是法定禁止用途（依据${listed.basis}），不能删除；地块移出名录后自动解除`,
    }
  if (!reason?.trim())
    return {
      ok: false,
      code: 'REASON_REQUIRED',
      field: 'reason',
      message: `删除禁止用途“${listed.useName}（${useCode}）”须填写理由`,
    }
  return { ok: true }
}
