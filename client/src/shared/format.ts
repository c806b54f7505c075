/** Formats a coordinate pair as CGCS2000 longitude/latitude with 6 decimals, e.g. `东经 112.345678°，北纬 28.123456°`. */
export function formatLngLat([lng, lat]: [number, number]): string {
  const ew = lng >= 0 ? '东经' : '西经'
  const ns = lat >= 0 ? '北纬' : '南纬'
  return `${ew} ${Math.abs(lng).toFixed(6)}°，${ns} ${Math.abs(lat).toFixed(6)}°`
}

/** Formats a zoom level with one decimal. */
export function formatZoom(zoom: number): string {
  return zoom.toFixed(1)
}

/** Formats an ISO timestamp as local date and time, e.g. `2026-03-08 14:05`. */
export function formatDateTime(iso: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`
}

/** Formats an area (亩 or 公顷) with two decimals and thousands separators, e.g. `12,345.67`. */
export function formatAreaValue(value: number): string {
  return value.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })
}

/** Formats a count with thousands separators, e.g. `12,345`. */
export function formatCount(value: number): string {
  return value.toLocaleString('zh-CN')
}

/** Formats a share (0..1) as a percentage with one decimal, e.g. `37.5%`. */
export function formatShare(share: number): string {
  return `${(share * 100).toFixed(1)}%`
}

/** Formats a signed change with two decimals, e.g. `+12.30` or `−4.00`; zero is `0.00`. */
export function formatSignedArea(value: number): string {
  if (Math.abs(value) < 0.005) return '0.00'
  return `${value > 0 ? '+' : '−'}${formatAreaValue(Math.abs(value))}`
}
