import { describe, expect, it } from 'vitest'
import {
  MIN_EXPLANATION_CHARS,
  priorityFallRefusal,
  priorityWarnings,
  type ClassFigures,
} from '../../server/src/domain/class-summary.ts'

const figures = (areaMu: number, publishedAreaMu: number): ClassFigures[] => [
  {
    class: 'priority',
    className: '优先保护类',
    count: 1,
    areaMu,
    areaHa: areaMu / 15,
    publishedCount: 1,
    publishedAreaMu,
    publishedAreaHa: publishedAreaMu / 15,
  },
]

describe('a fall of the 优先保护类 area', () => {
  const warnings = priorityWarnings('赫山区', figures(90, 100), [{ name: '泉交河镇', byClass: figures(40, 50) }])

  it('when the area falls, then the warning states the figures and what the plan asks, not a step for the approver', () => {
    expect(warnings.map((w) => w.message)).toEqual([
      '赫山区优先保护类耕地面积将由 100.00 亩减少到 90.00 亩（减少 10.00 亩）；规划要求优先保护类耕地面积不减少，提交审定须写明减少原因',
      '泉交河镇优先保护类耕地面积将由 50.00 亩减少到 40.00 亩（减少 10.00 亩）；规划要求优先保护类耕地面积不减少，提交审定须写明减少原因',
    ])
  })

  it.each([undefined, '', '   ', '太少的说明'])(
    'when the explanation is %j, then 提交审定 is refused naming each place',
    (text) => {
      const refusal = priorityFallRefusal(warnings, text)
      expect(refusal).toContain('赫山区减少 10.00 亩、泉交河镇减少 10.00 亩')
      expect(refusal).toContain(`至少 ${MIN_EXPLANATION_CHARS} 个字`)
    },
  )

  it('when an explanation of enough characters is given, then nothing is refused', () => {
    expect(priorityFallRefusal(warnings, '加密采样后改划为安全利用类，详见报告')).toBeNull()
  })

  it('when the area does not fall, then no explanation is needed', () => {
    expect(priorityFallRefusal(priorityWarnings('赫山区', figures(100, 100), []), undefined)).toBeNull()
  })
})
