import { describe, expect, it } from 'vitest'
import { AppError } from '../../server/src/http/errors.js'
import { translateDatabaseError } from '../../server/src/services/parcel-db-errors.ts'

describe('database failures during a parcel edit', () => {
  it('when PostgreSQL ends a save in a deadlock, then the officer gets a conflict to retry, not a server error', () => {
    const out = translateDatabaseError(Object.assign(new Error('deadlock detected'), { code: '40P01' }))
    expect(out).toBeInstanceOf(AppError)
    expect((out as AppError).code).toBe('CONFLICT')
    expect((out as AppError).message).toContain('重新保存')
  })

  it('when GEOS cannot compute with a geometry, then it is a geometry check failure with a problem', () => {
    const out = translateDatabaseError(
      Object.assign(new Error('GEOSIntersection: TopologyException: found non-noded intersection'), { code: 'XX000' }),
    )
    expect((out as AppError).code).toBe('GEOMETRY_CHECK')
    expect((out as AppError).details).toMatchObject({ problems: [{ code: 'TOPOLOGY' }] })
  })

  it('when any other error happens, then it passes through unchanged', () => {
    const err = Object.assign(new Error('relation does not exist'), { code: '42P01' })
    expect(translateDatabaseError(err)).toBe(err)
  })
})
