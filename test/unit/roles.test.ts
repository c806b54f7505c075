import { describe, expect, it } from 'vitest'
import {
  MIN_PASSWORD_LENGTH,
  ROLES,
  ROLE_LABEL,
  checkPassword,
  countiesInScope,
  isRole,
  scopeCovers,
  scopePrefix,
  scopeWithin,
} from '../../server/src/domain/roles.ts'

describe('roles', () => {
  it('when the roles are listed, then they are the five of the role table in the README, each with its bureau in Chinese', () => {
    expect(ROLES).toEqual(['farmland', 'environment', 'land', 'approver', 'admin'])
    expect(ROLE_LABEL).toEqual({
      farmland: '耕地管理员（农业农村局）',
      environment: '生态环境管理员（生态环境局）',
      land: '用地核查员（自然资源局）',
      approver: '审定人',
      admin: '系统管理员',
    })
  })

  it.each([
    ['farmland', true],
    ['admin', true],
    ['Admin', false],
    ['public', false],
    ['', false],
    [null, false],
    [3, false],
  ])('when %j is checked as a role, then %s', (value, expected) => {
    expect(isRole(value)).toBe(expected)
  })
})

describe('scopePrefix', () => {
  it.each([
    ['430903', '430903', 'a county is its own code'],
    ['220322', '220322', 'a county is its own code'],
    ['430900', '4309', 'a city keeps its first four digits'],
    ['220300', '2203', 'a city keeps its first four digits'],
    ['430000', '43', 'a province keeps its first two digits'],
    ['220000', '22', 'a province keeps its first two digits'],
  ])('when the scope is %s, then the prefix is %s (%s)', (code, prefix) => {
    expect(scopePrefix(code)).toBe(prefix)
  })
})

describe('scopeCovers', () => {
  it.each([
    ['430903', '430903', true],
    ['430903', '430902', false],
    ['430903', '220322', false],
    ['430900', '430903', true],
    ['430900', '430921', true],
    ['430900', '431003', false],
    ['430900', '220322', false],
    ['430000', '430903', true],
    ['430000', '431003', true],
    ['430000', '220322', false],
    ['220000', '220322', true],
    ['220300', '220322', true],
    ['220300', '430903', false],
  ])('when scope %s is asked about county %s, then it covers it: %s', (scope, adcode, expected) => {
    expect(scopeCovers(scope, adcode)).toBe(expected)
  })
})

describe('scopeWithin', () => {
  it.each([
    ['430903', ['430000'], true, 'a county inside the province'],
    ['430900', ['430000'], true, 'a city inside the province'],
    ['430000', ['430000'], true, 'the province itself'],
    ['430903', ['430900'], true, 'a county inside the city'],
    ['430903', ['430903'], true, 'the county itself'],
    ['430000', ['430900'], false, 'a province is wider than a city'],
    ['430000', ['430903'], false, 'a province is wider than a county'],
    ['430900', ['430903'], false, 'a city is wider than a county'],
    ['430902', ['430903'], false, 'a neighbouring county'],
    ['220322', ['430000'], false, 'a county of another province'],
    ['220322', ['430000', '220000'], true, 'one of several scopes is enough'],
    ['220000', ['430000', '220300'], false, 'a province wider than every scope'],
    ['430903', [], false, 'no scope grants nothing'],
  ])('when %s is granted by a user with %j, then it lies within: %s (%s)', (code, scopes, expected) => {
    expect(scopeWithin(code, scopes)).toBe(expected)
  })
})

describe('countiesInScope', () => {
  const counties = ['220322', '430902', '430903', '431003']
  it.each([
    [['430903'], ['430903']],
    [['430900'], ['430902', '430903']],
    [['430000'], ['430902', '430903', '431003']],
    [
      ['430903', '220000'],
      ['220322', '430903'],
    ],
    [['110000'], []],
    [[], []],
  ])('when the scopes are %j, then the counties are %j in the given order', (scopes, expected) => {
    expect(countiesInScope(scopes, counties)).toEqual(expected)
  })
})

describe('checkPassword', () => {
  it.each([
    ['Abc-12345', 'huanjing', 'TOO_SHORT', `密码至少 ${MIN_PASSWORD_LENGTH} 位`],
    ['', 'huanjing', 'TOO_SHORT', '密码至少 10 位'],
    ['abcdefghijkl', 'huanjing', 'TOO_SIMPLE', '密码须同时包含字母和数字'],
    ['123456789012', 'huanjing', 'TOO_SIMPLE', '密码须同时包含字母和数字'],
    ['土壤环境一张图密码1234', 'huanjing', 'TOO_SIMPLE', '密码须同时包含字母和数字'],
    ['huanjing2026', 'huanjing', 'SAME_AS_USERNAME', '密码不能包含用户名'],
    ['My-HuanJing-1', 'huanjing', 'SAME_AS_USERNAME', '密码不能包含用户名'],
  ])(
    'when the password is %j for %s, then it is refused as %s with a Chinese reason',
    (password, username, reason, message) => {
      expect(checkPassword(password, username)).toEqual({ valid: false, reason, message })
    },
  )

  it.each([
    ['Abcd-12345', 'huanjing', 'exactly 10 characters'],
    ['abcdefghi1', 'huanjing', 'lower-case letters and one digit'],
    ['Soil-2026-demo', 'huanjing', 'the sample password'],
    ['环境Soil2026', 'huanjing', 'Chinese with letters and digits'],
  ])('when the password is %j for %s, then it is accepted (%s)', (password, username) => {
    expect(checkPassword(password, username)).toEqual({ valid: true })
  })

  it('when the password is one character shorter than the minimum, then it is too short; at the minimum it passes', () => {
    const atMinimum = 'a1'.repeat(MIN_PASSWORD_LENGTH / 2)
    expect(checkPassword(atMinimum, 'someone')).toEqual({ valid: true })
    expect(checkPassword(atMinimum.slice(1), 'someone')).toMatchObject({ valid: false, reason: 'TOO_SHORT' })
  })
})
