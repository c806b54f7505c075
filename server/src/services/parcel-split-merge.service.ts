import type { LineString, Polygon } from 'geojson'
import {
  checkCoordinates,
  checkLineShape,
  checkVertices,
  judgeMeasuredOutline,
  type Finding,
} from '../domain/outline-checks.ts'
import { areaDiffRatio, checkAreaConserved, checkClassChoice, strictestClass } from '../domain/parcel-checks.ts'
import { m2ToMu } from '../domain/units.ts'
import { AppError } from '../domain/errors.ts'
import {
  allocateCodes,
  deleteParcel,
  findParcels,
  findTownshipOf,
  insertParcel,
  mergeParcelGeometry,
  splitParcelGeometry,
  type ParcelRow,
  type ParcelValues,
} from '../repos/parcels.repo.ts'
import { carryEntries } from '../repos/classification.repo.ts'
import { measureOutlines } from '../repos/outline.repo.ts'
import type { AuthContext } from './auth.service.ts'
import type { MergePreview, MergeResponse, SplitPreview, SplitResponse } from '../../../contracts/editing.ts'
import { runParcelEdit, type ParcelEdit, type ParcelEditDeps } from './parcel-edit-transaction.ts'
import { attributesOf, resultOf, snapshotOf, valuesOf, type ChangeResult, type Geo } from './parcel-rows.ts'

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
  throw new AppError('GEOMETRY_CHECK', `检查未通过：${problems[0].message}`, {
    problems: problems.map((p) => ({ index: 0, ...p })),
  })
}

/**
 * The outline stages of a single saved parcel that computed results (split parts, a merged parcel) can fail:
 * validity, vertices, then area and sliver width, each stopping the rest; all results in one round trip.
 */
async function checkResults(edit: ParcelEdit, results: { geometry: Geo; where: string }[]): Promise<Finding[]> {
  const measures = await measureOutlines(
    edit.tx,
    results.map((r) => ({
      geometry: r.geometry,
      adcode: null,
      excludeIds: [],
      isMeasured: checkVertices(r.geometry, edit.settings, r.where).length === 0,
    })),
    { size: true, overlaps: false },
  )
  return results.flatMap((r, i) =>
    judgeMeasuredOutline(
      r.geometry,
      measures[i],
      { size: true, county: false, overlaps: false },
      edit.settings,
      r.where,
    ),
  )
}

/** The parcel cut by the line into parts, each checked for size; null (with problems) when it cannot be. */
async function cut(
  edit: ParcelEdit,
  input: SplitInput,
): Promise<{ parent: ParcelRow; parts: { geometry: Polygon; areaM2: number }[] } | null> {
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
    edit.add(0, [
      { code: 'SPLIT_LINE_MISSES', message: `分割线没有完整穿过图斑 ${parent.code}，请让线的两端都落在图斑外` },
    ])
    return null
  }
  const parts = rows.map((r) => ({ geometry: r.geometry, areaM2: r.area_m2 }))
  edit.add(
    0,
    await checkResults(
      edit,
      parts.map((part, i) => ({ geometry: part.geometry, where: `分割后的第 ${i + 1} 块` })),
    ),
  )
  edit.add(
    0,
    checkAreaConserved(
      parent.area_m2,
      parts.reduce((s, p) => s + p.areaM2, 0),
      `图斑 ${parent.code} 分割`,
    ),
  )
  return { parent, parts }
}

/** `POST /api/parcels/split/preview`: the parts a line would give, with their areas; nothing is written. */
export async function previewSplit(deps: ParcelEditDeps, ctx: AuthContext, input: SplitInput): Promise<SplitPreview> {
  const { value, problems } = await runParcelEdit(deps, ctx, null, true, (edit) => cut(edit, input))
  throwIfProblems(problems)
  const parentAreaM2 = value!.parent.area_m2
  const totalAreaM2 = value!.parts.reduce((s, p) => s + p.areaM2, 0)
  return {
    parts: value!.parts.map((p) => ({ geometry: p.geometry, areaM2: p.areaM2, areaMu: m2ToMu(p.areaM2) })),
    parentAreaM2,
    totalAreaM2,
    areaDiffRatio: areaDiffRatio(parentAreaM2, totalAreaM2),
  }
}

/** How the published class of a split or merge result came about, kept in its basis and in its list entries. */
function editBasis(input: ClassChoice, fromCodes: string[]) {
  return input.classMode === 'keep'
    ? { mode: 'keep', reason: input.classReason!.trim(), from: fromCodes }
    : { mode: 'inherit', from: fromCodes }
}

const UNCLASSIFIED = { class: 'unclassified' as const, classMethod: null, classBasis: null, classListId: null }

/**
 * The published class of a split or merge result: the parent's (merge: the strictest parent's, 严格管控 > 安全利用 >
 * 优先保护), with the list it was published in. A parent with no published class (未划定) gives none: the result
 * stays 未划定 until a list classing it is published, since part of its land was never approved.
 */
function inheritedClass(parents: ParcelRow[], edit: Record<string, unknown>): ParcelValues | typeof UNCLASSIFIED {
  if (parents.some((p) => p.class === 'unclassified')) return UNCLASSIFIED
  const strictest = strictestClass(parents.map((p) => p.class))
  const from = parents.find((p) => p.class === strictest)!
  const basis = from.class_basis && typeof from.class_basis === 'object' ? from.class_basis : {}
  return {
    class: strictest,
    classMethod: from.class_method,
    classBasis: { ...basis, edit },
    classListId: from.class_list_id,
  } as ParcelValues
}

