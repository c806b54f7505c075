import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, it } from 'vitest'
import {
  judgeMeasuredOutline,
  parseOutline,
  type OutlineMeasure,
  type OutlineSettings,
} from '../../server/src/domain/outline-checks.ts'
import { expectGolden, goldenCases } from '../support/golden.ts'

const SETTINGS: OutlineSettings = {
  minAreaM2: 200,
  minWidthM: 2,
  overlapToleranceM2: 1,
  outsideToleranceM2: 1,
  maxVertices: 5000,
}
const ALL_STAGES = { size: true, county: true, overlaps: true }

interface Case {
  geometry: unknown
  properties: { where: string; measure?: OutlineMeasure; settings?: Partial<OutlineSettings> }
}

/**
 * Each case: `in.geojson`, a Feature whose geometry is the outline as given (broken ones too) and whose properties
 * name it (`where`) and may hold what SQL measured of it (`measure`) and other limits (`settings`) → `out.json`, the
 * problems of its first failing stage or the outline in 2D.
 */
describe('outline checks (golden fixtures, REGEN=1 rewrites them)', () => {
  it.each(goldenCases('outline-checks'))(
    'when the outline of $name is checked, then the answer matches out.json',
    ({ dir }) => {
      const { geometry, properties } = JSON.parse(readFileSync(path.join(dir, 'in.geojson'), 'utf8')) as Case
      const parsed = parseOutline(geometry, properties.where)
      if (!parsed.ok || !properties.measure) {
        expectGolden(dir, parsed)
        return
      }
      const problems = judgeMeasuredOutline(
        parsed.geometry,
        properties.measure,
        ALL_STAGES,
        { ...SETTINGS, ...properties.settings },
        properties.where,
      )
      expectGolden(dir, problems.length ? { ok: false, problems } : parsed)
    },
  )
})
