import { describe, expect, it } from 'vitest'
import { landCodeGroups } from '../../client/src/features/editing/land-code-groups.ts'
import { parcelCodes } from '../../server/src/services/parcel-edit.service.ts'
import { loadConfig } from '../../server/src/config.ts'

describe('landCodeGroups: the 地类 list of the parcel form', () => {
  const groups = landCodeGroups(parcelCodes(loadConfig().parcelEdit).dlbm)

  it('when the form opens its list, then it starts at 0101 水田, not at 0303 红树林地', () => {
    expect(groups[0][1][0]).toMatchObject({ code: '0101', name: '水田' })
  })

  it('when the list is read whole, then 湿地 comes last and every code is still there once', () => {
    expect(groups.at(-1)![0]).toMatch(/^00/)
    const codes = groups.flatMap(([, items]) => items.map((i) => i.code))
    expect(codes).toContain('0303')
    expect(new Set(codes).size).toBe(parcelCodes(loadConfig().parcelEdit).dlbm.length)
  })
})
