import { describe, expect, it } from 'vitest'
import { isGb50137Code, landClassOfUse } from '../../server/src/domain/gb50137.ts'
import {
  JUDGEMENT_CODES_2023,
  LAND_USE_2023,
  landUse2023,
  parseLandUse2023Classes,
} from '../../server/src/domain/land-use-2023.ts'
import { checkPlannedUse, isResidentialOrPublic, isUseForbidden } from '../../server/src/domain/precheck-use.ts'

/** GB 36600-2018 3.4 第一类用地 as the 2023 classification writes them: housing, schools, health, welfare. */
const FIRST_BY_STANDARD = [
  '07',
  '0701',
  '070101',
  '070102',
  '070103',
  '0702',
  '0703',
  '070301',
  '070302',
  '0704',
].concat(['080403', '0806', '080601', '080602', '080603', '0807', '080701', '080702', '080703', '080704'])
/** Codes that hold first-class uses among others, or whose use is not yet fixed: 第一类 by 5.3.1. */
const FIRST_AS_UNCLEAR = ['08', '0804', '14', '1401', '16']

describe('the 2023 用地用海分类 construction-land codes and the GB 36600 land classes', () => {
  it('when every level-one construction class 06–16 is listed, then each has its codes down to the third level', () => {
    const levelOne = [...LAND_USE_2023.keys()].filter((c) => c.length === 2)
    expect(levelOne).toEqual(['06', '07', '08', '09', '10', '11', '12', '13', '14', '15', '16'])
    for (const code of LAND_USE_2023.keys()) {
      if (code.length > 2) expect(LAND_USE_2023.has(code.slice(0, code.length - 2)), code).toBe(true)
    }
    expect(LAND_USE_2023.size).toBeGreaterThan(100)
  })

  it('when a code is housing, a school, health or welfare, then it is 第一类用地 and its basis names GB 36600', () => {
    for (const code of FIRST_BY_STANDARD) {
      const entry = landUse2023(code)!
      expect(entry.landClass, code).toBe('first')
      expect(entry.judgement, code).toBeUndefined()
      expect(entry.basis, code).toContain('第一类用地')
    }
  })

  it('when a code holds first-class uses or is not yet fixed, then it is 第一类 as GB 36600 5.3.1 asks', () => {
    for (const code of FIRST_AS_UNCLEAR) {
      expect(landUse2023(code)!.landClass, code).toBe('first')
      expect(landUse2023(code)!.basis, code).toMatch(/5\.3\.1|本地设置/)
    }
  })

  it('when any other code is given, then it is 第二类用地, and a code with a GB 50137 counterpart agrees with it', () => {
    const first = new Set([...FIRST_BY_STANDARD, ...FIRST_AS_UNCLEAR, '080404'])
    for (const entry of LAND_USE_2023.values()) {
      if (first.has(entry.code)) continue
      expect(entry.landClass, entry.code).toBe('second')
    }
    // where the counterpart is a code of GB 50137's urban list, the class is the one GB 36600 gives that code
    const compared = [...LAND_USE_2023.values()].filter((e) => !e.judgement && e.gb50137 && isGb50137Code(e.gb50137))
    expect(compared.length).toBeGreaterThan(40)
    for (const e of compared) expect(landClassOfUse(e.gb50137), e.code).toBe(e.landClass)
    expect(landUse2023('0801')).toMatchObject({ gb50137: 'A1', landClass: 'second' })
    expect(landUse2023('080403')).toMatchObject({ gb50137: 'A33', landClass: 'first' })
  })

  it('when a mapping is a judgement, then it says 本地设置 and the county may set its class', () => {
    expect(JUDGEMENT_CODES_2023).toEqual(expect.arrayContaining(['080404', '080405', '1401']))
    for (const code of JUDGEMENT_CODES_2023) expect(landUse2023(code)!.judgement, code).toBe(true)
    const classes = parseLandUse2023Classes('1401=second, 080404=first')
    expect(landUse2023('1401', classes)).toMatchObject({
      landClass: 'second',
      basis: expect.stringContaining('本县已设置为第二类用地'),
    })
    // a setting for a code that is not a judgement is refused; the standard's class of a school cannot be changed
    expect(() => parseLandUse2023Classes('080403=second')).toThrow(/080403/)
    expect(() => parseLandUse2023Classes('1401=third')).toThrow(/first/)
    expect(landUse2023('080403', { '080403': 'second' })!.landClass).toBe('first')
  })
})

describe('a planned use in either code system', () => {
  it('when 0701 and R2 are checked, then both are housing of 第一类用地; 0801 and A1 are both 第二类', () => {
    expect(checkPlannedUse('0701')).toMatchObject({
      ok: true,
      system: 'tdfl2023',
      name: '城镇住宅用地',
      landClass: 'first',
    })
    expect(checkPlannedUse('r2')).toMatchObject({ ok: true, system: 'gb50137', code: 'R2', landClass: 'first' })
    expect(checkPlannedUse('0801')).toMatchObject({ ok: true, landClass: 'second' })
    expect(checkPlannedUse('A1')).toMatchObject({ ok: true, landClass: 'second' })
  })

  it('when a code is of neither system, or a 2023 code is not construction land, then the message names the list', () => {
    expect(checkPlannedUse('0101')).toEqual({
      ok: false,
      message: expect.stringContaining('用地用海分类（2023）的建设用地代码'),
    })
    expect(checkPlannedUse('07011')).toEqual({ ok: false, message: expect.stringContaining('GB 50137-2011') })
    expect(checkPlannedUse('Z9')).toEqual({ ok: false, message: expect.stringContaining('GB 50137-2011') })
  })

  it('when a negative list is written in one system and the use in the other, then the counterparts are compared', () => {
    expect(isUseForbidden('0701', 'R')).toBe(true)
    expect(isUseForbidden('R2', '07')).toBe(true)
    expect(isUseForbidden('080403', 'A33')).toBe(true)
    expect(isUseForbidden('A33', '0804')).toBe(true)
    expect(isUseForbidden('0801', 'A33')).toBe(false)
    expect(isUseForbidden('1001', 'R')).toBe(false)
    expect(isUseForbidden('M1', '07')).toBe(false)
    expect(isUseForbidden('16', 'R')).toBe(false)
    expect(isUseForbidden('0701', '07')).toBe(true)
    expect(isUseForbidden('0801', '0804')).toBe(false)
    expect(isUseForbidden('1001', '*')).toBe(true)
  })

  it('when the use is housing or public service in either system, then law art. 59 applies', () => {
    for (const code of ['R', 'R2', 'A33', '07', '0703', '080403', '0801'])
      expect(isResidentialOrPublic(code), code).toBe(true)
    for (const code of ['M1', 'B', '09', '1001', '1401', '16']) expect(isResidentialOrPublic(code), code).toBe(false)
  })
})
