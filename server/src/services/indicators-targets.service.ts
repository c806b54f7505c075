import type { Database, Queryable } from '../db/database.ts'
import { scopeWithin } from '../domain/roles.ts'
import {
  COMPARATOR_LABEL,
  INDICATOR_LABEL,
  JURISDICTION_LEVEL_LABEL,
  NATIONAL,
  checkTargetPct,
  jurisdictionLevel,
  type Indicator,
  type Target,
} from '../domain/safe-use-rate.ts'
import { AppError } from '../domain/errors.ts'
import { insertHistory } from '../repos/review.repo.ts'
import {
  findTargetForUpdate,
  insertTarget,
  listJurisdictions,
  listTargets,
  updateTarget,
  type TargetRow,
} from '../repos/indicators.repo.ts'
import type { AuthContext } from './auth.service.ts'
import type { TargetRow as TargetRowAnswer, TargetsAnswer } from '../../../contracts/indicators.ts'

function targetOut(t: TargetRow, names: Map<string, string>) {
  const level = jurisdictionLevel(t.jurisdiction)
  return {
    ...t,
    jurisdictionName: names.get(t.jurisdiction) ?? t.jurisdiction,
    level,
    levelName: JURISDICTION_LEVEL_LABEL[level],
    indicatorName: INDICATOR_LABEL[t.indicator],
    comparatorName: COMPARATOR_LABEL[t.comparator],
  }
}

/** Every target with its jurisdiction's name, and the jurisdictions a target may be set for. */
export async function getTargets(db: Queryable): Promise<TargetsAnswer> {
  const [targets, names] = await Promise.all([listTargets(db), listJurisdictions(db)])
  return {
    targets: targets.map((t) => targetOut(t, names)),
    jurisdictions: [...names.entries()].map(([code, name]) => ({
      code,
      name,
      level: jurisdictionLevel(code),
      levelName: JURISDICTION_LEVEL_LABEL[jurisdictionLevel(code)],
    })),
  }
}

export interface TargetInput {
  targetPct: number
  comparator: Target['comparator']
  source: string
}

function assertTargetValue(value: number): void {
  const check = checkTargetPct(value)
  if (!check.valid) throw new AppError('VALIDATION', check.message, { reason: 'INVALID_FIELD', field: check.field })
}

/** National targets are system settings any administrator keeps; others only within the administrator's scope. */
function assertMayEdit(ctx: AuthContext, jurisdiction: string, name: string): void {
  if (jurisdiction === NATIONAL || scopeWithin(jurisdiction, ctx.user.scopes)) return
  throw new AppError(
    'OUT_OF_SCOPE',
    `无权设定 ${name}（${jurisdiction}）的目标；您的管辖范围：${ctx.user.counties.map((c) => c.name).join('、') || '无'}`,
  )
}

/** Sets a new target of a jurisdiction (administrator): known jurisdiction, 0–100, one per indicator and year. */
export async function createTarget(
  db: Database,
  ctx: AuthContext,
  input: TargetInput & { jurisdiction: string; indicator: Indicator; year: number },
): Promise<TargetRowAnswer> {
  assertTargetValue(input.targetPct)
  const names = await listJurisdictions(db)
  const name = names.get(input.jurisdiction)
  if (!name) {
    const message = `行政区划代码 ${input.jurisdiction} 不是已知的全国（000000）、省、市或区县代码`
    throw new AppError('VALIDATION', message, { reason: 'UNKNOWN_JURISDICTION', field: 'jurisdiction' })
  }
  assertMayEdit(ctx, input.jurisdiction, name)
  const id = await db.transaction(async (tx) => {
    const created = await insertTarget(tx, input, ctx.user.username)
    if (created === null)
      throw new AppError(
        'CONFLICT',
        `${name}已有 ${input.year} 年的${INDICATOR_LABEL[input.indicator]}目标，请修改该目标`,
      )
    await insertHistory(tx, {
      adcode: input.jurisdiction,
      entity: 'indicator_target',
      entityId: created,
      action: 'create',
      actor: ctx.user.username,
      reason: null,
      before: null,
      after: input,
    })
    return created
  })
  return targetOut(
    (await listTargets(db)).find((t) => t.id === id)!,
    names,
  )
}

/** Changes a target (administrator) at the version the editor read; 409 with the current one when it moved on. */
export async function editTarget(
  db: Database,
  ctx: AuthContext,
  id: number,
  input: TargetInput & { version: number },
): Promise<TargetRowAnswer> {
  assertTargetValue(input.targetPct)
  const names = await listJurisdictions(db)
  await db.transaction(async (tx) => {
    const before = await findTargetForUpdate(tx, id)
    if (!before) throw new AppError('NOT_FOUND', `没有编号为 ${id} 的目标`)
    const name = names.get(before.jurisdiction) ?? before.jurisdiction
    assertMayEdit(ctx, before.jurisdiction, name)
    if (!(await updateTarget(tx, id, input, ctx.user.username, input.version))) {
      throw new AppError(
        'CONFLICT',
        `${name} ${before.year} 年的${INDICATOR_LABEL[before.indicator]}目标已被 ${before.updatedBy} 修改（当前为第 ${before.version} 版），请刷新后重试`,
        { current: targetOut(before, names) },
      )
    }
    await insertHistory(tx, {
      adcode: before.jurisdiction,
      entity: 'indicator_target',
      entityId: id,
      action: 'update',
      actor: ctx.user.username,
      reason: null,
      before: { targetPct: before.targetPct, comparator: before.comparator, source: before.source },
      after: { targetPct: input.targetPct, comparator: input.comparator, source: input.source },
    })
  })
  return targetOut(
    (await listTargets(db)).find((t) => t.id === id)!,
    names,
  )
}
