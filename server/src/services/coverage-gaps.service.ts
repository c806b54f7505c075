import type { Database } from '../db/database.ts'
import { farmlandClasses, type CoverageSettings, type PointLevel, type PointType } from '../domain/coverage.ts'
import {
  GAP_MAX_K,
  chooseGapPoints,
  gaussKrugerSrid,
  plannedPointCode,
  type GapSpacingKm,
} from '../domain/gap-analysis.ts'
import { POINT_LEVEL, POINT_TYPE, labelOf } from '../domain/labels.ts'
import { m2ToMu } from '../domain/units.ts'
import { AppError } from '../domain/errors.ts'
import {
  findGapCandidates,
  findSite,
  insertPlannedPoint,
  insertPointHistory,
  listCounties,
  nextPlannedSeq,
} from '../repos/coverage.repo.ts'
import type { AuthContext } from './auth.service.ts'
import { assertAdcodeInScope } from './control-zones.service.ts'
import type { CoverageServiceSettings } from './coverage.service.ts'
import type { AcceptGapResponse, GapResponse } from '../../../contracts/coverage.ts'

const round1 = (v: number) => Math.round(v * 10) / 10

export interface GapInput {
  adcode: string
  k: number
  spacingKm: GapSpacingKm
}

/**
 * 缺口分析: the grid nodes of the spacing inside the county (laid out in its CGCS2000 3° GK zone), each with the
 * uncovered farmland within the coverage distance (SQL), then the greedy choice of k (domain).
 */
export async function runGapAnalysis(
  db: Database,
  ctx: AuthContext,
  settings: CoverageSettings,
  input: GapInput,
): Promise<GapResponse> {
  await assertAdcodeInScope(db, ctx, input.adcode)
  const [county] = await listCounties(db, [input.adcode])
  const srid = gaussKrugerSrid((county.bbox[0] + county.bbox[2]) / 2)
  const { areas, candidates } = await findGapCandidates(
    db,
    input.adcode,
    settings.distanceM,
    farmlandClasses(settings),
    input.spacingKm * 1000,
    srid,
  )
  const choice = chooseGapPoints(candidates, areas, Math.min(input.k, GAP_MAX_K))
  const townshipOf = new Map(candidates.map((c) => [c.id, c.township]))
  const ranAt = new Date().toISOString()
  return {
    adcode: input.adcode,
    name: county.name,
    k: input.k,
    spacingKm: input.spacingKm,
    distanceM: settings.distanceM,
    crs: `EPSG:${srid}（CGCS2000 3° 高斯-克吕格，中央经线 ${75 + (srid - 4534) * 3}°E）`,
    candidates: candidates.length,
    uncoveredParcels: areas.length,
    uncoveredMu: round1(m2ToMu(choice.uncoveredM2)),
    remainingMu: round1(m2ToMu(choice.remainingM2)),
    shortfall: choice.shortfall,
    ranAt,
    proposals: choice.proposals.map((p) => ({
      rank: p.rank,
      candidateId: p.candidateId,
      lon: Math.round(p.lon * 1e7) / 1e7,
      lat: Math.round(p.lat * 1e7) / 1e7,
      township: townshipOf.get(p.candidateId) ?? null,
      parcels: p.parcels,
      gainM2: p.gainM2,
      gainMu: round1(p.gainMu),
      cumulativeMu: round1(p.cumulativeMu),
      cumulativeShare: p.cumulativeShare,
    })),
  }
}

export interface AcceptInput {
  adcode: string
  lon: number
  lat: number
  level: PointLevel
  type: PointType
  basis: { spacingKm: GapSpacingKm; rank: number; gainM2: number; ranAt?: string; note?: string | null }
}

/** A proposal's gain is farmland inside one point's circle; the geodesic circle may exceed π·d² by a little. */
const GAIN_ROUNDING = 1.05

/**
 * An environment officer accepts a proposal: a planned point (code …-GH0001 from the county's sequence) inside
 * the county, with its township and the 三调 code under it, the proposal as its basis, and a history row, in one
 * transaction. Refused outside the county (422) or next to an active or planned point (409).
 */
export async function acceptGapProposal(
  db: Database,
  ctx: AuthContext,
  settings: CoverageServiceSettings,
  input: AcceptInput,
): Promise<AcceptGapResponse> {
  const discM2 = Math.PI * settings.distanceM ** 2
  if (input.basis.gainM2 > discM2 * GAIN_ROUNDING) {
    throw new AppError(
      'VALIDATION',
      `新增覆盖面积（basis.gainM2）超过一个点位 ${settings.distanceM} 米覆盖圆的面积（约 ${Math.round(discM2).toLocaleString('zh-CN')} 平方米），不是缺口分析给出的数值；请重新运行缺口分析后再采纳`,
      { problems: [{ code: 'GAIN_TOO_LARGE', field: 'basis.gainM2', message: '新增覆盖面积超出一个点位的覆盖范围' }] },
    )
  }
  await assertAdcodeInScope(db, ctx, input.adcode)
  return db.transaction(async (tx) => {
    const site = await findSite(tx, input.adcode, input.lon, input.lat, settings.duplicateWithinM)
    if (!site) throw new AppError('NOT_FOUND', `没有区县代码为 ${input.adcode} 的区县`)
    if (!site.is_inside) {
      throw new AppError(
        'GEOMETRY_CHECK',
        `位置（${input.lon.toFixed(6)}, ${input.lat.toFixed(6)}）不在${site.city}${site.name}境内，不能作为该区县的规划点位`,
      )
    }
    if (site.nearby_code) {
      throw new AppError(
        'CONFLICT',
        `该位置 ${settings.duplicateWithinM} 米内已有点位 ${site.nearby_code}，不再重复规划`,
      )
    }
    const seq = await nextPlannedSeq(tx, input.adcode)
    const code = plannedPointCode(input.adcode, seq)
    const basis = {
      ...input.basis,
      distanceM: settings.distanceM,
      acceptedBy: ctx.user.username,
      acceptedAt: new Date().toISOString(),
      source: '缺口分析',
    }
    const row = await insertPlannedPoint(tx, {
      adcode: input.adcode,
      code,
      name: `${site.name}规划点位 ${code.slice(-6)}`,
      level: input.level,
      type: input.type,
      townshipCode: site.township_code,
      landUse: site.land_use,
      lon: input.lon,
      lat: input.lat,
      basis,
      createdBy: ctx.user.username,
    })
    const point = {
      id: Number(row.id),
      code: row.code,
      name: row.name,
      adcode: input.adcode,
      level: row.level,
      levelName: labelOf(POINT_LEVEL, row.level),
      type: row.point_type,
      typeName: labelOf(POINT_TYPE, row.point_type),
      status: row.status,
      statusName: '规划',
      townshipCode: row.township_code,
      landUse: row.land_use,
      lon: Number(row.lon),
      lat: Number(row.lat),
      plannedBasis: row.planned_basis,
      version: Number(row.version),
      createdBy: row.created_by,
      createdAt: new Date(row.created_at).toISOString(),
    }
    const historyId = await insertPointHistory(
      tx,
      input.adcode,
      point.id,
      ctx.user.username,
      `缺口分析第 ${input.basis.rank} 位建议，采纳为规划点位`,
      point,
    )
    return { point, historyId }
  })
}
