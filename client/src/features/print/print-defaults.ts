import type { LegendItem } from '@contracts/map'
import type { LayerGroup, SessionUser } from '../../shared/api-types'

/** The subject of a sheet by the first layer group shown, in this order; 土壤环境信息图 when none of them is. */
const SUBJECTS: [group: string, subject: string][] = [
  ['parcel', '耕地土壤环境质量类别图'],
  ['contaminated-plot', '污染地块分布图'],
  ['control-zone', '管控区域分布图'],
  ['monitoring-point', '土壤环境监测点位分布图'],
  ['enterprise', '土壤污染重点监管单位分布图'],
]

/** The title an officer would give the sheet: the county (when the user has one) and the subject of the map. */
export function defaultTitle(user: SessionUser, groupsShown: readonly string[]): string {
  const county = user.counties.length === 1 ? `${user.counties[0].name} ` : ''
  const subject = SUBJECTS.find(([group]) => groupsShown.includes(group))?.[1] ?? '土壤环境信息图'
  return `${county}${subject}`
}

/** The mapping unit: the user's department, or the county when the account names none. */
export function defaultUnit(user: SessionUser): string {
  return (user.department || user.counties[0]?.name || '').slice(0, 30)
}

/**
 * The legend of the sheet: the entries of each group switched on that draws something in view, in the layer
 * panel's order, each entry once.
 */
export function legendOf(
  groups: readonly LayerGroup[],
  visibility: Record<string, boolean>,
  groupsShown: readonly string[],
): LegendItem[] {
  const seen = new Set<string>()
  return groups
    .filter((g) => (visibility[g.id] ?? g.visible) && groupsShown.includes(g.id))
    .flatMap((g) => g.legend)
    .filter((item) => {
      const key = `${item.kind}|${item.color}|${item.label}`
      if (seen.has(key)) return false
      seen.add(key)
      return true
    })
}
