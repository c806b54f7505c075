const beijing = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
})

/** "2026-11-23 14:05" (Beijing time): when a record was changed, as a conflict message names it. */
export function formatChangedAt(at: Date): string {
  return beijing.format(at)
}

/** A stored time as an answer sends it: ISO 8601 in UTC, as `JSON.stringify` writes a Date. */
export function isoOf(at: Date | string): string {
  return at instanceof Date ? at.toISOString() : new Date(at).toISOString()
}
