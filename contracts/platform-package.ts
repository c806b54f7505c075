import { z } from 'zod'
import { PACKAGE_DATASET_IDS } from '../server/src/domain/platform-package-layers.ts'
import { PLATFORM_TARGET_CODES } from '../server/src/domain/platform-package.ts'

const datasetIds = PACKAGE_DATASET_IDS as [string, ...string[]]

/** `GET /api/exports/platform-package`: the upload package of one county for one platform. */
export const PlatformPackageQuery = z.object({
  adcode: z.string({ error: '请选择区县' }).regex(/^\d{6}$/, '区县应为 6 位行政区划代码'),
  target: z.enum(PLATFORM_TARGET_CODES, {
    error: '上报平台应为 national（全国土壤环境信息化管理平台）或 provincial（省级子平台）',
  }),
})
export type PlatformPackageQuery = z.infer<typeof PlatformPackageQuery>

const PackageFieldInfo = z.object({
  name: z.string(),
  source: z.string(),
  title: z.string(),
  type: z.enum(['text', 'integer', 'real']),
  width: z.number(),
  precision: z.number().optional(),
  description: z.string(),
})

const PackageMember = z.object({ file: z.string(), bytes: z.number(), sha256: z.string() })

/** One file of the package with what it holds. */
const PackageFileEntry = PackageMember.extend({
  dataset: z.enum(datasetIds),
  title: z.string(),
  layer: z.string(),
  format: z.enum(['GPKG', 'ESRI Shapefile']),
  featureCount: z.number(),
  crs: z.string(),
  encoding: z.string(),
  fields: z.array(PackageFieldInfo),
  /** The files inside a zipped Shapefile. */
  members: z.array(PackageMember).optional(),
})

/** `manifest.json` of the package. */
export const PlatformPackageManifest = z.object({
  format: z.literal('soil-platform-package/1'),
  target: z.enum(PLATFORM_TARGET_CODES),
  targetName: z.string(),
  county: z.object({ adcode: z.string(), name: z.string(), city: z.string(), province: z.string() }),
  version: z.string(),
  createdAt: z.string(),
  createdAtBeijing: z.string(),
  createdBy: z.string(),
  classList: z.object({
    id: z.number(),
    title: z.string(),
    ruleSetVersion: z.string(),
    publishedVersion: z.number(),
    publishedAt: z.string(),
    parcelCount: z.number(),
  }),
  crs: z.object({ code: z.string(), name: z.string() }),
  fieldMapNote: z.string(),
  fieldMapSource: z.string(),
  templateNote: z.string(),
  scopeNote: z.string(),
  files: z.array(PackageFileEntry),
})
export type PlatformPackageManifest = z.infer<typeof PlatformPackageManifest>

/** `GET /api/exports/platform-package/counties`: the caller's counties, what a package would hold, the field mapping. */
export const PlatformPackageCounties = z.object({
  targets: z.array(z.object({ code: z.enum(PLATFORM_TARGET_CODES), name: z.string() })),
  counties: z.array(
    z.object({
      adcode: z.string(),
      name: z.string(),
      classList: z
        .object({ id: z.number(), title: z.string(), publishedAt: z.string(), parcelCount: z.number() })
        .nullable(),
      plots: z.number(),
      results: z.number(),
      /** Why no package can be made (no published class list), in words; null when one can. */
      refusal: z.string().nullable(),
    }),
  ),
  fieldMapNote: z.string(),
  fieldMapSource: z.string(),
  layers: z.array(
    z.object({
      dataset: z.enum(datasetIds),
      code: z.string(),
      title: z.string(),
      fields: z.array(
        z.object({ source: z.string(), title: z.string(), national: z.string(), provincial: z.string() }),
      ),
    }),
  ),
})
export type PlatformPackageCounties = z.infer<typeof PlatformPackageCounties>
