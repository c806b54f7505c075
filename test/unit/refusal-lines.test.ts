import { describe, expect, it } from 'vitest'
import { problemsBelow } from '../../client/src/features/editing/refusal-lines.ts'

describe('problemsBelow: a merge or split refusal says each problem once', () => {
  const notAdjacent = { code: 'NOT_ADJACENT', message: '图斑 430903-0000007 与其他图斑不相邻（没有公共边），不能合并' }

  it('when the refusal is its one problem, then nothing is listed under the headline', () => {
    expect(problemsBelow(notAdjacent.message, [notAdjacent])).toEqual([])
  })

  it('when the headline names the first of several problems, then only the others are listed', () => {
    const overlap = { code: 'OVERLAP', message: '合并后的图斑与图斑 430903-0000009 重叠 12 m²' }
    const headline = `检查未通过，未保存：${notAdjacent.message}等 2 处问题`
    expect(problemsBelow(headline, [notAdjacent, overlap])).toEqual([overlap])
  })

  it('when there is no headline, then every problem is listed', () => {
    expect(problemsBelow(null, [notAdjacent])).toEqual([notAdjacent])
  })
})
