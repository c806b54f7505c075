/**
 * The 三调 land codes by group for the 地类 list of the parcel form, in the order of GB/T 21010-2017 except that the
 * 湿地 group (00: 0303 红树林地 …), which the standard puts first, goes last: a farmland officer's list opens at
 * 01 耕地 (0101 水田).
 */
export function landCodeGroups<T extends { group: string }>(codes: readonly T[]): [string, T[]][] {
  const groups = new Map<string, T[]>()
  for (const item of codes) groups.set(item.group, [...(groups.get(item.group) ?? []), item])
  const isWetland = (group: string) => group.startsWith('00')
  return [...groups].sort(([a], [b]) => Number(isWetland(a)) - Number(isWetland(b)))
}
