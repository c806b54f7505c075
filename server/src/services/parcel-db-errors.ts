import { AppError } from '../domain/errors.ts'

/**
 * Database failures an officer can act on: two saves that wait on each other (PostgreSQL ends one with a
 * deadlock) are a conflict to retry, and a geometry GEOS cannot compute with is a geometry problem, not a 500.
 */
export function translateDatabaseError(err: unknown): unknown {
  const e = err as { code?: string; message?: string }
  if (e?.code === '40P01' || e?.code === '40001') {
    return new AppError('CONFLICT', '其他人员正在同时修改这些图斑，本次未保存，请稍后重新保存', {
      reason: 'CONCURRENT_EDIT',
    })
  }
  if (typeof e?.message === 'string' && /TopologyException|GEOS/.test(e.message)) {
    return new AppError('GEOMETRY_CHECK', '图形无法进行空间运算（边界过于接近或重叠），未保存：请检查节点后重试', {
      problems: [{ index: 0, code: 'TOPOLOGY', message: '图形无法进行空间运算，请检查边界是否有重复或极近的节点' }],
    })
  }
  return err
}
