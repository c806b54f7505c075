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
