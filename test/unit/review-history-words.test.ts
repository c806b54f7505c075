import { describe, expect, it } from 'vitest'
import { describeChange } from '../../client/src/features/review/describe-change.ts'

describe('describeChange: the words of one history entry', () => {
  it('when a draft plot takes a lifecycle step, then the step is named and not "草稿 → 草稿"', () => {
    const text = describeChange({
      action: 'transition',
      before: { status: 'suspected', reviewStatus: 'draft' },
      after: { status: 'preliminary_investigation', reviewStatus: 'draft' },
    })
    expect(text).toBe('疑似污染地块 → 初步调查')
    expect(text).not.toContain('草稿')
  })

  it('when a draft is edited and no state moves, then nothing is said about states', () => {
    const entry = {
      action: 'update',
      before: { status: 'listed', reviewStatus: 'draft' },
      after: { status: 'listed', reviewStatus: 'draft' },
    }
    expect(describeChange(entry)).toBeNull()
  })

  it('when a published plot is edited, then the return to 草稿 is said', () => {
    const entry = { action: 'update', before: { reviewStatus: 'published' }, after: { reviewStatus: 'draft' } }
    expect(describeChange(entry)).toBe('已发布 → 草稿')
  })

  it('when a record is published, then the review step and the published version are said', () => {
    const entry = {
      action: 'publish',
      before: { reviewStatus: 'approved', publishedVersion: 1 },
      after: { reviewStatus: 'published', publishedVersion: 2 },
    }
    expect(describeChange(entry)).toBe('已审定 → 已发布，公开第 2 版')
  })

  it('when a record is created, then its first state alone is said', () => {
    expect(describeChange({ action: 'create', before: null, after: { reviewStatus: 'draft' } })).toBe('草稿')
  })
})
