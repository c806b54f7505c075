import { csvLine } from './csv.ts'
import { PLOT_STATUS, RISK_LEVEL, labelOf } from './labels.ts'
import { PUBLIC_LISTS, listOfPlotStatus } from './public-fields.ts'

/**
 * The three published lists ("一名单二名录", docs/domain-notes.md §5.1), who keeps each, and the batch announcement of a new
 * version: 新增 / 保留 / 移出 against the last published version, by plot code. Pure: no I/O.
 */

export const REGISTRY_LISTS = {
  suspected: {
    name: PUBLIC_LISTS.suspected.name,
    level: 'county',
    levelName: '县级',
    keeper: '县级生态环境主管部门',
    basis: '《污染地块土壤环境管理办法（试行）》',
  },
  contaminated: {
    name: PUBLIC_LISTS.contaminated.name,
    level: 'city',
    levelName: '设区的市级',
    keeper: '设区的市级生态环境主管部门',
    basis: '《污染地块土壤环境管理办法（试行）》；《土壤污染防治行动计划》（十六）',
  },
  control: {
    name: PUBLIC_LISTS.control.name,
    level: 'province',
    levelName: '省级',
    keeper: '省级生态环境主管部门会同自然资源等主管部门',
    basis: '《中华人民共和国土壤污染防治法》第五十八条',
  },
} as const

export type RegistryListCode = keyof typeof REGISTRY_LISTS
export const REGISTRY_LIST_CODES = Object.keys(REGISTRY_LISTS) as RegistryListCode[]

export function isRegistryListCode(value: string): value is RegistryListCode {
  return Object.hasOwn(REGISTRY_LISTS, value)
}

/** The jurisdiction that keeps `list` for a county: the county, its city (xxxx00) or its province (xx0000). */
export function jurisdictionOf(list: RegistryListCode, adcode: string): string {
  if (list === 'suspected') return adcode
  if (list === 'contaminated') return `${adcode.slice(0, 4)}00`
  return `${adcode.slice(0, 2)}0000`
}

/** Whether `code` is a jurisdiction of the level that keeps `list` (a county code for the suspected list, …). */
export function isJurisdictionOfList(list: RegistryListCode, code: string): boolean {
  if (!/^[1-9]\d{5}$/.test(code)) return false
  if (list === 'suspected') return !code.endsWith('00')
  if (list === 'contaminated') return code.endsWith('00') && !code.endsWith('0000')
  return code.endsWith('0000')
}

/** Why a jurisdiction code does not fit a list, in words; null when it fits. */
export function jurisdictionProblem(list: RegistryListCode, code: string): string | null {
  if (isJurisdictionOfList(list, code)) return null
  const want = {
    suspected: '区县代码（如 430903）',
    contaminated: '设区的市代码（如 430900）',
    control: '省级代码（如 430000）',
  }[list]
  return `${REGISTRY_LISTS[list].name}由${REGISTRY_LISTS[list].keeper}发布，辖区应为${want}，收到的是“${code}”`
}

/** One negative-list line as published. */
export interface ListNegativeUse {
  useCode: string
  useName: string
  basis: string
}

/** One plot on a published list: public fields only. */
export interface ListEntry {
  code: string
  name: string
  adcode: string
  county: string
  status: string
  statusName: string
  riskLevel: string | null
  riskLevelName: string | null
  address: string | null
  areaMu: number
  negativeList: ListNegativeUse[]
}

/** A plot removed from a list since the last version, and where it went. */
export interface RemovedEntry extends ListEntry {
  /** The list the plot is on now (by its published state), or null when it left every list or is no longer published. */
  movedTo: RegistryListCode | 'removed' | null
  reason: string
}

export interface ListAnnouncement {
  /** The version compared with (0 for the first version). */
  previousVersion: number
  added: ListEntry[]
  kept: ListEntry[]
  removed: RemovedEntry[]
  counts: { added: number; kept: number; removed: number; total: number }
}

const byCode = (a: { code: string }, b: { code: string }) => a.code.localeCompare(b.code)

/** Why a plot left `list`, from the state it is in now (null: no published record of it any more). */
export function removalReason(
  list: RegistryListCode,
  currentStatus: string | null,
): { movedTo: RemovedEntry['movedTo']; reason: string } {
  if (currentStatus === null) return { movedTo: null, reason: '地块已不在发布范围内' }
  const now = listOfPlotStatus(currentStatus)
  const statusName = labelOf(PLOT_STATUS, currentStatus)
  if (now === 'removed')
    return { movedTo: 'removed', reason: `地块现为“${statusName}”，移出${REGISTRY_LISTS[list].name}` }
  if (now === list) return { movedTo: list, reason: `地块已不在本辖区的${REGISTRY_LISTS[list].name}中` }
  return { movedTo: now, reason: `地块现为“${statusName}”，转入${REGISTRY_LISTS[now].name}` }
}

