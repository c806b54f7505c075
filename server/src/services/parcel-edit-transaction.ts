import type { Position } from 'geojson'
import type { Database, Queryable } from '../db/database.ts'
import type { Finding } from '../domain/outline-checks.ts'
import { checkAttributes, type ParcelAttributes } from '../domain/parcel-attributes.ts'
import type { ParcelEditSettings, Problem } from '../domain/parcel-checks.ts'
import { assertCountyInScope } from '../domain/scope.ts'
import { AppError } from '../domain/errors.ts'
import {
  fillListFromPublished,
  findNextDraftList,
  insertEditList,
  lockDraftLists,
  recountLists,
  touchList,
} from '../repos/classification.repo.ts'
import { upsertEntries } from '../repos/classification-entries.repo.ts'
import {
  findParcels,
  findRemoval,
  findTownshipByCode,
  findTownshipOf,
  lockParcels,
  refreshOverviewArea,
  type ParcelRow,
} from '../repos/parcels.repo.ts'
import { insertHistory, type HistoryEntry } from '../repos/review.repo.ts'
import type { AuthContext } from './auth.service.ts'
import { checkOutline } from './outline-check.service.ts'
import { conflictError } from './parcel-conflict.ts'
import { translateDatabaseError } from './parcel-db-errors.ts'
import { recomputeEntries } from './parcel-recompute.ts'
import type { Geo } from './parcel-rows.ts'

/** Tile layers that show parcels; both are invalidated after every saved edit. */
export const PARCEL_LAYERS = ['parcel', 'parcel-overview']

/** What the parcel services need. */
export interface ParcelEditDeps {
  db: Database
  settings: ParcelEditSettings
  /** Called after a commit with the tile layers to invalidate. */
  onChanged: (layers: string[]) => void
}

type Bbox = [number, number, number, number]

/** A geometry that passed every check, with the county it lies in. */
export interface CheckedGeometry {
  geometry: Geo
  adcode: string
  county: string
  areaM2: number
}

function bboxOf(g: Geo): Bbox {
  const positions: Position[] = g.type === 'Polygon' ? g.coordinates.flat() : g.coordinates.flat(2)
  const xs = positions.map((p) => p[0])
  const ys = positions.map((p) => p[1])
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)]
}

/**
 * One user action on parcels inside one transaction: every change is checked (the outline stages, then
 * attributes) and applied in order when it passes, so a later change sees the earlier ones. Problems are
 * collected; the caller decides to roll back.
 */
export class ParcelEdit {
  readonly problems: Problem[] = []
  private readonly touched = new Map<string, Bbox>()
  /** Counties whose class list entries the action added or removed. */
  private readonly listCounties = new Set<string>()

  constructor(
    readonly tx: Queryable,
    readonly ctx: AuthContext,
    readonly settings: ParcelEditSettings,
    readonly reason: string | null,
  ) {}

  add(index: number, findings: Finding[]): void {
    for (const f of findings) this.problems.push({ index, ...f })
  }

