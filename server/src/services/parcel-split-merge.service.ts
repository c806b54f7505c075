import type { LineString, Polygon } from 'geojson'
import type { FarmlandClass } from '../domain/classify-farmland.ts'
import {
  areaDiffRatio, checkAreaConserved, checkClassChoice, checkCoordinates, checkLineShape, checkSize, checkVertices, strictestClass,
  type Finding,
} from '../domain/parcel-checks.ts'
import { m2ToMu } from '../domain/units.ts'
import { AppError } from '../http/errors.ts'
import {
  allocateCodes, deleteParcel, findParcels, findTownshipOf, insertParcel, measureSize, mergeParcelGeometry, splitParcelGeometry,
  type ParcelRow,
} from '../repos/parcels.repo.ts'
import type { AuthContext } from './auth.service.ts'
import {
  attributesOf, resultOf, runParcelEdit, snapshotOf, valuesOf, type ChangeResult, type Geo, type ParcelEdit, type ParcelEditDeps,
} from './parcel-edit.service.ts'

export type ClassMode = 'keep' | 'recompute'

export interface SplitInput {
  id: number
  version: number
  line: unknown
}

export interface MergeInput {
  parcels: { id: number; version: number }[]
}

/** How the class of the result is set, and why. */
export interface ClassChoice {
  reason: string
  classMode: ClassMode
  classReason?: string
}

/** Throws the 422 of a preview whose checks failed (a preview writes nothing either way). */
function throwIfProblems(problems: Finding[]): void {
  if (!problems.length) return
  throw new AppError('GEOMETRY_CHECK', `检查未通过：${problems[0].message}`, { problems: problems.map((p) => ({ index: 0, ...p })) })
}

/** The parcel cut by the line into parts, each checked for size; null (with problems) when it cannot be. */
async function cut(edit: ParcelEdit, input: SplitInput): Promise<{ parent: ParcelRow; parts: { geometry: Polygon; areaM2: number }[] } | null> {
  const parent = await edit.lockCurrent(input.id, input.version)
  const shape = checkLineShape(input.line)
  if (!shape.ok) {
    edit.add(0, shape.findings)
    return null
  }
  const line: LineString = shape.line
  const range = checkCoordinates([{ name: '', ring: line.coordinates }], undefined, '分割线')
  if (range.length) {
    edit.add(0, range)
    return null
  }
  const first = line.coordinates[0]
  const isPoint = line.coordinates.every((p) => p[0] === first[0] && p[1] === first[1])
  const rows = isPoint ? [] : await splitParcelGeometry(edit.tx, parent.id, line)
  if (rows.length < 2) {
    edit.add(0, [{ code: 'SPLIT_LINE_MISSES', message: `分割线没有完整穿过图斑 ${parent.code}，请让线的两端都落在图斑外` }])
    return null
  }
  const parts = rows.map((r) => ({ geometry: r.geometry, areaM2: r.area_m2 }))
  for (const [i, part] of parts.entries()) {
    const size = await measureSize(edit.tx, part.geometry)
    edit.add(0, checkSize({ areaM2: size.area_m2, widthM: size.width_m, centre: [size.lon, size.lat] }, edit.settings, `分割后的第 ${i + 1} 块`))
  }
  edit.add(0, checkAreaConserved(parent.area_m2, parts.reduce((s, p) => s + p.areaM2, 0), `图斑 ${parent.code} 分割`))
  return { parent, parts }
}

/** `POST /api/parcels/split/preview`: the parts a line would give, with their areas; nothing is written. */
export async function previewSplit(deps: ParcelEditDeps, ctx: AuthContext, input: SplitInput) {
  const { value, problems } = await runParcelEdit(deps, ctx, null, true, (edit) => cut(edit, input))
  throwIfProblems(problems)
  const parentAreaM2 = value!.parent.area_m2
  const totalAreaM2 = value!.parts.reduce((s, p) => s + p.areaM2, 0)
  return {
    parts: value!.parts.map((p) => ({ geometry: p.geometry, areaM2: p.areaM2, areaMu: m2ToMu(p.areaM2) })),
    parentAreaM2, totalAreaM2, areaDiffRatio: areaDiffRatio(parentAreaM2, totalAreaM2),
  }
}

