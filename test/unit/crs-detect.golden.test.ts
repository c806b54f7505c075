import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, it } from 'vitest'
import { detectFromPrj } from '../../server/src/domain/crs-detect.ts'
import { expectGolden, goldenCases } from '../support/golden.ts'

/** Each case: `in.prj` as PROJ's `projinfo` writes it (or a broken one) → `out.json`, the decision on it. */
describe('CRS detection of .prj files (golden fixtures, REGEN=1 rewrites them)', () => {
  it.each(goldenCases('crs-detect'))(
    'when the .prj of $name is read, then the decision matches out.json',
    ({ dir }) => {
      expectGolden(dir, detectFromPrj(readFileSync(path.join(dir, 'in.prj'), 'utf8')))
    },
  )
})
