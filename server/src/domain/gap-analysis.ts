import { m2ToMu } from './units.ts'

/** 缺口分析: where k new points would cover the most uncovered farmland (greedy maximum coverage). Pure: no I/O. */

/** Grid spacings offered, in km: the regional-survey grid of HJ/T 166-2004 (2.5, 5, 10 … km; S). */
export const GAP_SPACINGS_KM = [2.5, 5, 10] as const
export type GapSpacingKm = (typeof GAP_SPACINGS_KM)[number]
export const GAP_MAX_K = 20

/** A grid node inside the county and the uncovered parcels (indexes into the area list) within the coverage distance. */
export interface GapCandidate {
  id: number
  lon: number
  lat: number
  covers: number[]
}

export interface GapProposal {
  rank: number
  candidateId: number
  lon: number
  lat: number
  /** Uncovered farmland this point newly covers, after the ones ranked before it. */
  gainM2: number
  gainMu: number
  cumulativeM2: number
  cumulativeMu: number
  /** Cumulative gain ÷ all uncovered farmland of the county (0–1). */
  cumulativeShare: number
  parcels: number
}

export interface GapChoice {
  proposals: GapProposal[]
  uncoveredM2: number
  remainingM2: number
  /** Why fewer than k were proposed, or null. */
  shortfall: string | null
}

/**
 * Greedy maximum coverage: take the candidate covering the most still-uncovered area, remove what it covers,
 * repeat k times; ties go to the lower candidate id so the answer is repeatable. Stops early when no candidate
 * adds any area. The greedy choice is within (1 − 1/e) of the best possible for every k.
 */
export function chooseGapPoints(candidates: GapCandidate[], parcelAreasM2: number[], k: number): GapChoice {
  const uncoveredM2 = parcelAreasM2.reduce((s, a) => s + a, 0)
  const taken = new Uint8Array(parcelAreasM2.length)
  const used = new Set<number>()
  const proposals: GapProposal[] = []
  let cumulativeM2 = 0
  while (proposals.length < k) {
    let best: { c: GapCandidate; gain: number; parcels: number } | null = null
    for (const c of candidates) {
      if (used.has(c.id)) continue
      let gain = 0
      let parcels = 0
      for (const i of c.covers) {
        if (taken[i]) continue
        gain += parcelAreasM2[i]
        parcels++
      }
      if (gain <= 0) continue
      if (!best || gain > best.gain || (gain === best.gain && c.id < best.c.id)) best = { c, gain, parcels }
    }
    if (!best) break
    used.add(best.c.id)
    for (const i of best.c.covers) taken[i] = 1
    cumulativeM2 += best.gain
    proposals.push({
      rank: proposals.length + 1,
      candidateId: best.c.id,
      lon: best.c.lon,
      lat: best.c.lat,
      gainM2: best.gain,
      gainMu: m2ToMu(best.gain),
      cumulativeM2,
      cumulativeMu: m2ToMu(cumulativeM2),
      cumulativeShare: uncoveredM2 > 0 ? cumulativeM2 / uncoveredM2 : 0,
      parcels: best.parcels,
    })
  }
  const shortfall =
    proposals.length >= k
      ? null
      : uncoveredM2 <= 0
        ? '该区县没有未覆盖的耕地，无需新增点位'
        : proposals.length === 0
          ? '网格节点都不在未覆盖耕地的覆盖距离内，请改用更小的网格间距'
          : `只有 ${proposals.length} 个网格节点还能覆盖新的耕地，其余节点没有增益`
  return { proposals, uncoveredM2, remainingM2: uncoveredM2 - cumulativeM2, shortfall }
}

/**
 * EPSG code of the CGCS2000 3-degree Gauss-Krüger zone without prefix (4534–4554, CM 75E–135E; EPSG database, V)
 * whose central meridian is nearest `lon`. The candidate grid is laid out in it, so its spacing is in true metres.
 */
export function gaussKrugerSrid(lon: number): number {
  const cm = Math.min(135, Math.max(75, 3 * Math.round(lon / 3)))
  return 4534 + (cm - 75) / 3
}

/** Code of a planned point from the county's sequence: 430903-GH0001. */
export function plannedPointCode(adcode: string, seq: number): string {
  return `${adcode}-GH${String(seq).padStart(4, '0')}`
}
