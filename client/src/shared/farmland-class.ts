import { FARMLAND_CLASS } from '../../../server/src/domain/labels.ts'
import { CLASS_COLORS } from '../../../server/src/tiles/layer-groups.ts'

/** Classes of farmland under GB 15618-2018 (耕地土壤环境质量类别), in the order the bureau reports them. */
export type FarmlandClass = keyof typeof FARMLAND_CLASS

/** The classes in report order: 优先保护类, 安全利用类, 严格管控类, 未划定. */
export const FARMLAND_CLASSES: readonly FarmlandClass[] = ['priority', 'safe_use', 'strict', 'unclassified']

/** Chinese name of a class (优先保护类 …); an unknown code is shown as it is. */
export function className(value: string | null | undefined): string {
  if (!value) return '—'
  return (FARMLAND_CLASS as Record<string, string>)[value] ?? value
}

/** The map legend's colour of a class (the same colours the parcel tiles are drawn with). */
export function classColor(value: string | null | undefined): string {
  return (CLASS_COLORS as Record<string, string>)[value ?? ''] ?? CLASS_COLORS.unclassified
}

/** The class whose Chinese name is `name` (优先保护类 → priority), or null. */
export function classOfName(name: string): FarmlandClass | null {
  return FARMLAND_CLASSES.find((c) => FARMLAND_CLASS[c] === name) ?? null
}