/** The class a child gets when the class is kept: the parent's, with the reason in its basis. */
function keptClass(from: ParcelRow, cls: FarmlandClass, reason: string, fromCodes: string[]) {
  const basis = from.class_basis && typeof from.class_basis === 'object' ? from.class_basis : {}
  return { class: cls, classMethod: from.class_method, classBasis: { ...basis, edit: { mode: 'keep', reason, from: fromCodes } }, classListId: null }
}

const UNCLASSIFIED = { class: 'unclassified' as const, classMethod: null, classBasis: null, classListId: null }

/** Writes the new parcels of a split or merge with their lineage; returns them as stored. */
async function insertChildren(edit: ParcelEdit, adcode: string, attributesFrom: ParcelRow, geometries: Geo[], parentCodes: string[],
  classValues: ReturnType<typeof keptClass> | typeof UNCLASSIFIED, mode: ClassMode): Promise<ParcelRow[]> {
  const codes = await allocateCodes(edit.tx, adcode, geometries.length)
  const ids: number[] = []
  for (const [i, geometry] of geometries.entries()) {
    const township = (await findTownshipOf(edit.tx, geometry, adcode))?.code ?? attributesFrom.township_code
    ids.push(await insertParcel(edit.tx, {
      ...valuesOf(attributesOf(attributesFrom), township), ...classValues,
      adcode, id: null, code: codes[i], parentCodes, version: 1, geometry, editor: edit.ctx.user.username,
    }))
  }
  if (mode === 'recompute') await edit.recompute(adcode, ids)
  const rows = await findParcels(edit.tx, ids)
  for (const row of rows) await edit.history(adcode, row.id, 'create', null, snapshotOf(row))
  return rows
}

/**
 * `POST /api/parcels/split`: the parcel is cut by the line (ST_Split); the children inherit its attributes, get
 * new codes and record it as their parent; it is removed with a 'split' history row, all in one transaction.
 */
export async function splitParcel(deps: ParcelEditDeps, ctx: AuthContext, input: SplitInput & ClassChoice) {
  const { value } = await runParcelEdit(deps, ctx, input.reason, false, async (edit) => {
    const result = await cut(edit, input)
    edit.add(0, checkClassChoice(input.classMode, input.classReason))
    if (!result || edit.problems.length) return null
    const { parent, parts } = result
    await deleteParcel(edit.tx, parent.id)
    const classValues = input.classMode === 'keep' ? keptClass(parent, parent.class, input.classReason!.trim(), [parent.code]) : UNCLASSIFIED
    const children = await insertChildren(edit, parent.adcode, parent, parts.map((p) => p.geometry), [parent.code], classValues, input.classMode)
    await edit.history(parent.adcode, parent.id, 'split', snapshotOf(parent), { childCodes: children.map((c) => c.code), childIds: children.map((c) => Number(c.id)) })
    edit.touch(parent.adcode, parent.geometry)
    const total = children.reduce((s, c) => s + c.area_m2, 0)
    return {
      parent: { id: Number(parent.id), code: parent.code },
      children: children.map((c, i): ChangeResult => resultOf(i, 'create', c)),
      areaDiffRatio: areaDiffRatio(parent.area_m2, total),
    }
  })
  return value!
}