/**
 * Writes the results of a split or merge with their lineage and the parents' published class, carries the
 * parents' entries of every class list to them, removes the parents and, with 按监测数据重新计算, writes the
 * recomputed classes into the next draft list; returns the results as stored.
 */
async function replaceParcels(
  edit: ParcelEdit,
  parents: ParcelRow[],
  attributesFrom: ParcelRow,
  geometries: Geo[],
  input: ClassChoice,
): Promise<ParcelRow[]> {
  const adcode = attributesFrom.adcode
  const parentCodes = parents.map((p) => p.code)
  const basisEdit = editBasis(input, parentCodes)
  const classValues = inheritedClass(parents, basisEdit)
  const codes = await allocateCodes(edit.tx, adcode, geometries.length)
  const ids: number[] = []
  for (const [i, geometry] of geometries.entries()) {
    const township = (await findTownshipOf(edit.tx, geometry, adcode))?.code ?? attributesFrom.township_code
    ids.push(
      await insertParcel(edit.tx, {
        ...valuesOf(attributesOf(attributesFrom), township),
        ...classValues,
        adcode,
        id: null,
        code: codes[i],
        parentCodes,
        version: 1,
        geometry,
        editor: edit.ctx.user.username,
      }),
    )
  }
  await carryEntries(
    edit.tx,
    adcode,
    parents.map((p) => Number(p.id)),
    ids,
    basisEdit,
  )
  for (const p of parents) await deleteParcel(edit.tx, p.id)
  edit.markListsChanged(adcode)
  if (input.classMode === 'recompute') await edit.recompute(adcode, ids, parentCodes)
  const rows = await findParcels(edit.tx, ids)
  for (const row of rows) await edit.history(adcode, row.id, 'create', null, snapshotOf(row))
  return rows
}

/**
 * `POST /api/parcels/split`: the parcel is cut by the line (ST_Split); the children inherit its attributes, get
 * new codes and record it as their parent; it is removed with a 'split' history row, all in one transaction.
 */
export async function splitParcel(
  deps: ParcelEditDeps,
  ctx: AuthContext,
  input: SplitInput & ClassChoice,
): Promise<SplitResponse> {
  const { value } = await runParcelEdit(deps, ctx, input.reason, false, async (edit) => {
    const result = await cut(edit, input)
    edit.add(0, checkClassChoice(input.classMode, input.classReason))
    if (!result || edit.problems.length) return null
    const { parent, parts } = result
    const children = await replaceParcels(
      edit,
      [parent],
      parent,
      parts.map((p) => p.geometry),
      input,
    )
    await edit.history(parent.adcode, parent.id, 'split', snapshotOf(parent), {
      childCodes: children.map((c) => c.code),
      childIds: children.map((c) => Number(c.id)),
    })
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
  if (counties.size > 1)
    throw new AppError(
      'VALIDATION',
      `合并的图斑须在同一区县内（现为：${[...new Set(rows.map((r) => r.county))].join('、')}）`,
    )
  const union = await mergeParcelGeometry(edit.tx, ids)
  if (union.pieces.length > 1) {
    const main = union.pieces.reduce((a, b) => (b.m2 > a.m2 ? b : a))
    const apart = rows.filter((r) => !(main.ids ?? []).includes(Number(r.id))).map((r) => r.code)
    edit.add(0, [
      { code: 'NOT_ADJACENT', message: `图斑 ${apart.join('、')} 与其他图斑不相邻（没有公共边），不能合并` },
    ])
    return null
  }
  edit.add(0, await checkResults(edit, [{ geometry: union.geometry, where: '合并后的图斑' }]))
  edit.add(0, checkAreaConserved(union.parts_m2, union.area_m2, '合并'))
  const largest = rows.reduce((a, b) => (b.area_m2 > a.area_m2 ? b : a))
  return { rows, union, largest }
}

/** `POST /api/parcels/merge/preview`: the union of the parcels and its area; nothing is written. */
export async function previewMerge(deps: ParcelEditDeps, ctx: AuthContext, input: MergeInput): Promise<MergePreview> {
  const { value, problems } = await runParcelEdit(deps, ctx, null, true, (edit) => unite(edit, input))
  throwIfProblems(problems)
  const { rows, union, largest } = value!
  return {
    geometry: union.geometry,
    areaM2: union.area_m2,
    areaMu: m2ToMu(union.area_m2),
    partsAreaM2: union.parts_m2,
    areaDiffRatio: areaDiffRatio(union.parts_m2, union.area_m2),
    classes: rows.map((r) => r.class),
    attributesFrom: Number(largest.id),
  }
}

/**
 * `POST /api/parcels/merge`: adjacent parcels of one county become one (ST_Union) with a new code, the attributes
 * of one parent and all parent codes as lineage; the parents are removed with 'merge' history rows.
 */
export async function mergeParcels(
  deps: ParcelEditDeps,
  ctx: AuthContext,
  input: MergeInput & ClassChoice & { attributesFrom?: number },
): Promise<MergeResponse> {
  const { value } = await runParcelEdit(deps, ctx, input.reason, false, async (edit) => {
    const united = await unite(edit, input)
    edit.add(0, checkClassChoice(input.classMode, input.classReason))
    if (!united || edit.problems.length) return null
    const { rows, union, largest } = united
    const from = input.attributesFrom === undefined ? largest : rows.find((r) => Number(r.id) === input.attributesFrom)
    if (!from) throw new AppError('VALIDATION', `属性来源 ${input.attributesFrom} 不是被合并的图斑之一`)
    const [child] = await replaceParcels(edit, rows, from, [union.geometry], input)
    for (const r of rows) {
      await edit.history(r.adcode, r.id, 'merge', snapshotOf(r), {
        childCodes: [child.code],
        childIds: [Number(child.id)],
      })
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
