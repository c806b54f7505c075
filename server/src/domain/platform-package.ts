/**
 * The platforms a county's upload package goes to: the national soil environment information platform and the
 * provincial sub-platforms. The package holds the published class list, the published plot lists and the monitoring
 * results, each as GeoPackage and zipped Shapefile (DBF in GBK), with a manifest. The platforms' own templates are
 * not public; the field names here are this system's defaults and a setting can rename each.
 */
export const PLATFORM_TARGETS = {
  national: { name: '全国土壤环境信息化管理平台', shortName: '全国平台' },
  provincial: { name: '省级土壤环境信息化管理子平台', shortName: '省级子平台' },
} as const

export type PlatformTarget = keyof typeof PLATFORM_TARGETS
export const PLATFORM_TARGET_CODES = Object.keys(PLATFORM_TARGETS) as [PlatformTarget, ...PlatformTarget[]]

/** A county as the package names it. */
export interface PackageCounty {
  adcode: string
  name: string
  cityCode: string
  city: string
  province: string
}

/** A time as “2026-12-07 17:50:49” in Beijing time. */
export function beijingTime(date: Date): string {
  return new Date(date.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ')
}

/** The package's version: county, class list and its publication, and the time made (`430903-L12P2-20261207175049`). */
export function packageVersion(
  adcode: string,
  list: { id: number; publishedVersion: number },
  createdAt: Date,
): string {
  return `${adcode}-L${list.id}P${list.publishedVersion}-${beijingTime(createdAt).replace(/[-: ]/g, '')}`
}

/** The download name of the package, with an ASCII fallback. */
export function packageFileName(
  county: Pick<PackageCounty, 'adcode' | 'name'>,
  target: PlatformTarget,
  createdAt: Date,
): { utf8: string; ascii: string } {
  const stamp = beijingTime(createdAt).slice(0, 10).replace(/-/g, '')
  return {
    utf8: `上报数据包_${PLATFORM_TARGETS[target].shortName}_${county.name}_${stamp}.zip`,
    ascii: `platform_package_${target}_${county.adcode}_${stamp}.zip`,
  }
}
