import { describe, expect, it } from 'vitest'
import {
  checkPointRow,
  creditCodeProblem,
  gaussKrugerEpsgOf,
  readKindHeader,
  squareAround,
  substanceOf,
  toMgKg,
} from '../../server/src/domain/registry-import.ts'

describe('统一社会信用代码 (GB 32100-2015)', () => {
  it.each([
    ['91350100M000100Y43', null],
    ['91350100M000100Y44', '校验码不符'],
    ['91350100M000100Y4', '应为 18 位'],
    ['91350100M000100I43', '不允许的字符「I」'],
  ])('when the code is %s, then %s', (code, problem) => {
    const found = creditCodeProblem(code)
    if (problem === null) expect(found).toBeNull()
    else expect(found).toContain(problem)
  })
})

describe('units to mg/kg', () => {
  it.each([
    ['mg/kg', 2.5, 2.5],
    ['ppm', 2.5, 2.5],
    ['μg/kg', 250, 0.25],
    ['µg/kg', 250, 0.25],
    ['ug/kg', 1, 0.001],
    ['g/kg', 0.12, 120],
    [' MG/KG ', 1, 1],
  ])('when the unit is %s, then %d becomes %d mg/kg', (unit, value, mgKg) => {
    expect(toMgKg(value, unit)).toEqual({ mgKg })
  })

  it.each(['mg/L', '%', 'mg', ''])('when the unit is %s, then it is refused naming the accepted ones', (unit) => {
    const result = toMgKg(1, unit)
    expect('problem' in result && result.problem).toContain('只接受 mg/kg、μg/kg、g/kg、ppm')
  })
})

describe('Gauss-Krüger zone or EPSG', () => {
  it.each([
    ['37', 37_500_000, 4525],
    ['37', 500_000, 4546],
    ['19', 19_500_000, 4497],
    ['19', 500_000, 4508],
    ['EPSG:4525', 37_500_000, 4525],
    ['4546', 500_000, 4546],
  ])('when the zone is %s and the easting %d, then EPSG:%d', (zone, easting, epsg) => {
    expect(gaussKrugerEpsgOf(zone, easting)).toEqual({ epsg })
  })

  it.each([
    ['38', 37_500_000, '不一致'],
    ['12', 500_000, '不是 CGCS2000'],
    ['4525', 500_000, '应带'],
    ['abc', 500_000, '应为带号'],
  ])('when the zone is %s and the easting %d, then refused: %s', (zone, easting, words) => {
    const result = gaussKrugerEpsgOf(zone, easting)
    expect('problem' in result && result.problem).toContain(words)
  })
})

describe('GB 36600 substances by name or CAS', () => {
  it.each([
    ['镉', 'Cd'],
    ['镉 Cd', 'Cd'],
    ['7440-43-9', 'Cd'],
    ['苯', 'benzene'],
    ['71-43-2', 'benzene'],
    ['铬（六价）', 'Cr6'],
  ])('when the sheet says %s, then it is %s', (text, key) => {
    expect(substanceOf(text)?.key).toBe(key)
  })

  it('when the sheet names a substance outside both tables, then it is unknown', () => {
    expect(substanceOf('钡')).toBeUndefined()
  })
})

describe('rows and headers', () => {
  it('when a header lacks a required column or has one of another template, then both are named', () => {
    const missing = readKindHeader('plot-results', ['地块编号', '样品编号', '采样日期', '污染物', '检测值'])
    expect(!missing.ok && missing.message).toContain('「单位」')
    const unknown = readKindHeader('points', ['点位编号', '点位名称', '级别', '类型', '镉'])
    expect(!unknown.ok && unknown.message).toContain('「镉」')
  })

  it('when a point gives both longitude/latitude and x/y, or neither, then the row is refused', () => {
    const base = { code: '430903-JC1', name: '点', level: '县控', type: '基础点位' }
    const both = checkPointRow({ ...base, lon: '112.3', lat: '28.5', x: '3150000', y: '37500000', zone: '37' })
    expect(!both.ok && both.problems[0].message).toContain('只能填一种')
    const neither = checkPointRow(base)
    expect(!neither.ok && neither.problems[0].message).toContain('须填写一种')
  })

  it('when an enterprise is given by a point, then its provisional site is a square of 50 m around it', () => {
    const ring = squareAround(112.35, 28.57).coordinates[0]
    const [[w, s], [e], [, n]] = ring
    expect((n - s) * 111_195).toBeCloseTo(50, 0)
    expect((e - w) * 111_195 * Math.cos((28.57 * Math.PI) / 180)).toBeCloseTo(50, 0)
  })
})
