import { queryablesOf } from './ogc-queryables.ts'
import { refuseFilter, type FilterNode, type TimeLiteral } from './ogc-filter-tree.ts'

/**
 * Dates and times of a filter: RFC 3339 dates and date-times as CQL2 and the `datetime` parameter (OGC 17-069r4 Part 1
 * §7.15.4) write them, and a calendar day read as officers read it, in China Standard Time.
 */

const DATE_TEXT = /^(\d{4})-(\d{2})-(\d{2})$/
const TIMESTAMP_TEXT = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/

/** Whether `text` is an RFC 3339 full-date that exists in the calendar. */
export function isDate(text: string): boolean {
  const m = DATE_TEXT.exec(text)
  if (!m) return false
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3])
}

/** Whether `text` is an RFC 3339 date-time with its offset, on a day that exists. */
export function isTimestamp(text: string): boolean {
  const m = TIMESTAMP_TEXT.exec(text)
  if (!m || !isDate(`${m[1]}-${m[2]}-${m[3]}`)) return false
  return Number(m[4]) < 24 && Number(m[5]) < 60 && Number(m[6]) < 61
}

/** A day of the calendar as an instant: its start in China Standard Time (UTC+8), as officers read a date. */
export const startOfDay = (date: string) => `${date}T00:00:00+08:00`
export const nextDay = (date: string) => {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + 1)
  return d.toISOString().slice(0, 10)
}

const badDatetime = (whole: string): never =>
  refuseFilter(
    `参数 datetime“${whole}”无效：应为日期（2024-05-01）、时间（2024-05-01T08:00:00Z）或区间（2024-01-01/2024-06-30、2024-01-01/..、../2024-06-30）`,
    'datetime',
  )

function parseTimeBound(text: string, whole: string): TimeLiteral | null {
  if (text === '..' || text === '') return null
  if (isDate(text)) return { kind: 'date', value: text, at: 0 }
  if (isTimestamp(text)) return { kind: 'timestamp', value: text, at: 0 }
  return badDatetime(whole)
}

/** The `datetime` parameter (Part 1 §7.15.4): an instant, or an interval closed or open at either end. */
export function parseDatetime(text: string, collection: string): FilterNode {
  const property = queryablesOf(collection)?.datetime
  if (!property) refuseFilter(`数据集“${collection}”没有时间属性，不能按 datetime 筛选`, 'datetime')
  const parts = text.split('/')
  if (parts.length > 2) badDatetime(text)
  if (parts.length === 1) {
    const at = parseTimeBound(parts[0], text) ?? badDatetime(text)
    return { op: 'datetime', property, from: at, to: at }
  }
  const from = parseTimeBound(parts[0], text)
  const to = parseTimeBound(parts[1], text)
  if (!from && !to) badDatetime(text)
  const instant = (b: TimeLiteral) => Date.parse(b.kind === 'date' ? startOfDay(b.value) : b.value)
  if (from && to && instant(from) > instant(to)) refuseFilter(`参数 datetime“${text}”的开始晚于结束`, 'datetime')
  return { op: 'datetime', property, from, to }
}
