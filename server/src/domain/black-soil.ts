/**
 * 黑土区 local indicator (梨树县; the plans, R 待核实): cropland monitoring points whose latest soil result has organic
 * matter ≥ a threshold (2 % = 20 g/kg) and a plough layer ≥ a threshold (20 cm), as a share per township. Pure: no I/O.
 */

export interface BlackSoilSettings {
  /** Counties the indicator is reported for. */
  adcodes: string[]
  minOrganicMatterGKg: number
  minPloughDepthCm: number
  /** Where the thresholds come from, shown with the figures. */
  source: string
}

/** A cropland point's latest soil result (null values = not measured). */
export interface BlackSoilReading {
  organicMatterGKg: number | null
  ploughDepthCm: number | null
}

export type BlackSoilVerdict =
  { judged: true; meets: boolean; reasons: string[] } | { judged: false; meets: null; reasons: string[] }

const gKgToPct = (v: number) => `${(v / 10).toFixed(1)}%`

/** Whether one point meets both thresholds; a missing value leaves it unjudged (never a silent default). */
export function judgeBlackSoil(
  reading: BlackSoilReading,
  s: Pick<BlackSoilSettings, 'minOrganicMatterGKg' | 'minPloughDepthCm'>,
): BlackSoilVerdict {
  const missing: string[] = []
  if (reading.organicMatterGKg === null) missing.push('缺少有机质含量，无法判定')
  if (reading.ploughDepthCm === null) missing.push('缺少耕层厚度，无法判定')
  if (missing.length) return { judged: false, meets: null, reasons: missing }
  const reasons: string[] = []
  const om = reading.organicMatterGKg!
  const depth = reading.ploughDepthCm!
  const isOmOk = om >= s.minOrganicMatterGKg
  const isDepthOk = depth >= s.minPloughDepthCm
  reasons.push(
    `有机质 ${om} g/kg（${gKgToPct(om)}）${isOmOk ? '≥' : '<'} ${s.minOrganicMatterGKg} g/kg（${gKgToPct(s.minOrganicMatterGKg)}）`,
  )
  reasons.push(`耕层厚度 ${depth} cm ${isDepthOk ? '≥' : '<'} ${s.minPloughDepthCm} cm`)
  return { judged: true, meets: isOmOk && isDepthOk, reasons }
}

/** Whether a 三调 land code is cropland (耕地 01xx). */
export function isCropland(landUse: string | null): boolean {
  return landUse !== null && landUse.startsWith('01')
}

export interface BlackSoilShare {
  points: number
  judged: number
  meeting: number
  /** meeting ÷ judged in percent; null when nothing could be judged. */
  sharePct: number | null
}

/** The share of judged points that meet the thresholds. */
export function blackSoilShare(verdicts: readonly BlackSoilVerdict[]): BlackSoilShare {
  const judged = verdicts.filter((v) => v.judged).length
  const meeting = verdicts.filter((v) => v.meets === true).length
  return { points: verdicts.length, judged, meeting, sharePct: judged > 0 ? (meeting / judged) * 100 : null }
}
