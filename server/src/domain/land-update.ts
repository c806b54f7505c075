/**
 * 年度变更调查 (the annual update of a county's 三调 地类图斑): what each kind of change means, the preview's totals
 * and the officer's words for warnings and conflicts. Matching is done in SQL (sql/queries/land-update); this
 * file decides what the answers mean. Pure: no I/O.
 */
import { FARMLAND_CLASS } from './labels.ts'
import { m2ToMu } from './units.ts'

export const MATCH_KINDS = ['unchanged', 'changed', 'added', 'retired'] as const
export type MatchKind = (typeof MATCH_KINDS)[number]

export const MATCH_KIND_LABEL: Readonly<Record<MatchKind, string>> = {
  unchanged: '未变化',
  changed: '有变化',
  added: '新增',
  retired: '灭失（退出）',
}

export const DECISION_LABEL = { ours: '保留系统中的修改', theirs: '采用新年度图斑' } as const
export type Decision = keyof typeof DECISION_LABEL

type FarmlandClass = keyof typeof FARMLAND_CLASS

/** One group of the plan: parcels of one kind, class and township. */
export interface PlanGroup {
  kind: MatchKind
  class: string
  townshipCode: string | null
  townshipName: string | null
  parcels: number
  areaM2: number
}

export interface KindTotals {
  parcels: number
  areaMu: number
}

const round2 = (v: number) => Math.round(v * 100) / 100

function emptyTotals(): Record<MatchKind, KindTotals> {
  return {
    unchanged: { parcels: 0, areaMu: 0 },
    changed: { parcels: 0, areaMu: 0 },
    added: { parcels: 0, areaMu: 0 },
    retired: { parcels: 0, areaMu: 0 },
  }
}

function add(t: Record<MatchKind, KindTotals>, g: PlanGroup) {
  t[g.kind].parcels += g.parcels
  t[g.kind].areaMu = round2(t[g.kind].areaMu + m2ToMu(g.areaM2))
}

/** The preview's counts and 亩: in all, by class and by township, each split into the four kinds. */
export function summarizePlan(groups: readonly PlanGroup[]) {
  const totals = emptyTotals()
  const byClass = new Map<string, Record<MatchKind, KindTotals>>()
  const byTownship = new Map<string, { code: string | null; name: string; kinds: Record<MatchKind, KindTotals> }>()
  for (const g of groups) {
    add(totals, g)
    if (!byClass.has(g.class)) byClass.set(g.class, emptyTotals())
    add(byClass.get(g.class)!, g)
    const key = g.townshipCode ?? ''
    if (!byTownship.has(key))
      byTownship.set(key, {
        code: g.townshipCode,
        name: g.townshipName ?? g.townshipCode ?? '未确定乡镇',
        kinds: emptyTotals(),
      })
    add(byTownship.get(key)!.kinds, g)
  }
  return {
    totals,
    byClass: [...byClass].map(([cls, kinds]) => ({
      class: cls,
      className: FARMLAND_CLASS[cls as FarmlandClass] ?? cls,
      kinds,
    })),
    byTownship: [...byTownship.values()].sort((a, b) =>
      a.code === b.code ? 0 : a.code === null ? 1 : b.code === null ? -1 : a.code < b.code ? -1 : 1,
    ),
  }
}

/** A 优先保护类 or 严格管控类 parcel the update retires or reshapes. */
export interface ClassWarning {
  kind: MatchKind
  code: string
  class: 'priority' | 'strict'
  townshipName: string | null
  areaM2: number
  newAreaM2: number | null
}

/**
 * The warning for a protected or strictly controlled parcel the update retires or reshapes: its published class
 * stays until a class list says otherwise, so it is to be re-assessed in the next draft list.
 */
export function describeClassWarning(w: ClassWarning): string {
  const where = w.townshipName ? `${w.townshipName}的` : ''
  const cls = FARMLAND_CLASS[w.class]
  if (w.kind === 'retired')
    return `${where}${cls}耕地图斑 ${w.code}（${round2(m2ToMu(w.areaM2))} 亩）在新年度图斑中已不存在，将退出；请在下一版分类清单中重新核定`
  return `${where}${cls}耕地图斑 ${w.code} 的边界有变化（${round2(m2ToMu(w.areaM2))} 亩 → ${round2(m2ToMu(w.newAreaM2 ?? 0))} 亩），已公布的类别暂时保留；请在下一版分类清单中重新评估`
}

/** What the new layer does to a parcel an officer edited: reshapes, recodes or retires it. */
export function describeConflict(c: {
  kind: MatchKind
  code: string
  isReshaped: boolean
  isRecoded: boolean
  dlbm: string
  newDlbm: string | null
  editedBy: string | null
}): string {
  const who = c.editedBy ? `${c.editedBy}在系统中修改过` : '在系统中修改过'
  if (c.kind === 'retired') return `耕地图斑 ${c.code} ${who}，新年度图斑中已没有它`
  const what = [c.isReshaped ? '边界' : null, c.isRecoded ? `地类编码（${c.dlbm} → ${c.newDlbm ?? ''}）` : null].filter(
    Boolean,
  )
  return `耕地图斑 ${c.code} ${who}，新年度图斑也改了它的${what.join('和')}`
}

/** The refusal of an apply while conflicts wait for a decision. */
export function undecidedMessage(undecided: number): string {
  return `还有 ${undecided} 个冲突图斑没有选择处理方式（保留系统中的修改或采用新年度图斑），请逐个选择或全部选择后再应用`
}