/**
 * The batch announcement of a new version: every plot of `current` is 新增 (not in the previous version) or
 * 保留; every plot of the previous version missing from `current` is 移出, with where it went (`statusNow`:
 * the published state of each plot code now, when it is still published).
 */
export function diffAnnouncement(
  list: RegistryListCode,
  previous: { version: number; entries: ListEntry[] } | null,
  current: ListEntry[],
  statusNow: ReadonlyMap<string, string>,
): ListAnnouncement {
  const before = new Set((previous?.entries ?? []).map((e) => e.code))
  const now = new Set(current.map((e) => e.code))
  const added = current.filter((e) => !before.has(e.code)).sort(byCode)
  const kept = current.filter((e) => before.has(e.code)).sort(byCode)
  const removed = (previous?.entries ?? [])
    .filter((e) => !now.has(e.code))
    .sort(byCode)
    .map((e) => ({ ...e, ...removalReason(list, statusNow.get(e.code) ?? null) }))
  return {
    previousVersion: previous?.version ?? 0,
    added,
    kept,
    removed,
    counts: { added: added.length, kept: kept.length, removed: removed.length, total: current.length },
  }
}

/** JSON with the keys of every object in order (a stored jsonb value comes back with its keys reordered). */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`
  }
  return JSON.stringify(value)
}

/** Whether two versions list the same plots with the same public fields (a new version would say nothing new). */
export function isSameEntries(a: readonly ListEntry[], b: readonly ListEntry[]): boolean {
  if (a.length !== b.length) return false
  return canonical([...a].sort(byCode)) === canonical([...b].sort(byCode))
}

/** A published plot row as the entries query answers it. */
export interface ListPlotRow {
  code: string
  name: string
  adcode: string
  county: string
  status: string
  risk_level: string | null
  address: string | null
  area_m2: number
}

/** A list entry, built field by field from a published plot (never a row passed through). */
export function toListEntry(row: ListPlotRow, negativeList: ListNegativeUse[], areaMu: number): ListEntry {
  return {
    code: row.code,
    name: row.name,
    adcode: row.adcode,
    county: row.county,
    status: row.status,
    statusName: labelOf(PLOT_STATUS, row.status),
    riskLevel: row.risk_level,
    riskLevelName: row.risk_level ? labelOf(RISK_LEVEL, row.risk_level) : null,
    address: row.address,
    areaMu,
    negativeList,
  }
}

export const ANNOUNCEMENT_KIND = { added: '新增', kept: '保留', removed: '移出' } as const

/** Column titles of the announcement CSV, in order. */
export const ANNOUNCEMENT_CSV_HEADER = [
  '类别',
  '地块编号',
  '地块名称',
  '所在区县',
  '地块状态',
  '风险等级',
  '地址',
  '面积（亩）',
  '负面清单（禁止用途）',
  '说明',
] as const

type Cell = string | number | null

const line = csvLine

/**
 * The announcement of a version as CSV (UTF-8 with BOM so spreadsheet programs read the Chinese, CRLF): a title
 * line naming the list, jurisdiction and version, the header, then 新增, 保留 and 移出 rows.
 */
export function announcementCsv(
  meta: { list: RegistryListCode; jurisdictionName: string; version: number; publishedAt: string },
  a: ListAnnouncement,
): string {
  const entryRow = (kind: string, e: ListEntry, note: string | null): Cell[] => [
    kind,
    e.code,
    e.name,
    e.county,
    e.statusName,
    e.riskLevelName,
    e.address,
    e.areaMu,
    e.negativeList.map((n) => n.useName).join('、') || null,
    note,
  ]
  const title = `${meta.jurisdictionName}${REGISTRY_LISTS[meta.list].name}（第 ${meta.version} 版，${meta.publishedAt.slice(0, 10)} 发布；与第 ${a.previousVersion} 版相比新增 ${a.counts.added} 个、保留 ${a.counts.kept} 个、移出 ${a.counts.removed} 个）`
  return (
    '\uFEFF' +
    line([title]) +
    line([...ANNOUNCEMENT_CSV_HEADER]) +
    a.added.map((e) => line(entryRow(ANNOUNCEMENT_KIND.added, e, null))).join('') +
    a.kept.map((e) => line(entryRow(ANNOUNCEMENT_KIND.kept, e, null))).join('') +
    a.removed.map((e) => line(entryRow(ANNOUNCEMENT_KIND.removed, e, e.reason))).join('')
  )
}
