import { describe, expect, it } from 'vitest'
import { assessCropSample, assessSoilSample, type Element } from '../../server/src/domain/assess-sample.ts'
import { DEFAULT_RULE_SET } from '../../server/src/domain/class-rules.ts'
import { classifyParcel, type PointEvidence } from '../../server/src/domain/classify-farmland.ts'
import { basisJson } from '../../server/src/repos/classification-entries.repo.ts'

const RULES = DEFAULT_RULE_SET

/** A graded point as a job passes it: paddy at pH 6.2; one object per point, as the job keeps them. */
function point(code: string, soil: Partial<Record<Element, number>> | null, crop?: Record<string, number>) {
  return {
    pointId: Number(code.replace(/\D/g, '')),
    pointCode: code,
    sampledOn: '2025-06-01',
    soil: soil && assessSoilSample({ landUse: '水田', rotation: false, ph: 6.2, values: soil }),
    crop: crop ? assessCropSample({ crop: '稻谷', values: crop }, RULES) : null,
  }
}

const POINTS = {
  clean: point('JC001', { Cd: 0.2, Pb: 30 }),
  polluted: point('JC002', { Cd: 2.5, As: 40, Hg: 0.3 }, { Cd: 0.5, Pb: 0.1 }),
  slight: point('JC003', { Cd: 0.5 }, { Cd: 0.1 }),
  noSoil: point('JC004', null, { Cd: 0.3 }),
}

const at = (p: (typeof POINTS)[keyof typeof POINTS], distanceM: number): PointEvidence => ({ ...p, distanceM })

/** Parcels the way a county-wide job meets them: the same points inside some and near others. */
const PARCELS = [
  { inside: [at(POINTS.clean, 0), at(POINTS.polluted, 0)], nearby: [] },
  { inside: [at(POINTS.noSoil, 0)], nearby: [at(POINTS.slight, 120.5), at(POINTS.polluted, 480.25)] },
  { inside: [], nearby: [at(POINTS.polluted, 33.3), at(POINTS.clean, 812), at(POINTS.noSoil, 90)] },
  { inside: [], nearby: [] },
  { inside: [at(POINTS.slight, 0)], nearby: [at(POINTS.clean, 10)] },
]

describe('basisJson', () => {
  it('when bases of parcels share points, then each text is the one JSON.stringify writes, also the second time a point is met', () => {
    const bases = [...PARCELS, ...PARCELS].map((e) => classifyParcel(e, RULES).basis)
    expect(bases.some((b) => b.samples.length >= 2)).toBe(true)
    for (const basis of bases) expect(basisJson(basis)).toBe(JSON.stringify(basis))
  })

  it('when the basis carries more keys, undefined values or is not a basis, then the text is still JSON.stringify’s', () => {
    const basis = classifyParcel(PARCELS[1], RULES).basis
    const edited = { ...basis, edit: { mode: 'recompute', from: ['a\\b'] }, note: undefined }
    expect(basisJson(edited)).toBe(JSON.stringify(edited))
    const withUndefinedWeight = { ...basis, samples: basis.samples.map((s) => ({ ...s, weight: undefined })) }
    expect(basisJson(withUndefinedWeight)).toBe(JSON.stringify(withUndefinedWeight))
    for (const other of [{}, null, { samples: 'x' }, { summary: '引号"与\\反斜杠' }])
      expect(basisJson(other)).toBe(JSON.stringify(other))
  })
})