/** The parcels locked and checked for a merge, and their union; null (with problems) when they cannot be merged. */
async function unite(edit: ParcelEdit, input: MergeInput) {
  const ids = input.parcels.map((p) => p.id)
  if (new Set(ids).size !== ids.length) throw new AppError('VALIDATION', '合并的图斑有重复')
  const rows: ParcelRow[] = []
  for (const p of [...input.parcels].sort((a, b) => a.id - b.id)) rows.push(await edit.lockCurrent(p.id, p.version))
  const counties = new Set(rows.map((r) => r.adcode))
  if (counties.size > 1) throw new AppError('VALIDATION', `合并的图斑须在同一区县内（现为：${[...new Set(rows.map((r) => r.county))].join('、')}）`)
  const union = await mergeParcelGeometry(edit.tx, ids)
  if (union.pieces.length > 1) {
    const main = union.pieces.reduce((a, b) => (b.m2 > a.m2 ? b : a))
    const apart = rows.filter((r) => !(main.ids ?? []).includes(Number(r.id))).map((r) => r.code)
    edit.add(0, [{ code: 'NOT_ADJACENT', message: `图斑 ${apart.join('、')} 与其他图斑不相邻（没有公共边），不能合并` }])
    return null
  }
  edit.add(0, checkVertices(union.geometry, edit.settings, '合并后的图斑'))
  edit.add(0, checkAreaConserved(union.parts_m2, union.area_m2, '合并'))
  const largest = rows.reduce((a, b) => (b.area_m2 > a.area_m2 ? b : a))
  return { rows, union, largest }
}

/** `POST /api/parcels/merge/preview`: the union of the parcels and its area; nothing is written. */
export async function previewMerge(deps: ParcelEditDeps, ctx: AuthContext, input: MergeInput) {
  const { value, problems } = await runParcelEdit(deps, ctx, null, true, (edit) => unite(edit, input))
  throwIfProblems(problems)
  const { rows, union, largest } = value!
  return {
    geometry: union.geometry, areaM2: union.area_m2, areaMu: m2ToMu(union.area_m2), partsAreaM2: union.parts_m2,
    areaDiffRatio: areaDiffRatio(union.parts_m2, union.area_m2), classes: rows.map((r) => r.class), attributesFrom: Number(largest.id),
  }
}

/**
 * `POST /api/parcels/merge`: adjacent parcels of one county become one (ST_Union) with a new code, the attributes
 * of one parent and all parent codes as lineage; the parents are removed with 'merge' history rows.
 */
export async function mergeParcels(deps: ParcelEditDeps, ctx: AuthContext, input: MergeInput & ClassChoice & { attributesFrom?: number }) {
  const { value } = await runParcelEdit(deps, ctx, input.reason, false, async (edit) => {
    const united = await unite(edit, input)
    edit.add(0, checkClassChoice(input.classMode, input.classReason))
    if (!united || edit.problems.length) return null
    const { rows, union, largest } = united
    const from = input.attributesFrom === undefined ? largest : rows.find((r) => Number(r.id) === input.attributesFrom)
    if (!from) throw new AppError('VALIDATION', `属性来源 ${input.attributesFrom} 不是被合并的图斑之一`)
    const codes = rows.map((r) => r.code)
    for (const r of rows) await deleteParcel(edit.tx, r.id)
    const strictest = strictestClass(rows.map((r) => r.class))
    const classValues = input.classMode === 'keep'
      ? keptClass(rows.find((r) => r.class === strictest)!, strictest, input.classReason!.trim(), codes) : UNCLASSIFIED
    const [child] = await insertChildren(edit, from.adcode, from, [union.geometry], codes, classValues, input.classMode)
    for (const r of rows) {
      await edit.history(r.adcode, r.id, 'merge', snapshotOf(r), { childCodes: [child.code], childIds: [Number(child.id)] })
      edit.touch(r.adcode, r.geometry)
    }
    return {
      parents: rows.map((r) => ({ id: Number(r.id), code: r.code })),
      child: resultOf(0, 'create', child),
      areaDiffRatio: areaDiffRatio(union.parts_m2, child.area_m2),
    }
  })
  return value!
}
