/**
 * 优先保护类耕地集中区域: contiguous 优先保护类 parcels of the published classes. Both numbers are local settings,
 * not from a standard: what counts as "concentrated" is for the county to say (《土壤污染防治行动计划》（八）
 * "严格控制在优先保护类耕地集中区域新建……" names the areas without defining them).
 */
export interface PriorityAreaSettings {
  /** Parcels this close to each other (m) belong to one area (PRIORITY_AREA_GAP_M). */
  gapM: number
  /** An area counts when its parcels total at least this much (亩; PRIORITY_AREA_MIN_MU). */
  minAreaMu: number
}

export const DEFAULT_PRIORITY_AREA_SETTINGS: PriorityAreaSettings = { gapM: 100, minAreaMu: 100 }

const M2_PER_MU = 10_000 / 15

export const muToM2 = (mu: number) => mu * M2_PER_MU

/** One version's totals, as the statistics compare them. */
export interface PriorityAreaTotals {
  version: number
  areaM2: number
  areaCount: number
  townships: { code: string | null; name: string; areaM2: number }[]
}

/** A township's area in two versions; `changeM2` < 0 when it fell. */
export interface TownshipChange {
  code: string | null
  name: string
  beforeM2: number
  afterM2: number
  changeM2: number
}

/**
 * The change from one version to the next, county-wide and per township (every township of either version, largest
 * fall first). The plans hold that 优先保护类 area must not fall, so a fall is what an officer looks for.
 */
export function compareVersions(before: PriorityAreaTotals | null, after: PriorityAreaTotals) {
  const key = (t: { code: string | null; name: string }) => t.code ?? `?${t.name}`
  const rows = new Map<string, TownshipChange>()
  for (const t of after.townships)
    rows.set(key(t), { code: t.code, name: t.name, beforeM2: 0, afterM2: t.areaM2, changeM2: t.areaM2 })
  for (const t of before?.townships ?? []) {
    const row = rows.get(key(t)) ?? { code: t.code, name: t.name, beforeM2: 0, afterM2: 0, changeM2: 0 }
    row.beforeM2 = t.areaM2
    row.changeM2 = row.afterM2 - t.areaM2
    rows.set(key(t), row)
  }
  return {
    changeM2: before ? after.areaM2 - before.areaM2 : null,
    hasFallen: before !== null && after.areaM2 < before.areaM2,
    townships: [...rows.values()].sort((a, b) => a.changeM2 - b.changeM2 || a.name.localeCompare(b.name, 'zh')),
  }
}
