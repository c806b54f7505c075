import {
  PACKAGE_DATASETS,
  PACKAGE_DATASET_IDS,
  type PackageDatasetId,
  type PackageField,
} from './platform-package-layers.ts'
import { PLATFORM_TARGETS, type PlatformTarget } from './platform-package.ts'

/** The words the page and the manifest carry beside the field mapping. */
export const FIELD_MAP_NOTE = '字段对照：本地设置，非国家标准，可由管理员调整'

/** The setting: per platform and layer, the platform's name of each local field (the rest keep their default). */
export type FieldMapSetting = Partial<Record<PlatformTarget, Partial<Record<PackageDatasetId, Record<string, string>>>>>

/** A field name a Shapefile can carry: ASCII letter first, letters, digits and _, at most 10 (dBASE). */
const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]{0,9}$/

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * Reads the field-mapping setting (`{"national": {"class_list": {"TBBH": "TBBH"}}}`); what it cannot use is an
 * error naming the platform, layer and field, so the server does not start on a mapping the platforms would refuse.
 */
export function parseFieldMapSetting(value: unknown, source = '字段对照设置'): FieldMapSetting {
  if (!isObject(value)) throw new Error(`${source}：应为 JSON 对象，按平台（national、provincial）分组`)
  const setting: FieldMapSetting = {}
  for (const [target, layers] of Object.entries(value)) {
    if (!Object.hasOwn(PLATFORM_TARGETS, target))
      throw new Error(`${source}：未知的平台“${target}”，应为 national（全国平台）或 provincial（省级子平台）`)
    if (!isObject(layers))
      throw new Error(`${source}：平台“${target}”下应按图层（${PACKAGE_DATASET_IDS.join('、')}）分组`)
    const byLayer: Partial<Record<PackageDatasetId, Record<string, string>>> = {}
    for (const [layer, names] of Object.entries(layers)) {
      if (!Object.hasOwn(PACKAGE_DATASETS, layer))
        throw new Error(`${source}：平台“${target}”下未知的图层“${layer}”，应为 ${PACKAGE_DATASET_IDS.join('、')} 之一`)
      if (!isObject(names)) throw new Error(`${source}：${target}.${layer} 应为“本地字段名: 平台字段名”的对象`)
      const dataset = PACKAGE_DATASETS[layer as PackageDatasetId]
      const mapping: Record<string, string> = {}
      for (const [from, to] of Object.entries(names)) {
        if (!dataset.fields.some((f) => f.source === from))
          throw new Error(
            `${source}：${target}.${layer} 中没有本地字段“${from}”，可用：${dataset.fields.map((f) => f.source).join('、')}`,
          )
        if (typeof to !== 'string' || !FIELD_NAME.test(to))
          throw new Error(
            `${source}：${target}.${layer}.${from} 的平台字段名“${String(to)}”不可用：应以英文字母开头，仅含字母、数字和下划线，最多 10 个字符（Shapefile 限制）`,
          )
        mapping[from] = to
      }
      const names10 = dataset.fields.map((f) => (mapping[f.source] ?? f.source).toUpperCase())
      const repeated = names10.find((n, i) => names10.indexOf(n) !== i)
      if (repeated) throw new Error(`${source}：${target}.${layer} 中平台字段名“${repeated}”重复（不区分大小写）`)
      byLayer[layer as PackageDatasetId] = mapping
    }
    setting[target as PlatformTarget] = byLayer
  }
  return setting
}

/** One field of a layer as written: the platform's name, the local source name and its Chinese title. */
export type MappedField = Omit<PackageField<unknown>, 'value'> & { name: string }

/** The fields of `dataset` for `target`, renamed by the setting, in column order. */
export function mappedFields(
  dataset: PackageDatasetId,
  target: PlatformTarget,
  setting: FieldMapSetting,
): MappedField[] {
  const mapping = setting[target]?.[dataset] ?? {}
  return PACKAGE_DATASETS[dataset].fields.map((f) => ({
    name: mapping[f.source] ?? f.source,
    source: f.source,
    title: f.title,
    type: f.type,
    width: f.width,
    ...(f.precision === undefined ? {} : { precision: f.precision }),
    description: f.description,
  }))
}
