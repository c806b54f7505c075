import { z } from 'zod'

/** Earliest date any form accepts: older dates are typing errors (0000-01-01, 0202-05-03). */
export const EARLIEST_DATE = '1900-01-01'

/** Today in China (UTC+8), YYYY-MM-DD. */
export function todayInChina(now = Date.now()): string {
  return new Date(now + 8 * 3600_000).toISOString().slice(0, 10)
}

function yearsAfter(date: string, years: number): string {
  return `${String(Number(date.slice(0, 4)) + years).padStart(4, '0')}${date.slice(4)}`
}

function isRealDate(s: string): boolean {
  const t = Date.parse(`${s}T00:00:00Z`)
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === s
}

/** What is wrong with a YYYY-MM-DD date, or null when it is a real day in the accepted range. */
function dateProblem(s: string, label: string, isNotAfterToday: boolean): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return `${label}应为 YYYY-MM-DD 格式，如 2024-05-03`
  if (!isRealDate(s)) return `${label}不是有效的日期（${s}）`
  if (s < EARLIEST_DATE) return `${label}不能早于 ${EARLIEST_DATE}，请检查年份（${s}）`
  if (isNotAfterToday && s > todayInChina()) return `${label}不能晚于今天（${s}）`
  if (s > yearsAfter(todayInChina(), 1)) return `${label}不能晚于一年之后，请检查年份（${s}）`
  return null
}

/**
 * The one date field of every form: YYYY-MM-DD, a real calendar day, from 1900-01-01 to one year after today
 * (or to today when `isNotAfterToday`, e.g. a sampling date).
 */
export function isoDate(label: string, { isNotAfterToday = false } = {}) {
  return z.string({ error: `${label}应为 YYYY-MM-DD 格式的日期` }).superRefine((s, ctx) => {
    const problem = dateProblem(s, label, isNotAfterToday)
    if (problem) ctx.addIssue({ code: 'custom', message: problem })
  })
}
