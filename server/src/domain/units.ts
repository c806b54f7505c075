/** 1 亩 = 10000/15 m² (docs/domain-notes.md §6.4); the factor is exact, unlike 666.7. */
export const MU_PER_M2 = 0.0015

export function m2ToMu(areaM2: number): number {
  return areaM2 * MU_PER_M2
}

export function m2ToHectares(areaM2: number): number {
  return areaM2 / 10_000
}

/** “6.02 亩（0.40 公顷）” */
export function formatArea(areaM2: number): string {
  return `${m2ToMu(areaM2).toFixed(2)} 亩（${m2ToHectares(areaM2).toFixed(2)} 公顷）`
}
