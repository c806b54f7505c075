/** “12.35 亩（8,233 平方米）” */
export function formatPublicArea(areaMu: number, areaM2: number): string {
  return `${areaMu.toLocaleString('zh-CN', { maximumFractionDigits: 2 })} 亩（${areaM2.toLocaleString('zh-CN')} 平方米）`
}

/** The calendar date of an ISO timestamp in China time, e.g. `2026-03-08`. */
export function formatDay(iso: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return date.toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' })
}

/** “东经 112.345678°，北纬 28.123456°” */
export function formatLonLat([lon, lat]: [number, number]): string {
  return `${lon >= 0 ? '东经' : '西经'} ${Math.abs(lon).toFixed(6)}°，${lat >= 0 ? '北纬' : '南纬'} ${Math.abs(lat).toFixed(6)}°`
}

/** “1.2 MB”, “350 KB” */
export function formatFileSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Number((bytes / 1024 / 1024).toFixed(1))} MB`
  return `${Math.max(1, Math.round(bytes / 1024))} KB`
}
