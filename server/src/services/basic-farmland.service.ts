import type { Database } from '../db/database.ts'
import {
  BASIC_FARMLAND_BASIS,
  DISAGREEMENT_KINDS,
  describeDisagreement,
  type DisagreementKind,
} from '../domain/basic-farmland.ts'
import { AppError } from '../domain/errors.ts'
import { assertCountyInScope } from '../domain/scope.ts'
import { m2ToMu } from '../domain/units.ts'
import { countBasicFarmland, findDisagreements, findListCounty } from '../repos/basic-farmland.repo.ts'
import { findCounty } from '../repos/parcels.repo.ts'
import type { AuthContext } from './auth.service.ts'

/** Parcels listed per kind; the counts and areas cover every one. */
const ROWS_PER_KIND = 200

const mu = (m2: number) => Number(m2ToMu(m2).toFixed(2))

/**
 * The classification page's comparison with 永久基本农田: for a county in the user's scope, the classes of a class
 * list (or, without one, the published classes) against the county's 永久基本农田图斑, each disagreeing parcel with
 * its area, the part inside and its extent for 定位.
 */
export async function listBasicFarmlandDisagreements(
  db: Database,
  ctx: AuthContext,
  q: { adcode: string; listId: number | null },
  settings: { minOverlapM2: number },
) {
  const county = await findCounty(db, q.adcode)
  if (!county) throw new AppError('NOT_FOUND', `没有行政区划代码为 ${q.adcode} 的区县`)
  assertCountyInScope(ctx, county.adcode, county.name)
  if (q.listId !== null) {
    const listCounty = await findListCounty(db, q.listId)
    if (!listCounty) throw new AppError('NOT_FOUND', `没有编号为 ${q.listId} 的分类清单`)
    if (listCounty !== county.adcode)
      throw new AppError(
        'BAD_REQUEST',
        `分类清单 ${q.listId} 不属于${county.name}（${county.adcode}），请选择本区县的清单`,
      )
  }
  const farmland = await countBasicFarmland(db, county.adcode)
  const { rows, totals } = await findDisagreements(db, {
    adcode: county.adcode,
    listId: q.listId,
    minOverlapM2: settings.minOverlapM2,
    limitPerKind: ROWS_PER_KIND,
  })
  const kinds = (Object.keys(DISAGREEMENT_KINDS) as DisagreementKind[]).map((kind) => {
    const t = totals[kind] ?? { count: 0, areaM2: 0, insideM2: 0 }
    return {
      kind,
      name: DISAGREEMENT_KINDS[kind].name,
      level: DISAGREEMENT_KINDS[kind].level,
      count: t.count,
      areaMu: mu(t.areaM2),
      insideMu: mu(t.insideM2),
      shown: Math.min(t.count, ROWS_PER_KIND),
    }
  })
  return {
    adcode: county.adcode,
    county: county.name,
    listId: q.listId,
    classesFrom: q.listId === null ? '现行已发布类别' : `分类清单 ${q.listId}`,
    basis: BASIC_FARMLAND_BASIS,
    basicFarmland: { patches: farmland.patches, areaMu: mu(farmland.areaM2) },
    kinds,
    parcels: rows.map(describeDisagreement),
  }
}
