import { describe, expect, it } from 'vitest'
import { parseTileCoords } from '../../server/src/domain/tile-coords.ts'

describe('parseTileCoords', () => {
  it.each([
    ['0', '0', '0', { z: 0, x: 0, y: 0 }],
    ['1', '1', '1', { z: 1, x: 1, y: 1 }],
    ['16', '53190', '27312', { z: 16, x: 53190, y: 27312 }],
    ['24', String(2 ** 24 - 1), '0', { z: 24, x: 2 ** 24 - 1, y: 0 }],
  ])('when z=%s x=%s y=%s are in range, then they are accepted', (z, x, y, expected) => {
    expect(parseTileCoords(z, x, y)).toEqual({ valid: true, ...expected })
  })

  it.each([
    ['25', '0', '0', '缩放级别 z=25 超出范围'],
    ['1', '2', '0', '瓦片列号 x=2 超出缩放级别 1 的范围（0–1）'],
    ['1', '0', '2', '瓦片行号 y=2 超出缩放级别 1 的范围（0–1）'],
    ['a', '0', '0', '瓦片坐标 z 应为非负整数'],
    ['1', '-1', '0', '瓦片坐标 x 应为非负整数'],
    ['1', '0', '0.5', '瓦片坐标 y 应为非负整数'],
    ['', '0', '0', '瓦片坐标 z 应为非负整数'],
  ])('when z=%s x=%s y=%s, then it is refused with the reason', (z, x, y, reason) => {
    const result = parseTileCoords(z, x, y)
    expect(result.valid).toBe(false)
    expect(result.valid === false && result.reason).toContain(reason)
  })
})
