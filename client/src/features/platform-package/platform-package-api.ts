import type { PlatformPackageCounties } from '@contracts/platform-package'
import { apiPath, type ApiPath } from '../../shared/api-client'

/** `GET /api/exports/platform-package/counties`: what a package of each county of the scope would hold. */
export const PACKAGE_COUNTIES_PATH: ApiPath<PlatformPackageCounties> = apiPath<PlatformPackageCounties>(
  '/api/exports/platform-package/counties',
)

/** `GET /api/exports/platform-package`: the ZIP of one county for one platform. */
export function platformPackageUrl(adcode: string, target: string): string {
  return `/api/exports/platform-package?${new URLSearchParams({ adcode, target })}`
}
