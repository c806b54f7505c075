import type { Queryable } from '../db/database.ts'
import type { PriorityAreaSummary, PriorityAreaVersion } from '../../../contracts/priority-area.ts'
import { compareVersions, type PriorityAreaSettings } from '../domain/priority-area.ts'
import { assertCountyInScope, scopeAdcodes } from '../domain/scope.ts'
import type { AuthContext } from './auth.service.ts'
import { listPriorityAreaVersions, type PriorityAreaVersionRow } from '../repos/priority-area.repo.ts'

/** Versions shown per county: enough to follow the areas over several years of class lists. */
const VERSIONS_SHOWN = 20

const mu = (m2: number) => Math.round(m2 * 0.0015 * 100) / 100

const totals = (r: PriorityAreaVersionRow) => ({
  version: r.version,
  areaM2: r.area_m2,
  areaCount: r.area_count,
  townships: r.townships,
})

function describe(r: PriorityAreaVersionRow, before: PriorityAreaVersionRow | undefined): PriorityAreaVersion {
  const change = compareVersions(before ? totals(before) : null, totals(r))
  return {
    version: r.version,
    source: r.list_id === null ? '示例数据（生成）的耕地类别' : `分类清单“${r.list_title}”第 ${r.list_version} 版发布`,
    computedAt: new Date(r.computed_at).toISOString(),
    areaCount: r.area_count,
    parcelCount: r.parcel_count,
    areaMu: mu(r.area_m2),
    priorityMu: mu(r.priority_m2),
    changeMu: change.changeM2 === null ? null : mu(change.changeM2),
    hasFallen: change.hasFallen,
    settings: { gapM: r.gap_m, minAreaMu: mu(r.min_area_m2) },
    townships: change.townships.map((t) => ({
      code: t.code,
      name: t.name,
      areaMu: mu(t.afterM2),
      beforeMu: mu(t.beforeM2),
      changeMu: mu(t.changeM2),
    })),
  }
}

/** The versions of the 优先保护类耕地集中区域 of the user's counties (or one of them), each compared with the one before. */
export async function getPriorityAreaSummary(
  db: Queryable,
  ctx: AuthContext,
  adcode: string | undefined,
  settings: PriorityAreaSettings,
): Promise<PriorityAreaSummary> {
  const scope = scopeAdcodes(ctx)
  if (adcode) assertCountyInScope(ctx, adcode, `区县`)
  // one more than shown, so the oldest shown version is compared with the one before it
  const rows = await listPriorityAreaVersions(db, adcode ? [adcode] : scope, VERSIONS_SHOWN + 1)
  const byCounty = new Map<string, PriorityAreaVersionRow[]>()
  for (const r of rows) byCounty.set(r.adcode, [...(byCounty.get(r.adcode) ?? []), r])
  return {
    settings: {
      ...settings,
      note: `相邻不超过 ${settings.gapM} 米的优先保护类耕地图斑连成一片，合计面积不少于 ${settings.minAreaMu} 亩的计为集中区域（本地设置，非国家标准，可由系统管理员调整）`,
    },
    counties: [...byCounty.values()].map((versions) => ({
      adcode: versions[0].adcode,
      county: versions[0].county,
      versions: versions.slice(0, VERSIONS_SHOWN).map((r, i) => describe(r, versions[i + 1])),
    })),
  }
}