  /** Marks the area of a geometry for the overview refresh. */
  touch(adcode: string, g: Geo): void {
    const b = bboxOf(g)
    const a = this.touched.get(adcode)
    this.touched.set(
      adcode,
      a ? [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])] : b,
    )
  }

  async refreshOverview(): Promise<void> {
    for (const [adcode, bbox] of this.touched) await refreshOverviewArea(this.tx, adcode, bbox)
  }

  async history(
    adcode: string,
    entityId: number,
    action: HistoryEntry['action'],
    before: unknown,
    after: unknown,
    reason = this.reason,
  ): Promise<void> {
    await insertHistory(this.tx, {
      adcode,
      entity: 'farmland_parcel',
      entityId,
      action,
      actor: this.ctx.user.username,
      reason,
      before,
      after,
    })
  }

  /** The parcel, locked, in scope and at `version`; 404 when it never existed, 409 when changed or removed since. */
  async lockCurrent(id: number, version: number | undefined): Promise<ParcelRow> {
    const locked = await lockParcels(this.tx, [id])
    if (!locked.length) {
      const removal = await findRemoval(this.tx, id)
      if (!removal) throw new AppError('NOT_FOUND', `没有编号为 ${id} 的耕地图斑`)
      assertCountyInScope(this.ctx, removal.adcode, removal.county)
      throw await conflictError(this.tx, id, version ?? removal.last_version ?? 0, undefined)
    }
    const [row] = await findParcels(this.tx, [id])
    assertCountyInScope(this.ctx, row.adcode, row.county)
    if (version !== undefined && version !== row.version) throw await conflictError(this.tx, id, version, row)
    return row
  }

  async read(id: number): Promise<ParcelRow> {
    return (await findParcels(this.tx, [id]))[0]
  }

  /**
   * Every outline stage a parcel needs (shape → CRS/range → validity → vertices → area/sliver → county → overlap),
   * stopping at the first failing stage; null (with problems added) on failure.
   */
  async checkGeometry(
    index: number,
    input: unknown,
    where: string,
    opts: { adcode: string | null; excludeIds: number[]; isRestore?: boolean },
  ): Promise<CheckedGeometry | null> {
    const result = await checkOutline(
      this.tx,
      { geometry: input, where, adcode: opts.adcode, excludeIds: opts.excludeIds, isRestore: opts.isRestore },
      {
        settings: this.settings,
        stages: { size: true, county: true, overlaps: true },
        onCounty: (county) => {
          if (opts.adcode === null) assertCountyInScope(this.ctx, county.adcode, county.name)
        },
      },
    )
    if (!result.ok) {
      this.add(index, result.problems)
      return null
    }
    return {
      geometry: result.geometry,
      adcode: result.county.adcode,
      county: result.county.name,
      areaM2: result.areaM2!,
    }
  }

  /**
   * Attribute problems, and the township to store: the one given (it must be of the county), else the one of
   * the geometry when it is known and new, else `current`.
   */
  async checkAttributesOf(
    index: number,
    a: ParcelAttributes,
    where: string,
    place: { adcode: string | null; geometry: Geo | null; isTownshipGiven: boolean; current: string | null },
  ): Promise<string | null> {
    this.add(index, checkAttributes(a, where))
    if (!place.adcode) return null
    if (place.isTownshipGiven && a.townshipCode) {
      if (await findTownshipByCode(this.tx, place.adcode, a.townshipCode)) return a.townshipCode
      this.add(index, [
        {
          code: 'UNKNOWN_TOWNSHIP',
          field: 'townshipCode',
          message: `${where}的乡镇代码“${a.townshipCode}”不是本区县的乡镇`,
        },
      ])
      return null
    }
    if (place.isTownshipGiven) return null
    if (place.geometry) return (await findTownshipOf(this.tx, place.geometry, place.adcode))?.code ?? null
    return place.current
  }

  /**
   * Classes recomputed from the monitoring data go into the county's next draft list (made, complete with the
   * published entries, when there is none), never onto the published class: they reach the map, the pre-check
   * and the statistics when an approver publishes that list.
   */
  async recompute(adcode: string, ids: number[], from?: string[]): Promise<void> {
    const { rules, entries } = await recomputeEntries(this.tx, adcode, ids, from)
    this.markListsChanged(adcode)
    await lockDraftLists(this.tx, adcode)
    const listId =
      (await findNextDraftList(this.tx, adcode)) ??
      (await insertEditList(this.tx, adcode, rules.version, this.ctx.user.username))
    await fillListFromPublished(this.tx, adcode, listId)
    await upsertEntries(this.tx, adcode, listId, entries)
    const version = await touchList(this.tx, adcode, listId)
    await insertHistory(this.tx, {
      adcode,
      entity: 'class_list',
      entityId: listId,
      action: 'classify',
      actor: this.ctx.user.username,
      reason: this.reason,
      before: null,
      after: {
        edit: true,
        version,
        ruleSetVersion: rules.version,
        entries: entries.map((e) => ({ parcelId: e.parcelId, class: e.class, method: e.method })),
      },
    })
  }

  /** Marks a county whose class list entries the action adds or removes (a removed parcel takes its entries). */
  markListsChanged(adcode: string): void {
    this.listCounties.add(adcode)
  }

  /** The parcel count of the class lists of every county whose entries the action changed. */
  async recountLists(): Promise<void> {
    for (const adcode of this.listCounties) await recountLists(this.tx, adcode)
  }
}

/** Thrown to roll back a dry run; carries its outcome out of the transaction. */
class DryRun<T> extends Error {
  constructor(readonly outcome: { value: T; problems: Problem[] }) {
    super('dry run')
  }
}

function checkFailed(problems: Problem[]): AppError {
  const more = problems.length > 1 ? `等 ${problems.length} 处问题` : ''
  return new AppError('GEOMETRY_CHECK', `检查未通过，未保存：${problems[0].message}${more}`, { problems })
}

/**
 * Runs one user action on parcels in one transaction. With problems nothing is written (422 GEOMETRY_CHECK);
 * a dry run goes the same way and is always rolled back. After a commit the parcel tiles are invalidated.
 */
export async function runParcelEdit<T>(
  deps: ParcelEditDeps,
  ctx: AuthContext,
  reason: string | null,
  isDryRun: boolean,
  action: (edit: ParcelEdit) => Promise<T>,
): Promise<{ value: T; problems: Problem[] }> {
  try {
    const value = await deps.db.transaction(async (tx) => {
      const edit = new ParcelEdit(tx, ctx, deps.settings, reason)
      const value = await action(edit)
      if (isDryRun) throw new DryRun({ value, problems: edit.problems })
      if (edit.problems.length) throw checkFailed(edit.problems)
      await edit.refreshOverview()
      await edit.recountLists()
      return value
    })
    deps.onChanged(PARCEL_LAYERS)
    return { value, problems: [] }
  } catch (err) {
    if (err instanceof DryRun) return err.outcome as { value: T; problems: Problem[] }
    throw translateDatabaseError(err)
  }
}
