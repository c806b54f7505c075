import { FARMLAND_CLASS } from './labels.ts'
import { m2ToHectares, m2ToMu } from './units.ts'

/** The farmland classes in the order an officer reads them. */
export const CLASS_ORDER = ['priority', 'safe_use', 'strict', 'unclassified'] as const
export type ClassCode = (typeof CLASS_ORDER)[number]

export const WARNING = { PRIORITY_AREA_FALLS: 'PRIORITY_AREA_FALLS' } as const

/** Parcels and area of one class in a list and as published now. */
export interface ClassFigures {
  class: ClassCode
  className: string
  count: number
  areaMu: number
  areaHa: number
  publishedCount: number
  publishedAreaMu: number
  publishedAreaHa: number
}

/** One row of the SQL summary: a township (code '' = none) and a class. */
export interface ClassAreaRow {
  townshipCode: string
  township: string | null
  class: string
  count: number
  areaM2: number
  publishedCount: number
  publishedAreaM2: number
}

export interface PriorityWarning {
  code: typeof WARNING.PRIORITY_AREA_FALLS
  message: string
  scope: 'county' | 'township'
  name: string
  fromMu: number
  toMu: number
}

const round2 = (n: number) => Math.round(n * 100) / 100
const round4 = (n: number) => Math.round(n * 10_000) / 10_000

/** Sums rows into one figure per class (all four classes, zero when absent), areas in 亩 and hectares. */
export function figuresByClass(rows: readonly ClassAreaRow[]): ClassFigures[] {
  return CLASS_ORDER.map((cls) => {
    const mine = rows.filter((r) => r.class === cls)
    const sum = (f: (r: ClassAreaRow) => number) => mine.reduce((s, r) => s + f(r), 0)
    const areaM2 = sum((r) => r.areaM2)
    const publishedM2 = sum((r) => r.publishedAreaM2)
    return {
      class: cls,
      className: FARMLAND_CLASS[cls],
      count: sum((r) => r.count),
      areaMu: round2(m2ToMu(areaM2)),
      areaHa: round4(m2ToHectares(areaM2)),
      publishedCount: sum((r) => r.publishedCount),
      publishedAreaMu: round2(m2ToMu(publishedM2)),
      publishedAreaHa: round4(m2ToHectares(publishedM2)),
    }
  })
}

/** The summary of a list against the published classes: the county, then each township by code. */
export function summarizeByTownship(rows: readonly ClassAreaRow[]) {
  const codes = [...new Set(rows.map((r) => r.townshipCode))].sort()
  return codes.map((code) => {
    const mine = rows.filter((r) => r.townshipCode === code)
    return { code: code || null, name: mine[0].township ?? (code ? code : '未落乡镇'), byClass: figuresByClass(mine) }
  })
}

function priorityFalls(
  scope: 'county' | 'township',
  name: string,
  figures: readonly ClassFigures[],
): PriorityWarning | null {
  const p = figures.find((f) => f.class === 'priority')!
  if (!(p.areaMu < p.publishedAreaMu)) return null
  const fall = round2(p.publishedAreaMu - p.areaMu)
  return {
    code: WARNING.PRIORITY_AREA_FALLS,
    scope,
    name,
    fromMu: p.publishedAreaMu,
    toMu: p.areaMu,
    message: `${name}优先保护类耕地面积将由 ${p.publishedAreaMu.toFixed(2)} 亩减少到 ${p.areaMu.toFixed(2)} 亩（减少 ${fall.toFixed(2)} 亩）；规划要求优先保护类耕地面积不减少，提交审定须写明减少原因`,
  }
}

/** PRIORITY_AREA_FALLS for the county and for every township where the 优先保护 area of the list is smaller. */
export function priorityWarnings(
  countyName: string,
  county: readonly ClassFigures[],
  townships: readonly { name: string; byClass: readonly ClassFigures[] }[],
): PriorityWarning[] {
  return [
    priorityFalls('county', countyName, county),
    ...townships.map((t) => priorityFalls('township', t.name, t.byClass)),
  ].filter((w): w is PriorityWarning => w !== null)
}

/** The fewest characters of a written explanation of a fall of the 优先保护类 area (a choice of this system). */
export const MIN_EXPLANATION_CHARS = 10

/**
 * Why 提交审定 of a list is refused: its 优先保护类 area falls (county or a township) and no written explanation of at
 * least {@link MIN_EXPLANATION_CHARS} characters comes with it; null when none is needed or one is given.
 */
export function priorityFallRefusal(
  warnings: readonly PriorityWarning[],
  explanation: string | undefined,
): string | null {
  if (warnings.length === 0) return null
  if ((explanation?.trim().length ?? 0) >= MIN_EXPLANATION_CHARS) return null
  const where = warnings.map((w) => `${w.name}减少 ${round2(w.fromMu - w.toMu).toFixed(2)} 亩`).join('、')
  return `优先保护类耕地面积减少（${where}）。规划要求优先保护类耕地面积不减少，提交审定须在“减少原因说明”中写明原因（至少 ${MIN_EXPLANATION_CHARS} 个字），审定人审定时将看到这段说明`
}
