import type { Database } from '../db/database.ts'
import { DEFAULT_RULE_SET, checkRuleSet, type ClassRuleSet } from '../domain/class-rules.ts'
import { SOIL_GRADE_LABEL } from '../domain/assess-sample.ts'
import { METHOD_LABEL } from '../domain/classify-farmland.ts'
import { figuresByClass, priorityWarnings, summarizeByTownship, type ClassCode } from '../domain/class-summary.ts'
import { GB2762_EDITIONS } from '../domain/gb2762.ts'
import { FARMLAND_CLASS, labelOf } from '../domain/labels.ts'
import { isEditableInReview } from '../domain/review-workflow.ts'
import { m2ToMu } from '../domain/units.ts'
import { assertCountyInScope, scopeAdcodes } from '../domain/scope.ts'
import { AppError } from '../domain/errors.ts'
import { isoOf } from '../domain/changed-at.ts'
import type {
  ClassChangesResponse,
  ClassEntry,
  ClassList,
  ClassListSummary,
  ClassificationJob,
  RuleSet,
} from '../../../contracts/classification.ts'
import {
  countTransitions,
  failAbandonedJobs,
  farmlandStatistics,
  findActiveJobId,
  findCounty,
  findEntry,
  findJob,
  findList,
  findRuleSet,
  insertDefaultRuleSet,
  insertRuleSet,
  insertJob,
  insertList,
  listChanges,
  listJobs,
  listLists,
  listRuleSets,
  lockList,
  overrideEntry,
  requestJobCancel,
  finishJob,
  summarizeList,
  touchList,
  type EntryRow,
  type JobRow,
  type JobStatus,
  type ListRow,
} from '../repos/classification.repo.ts'
import { insertHistory } from '../repos/review.repo.ts'
import type { AuthContext } from './auth.service.ts'
import type { ClassificationRunner } from './classification-runner.ts'
import { describeReview } from './review.service.ts'
import type { FarmlandStatistics } from '../../../contracts/statistics.ts'

export const JOB_STATUS_LABEL: Record<JobStatus, string> = {
  queued: '排队中',
  running: '运行中',
  done: '已完成',
  failed: '失败',
  cancelled: '已取消',
}

const round2 = (n: number) => Math.round(n * 100) / 100

/** Adds the built-in rule set once (start-up, seeding), so every list can name its rule set. */
export async function ensureDefaultRuleSet(db: Database): Promise<boolean> {
  return insertDefaultRuleSet(db, DEFAULT_RULE_SET.version, DEFAULT_RULE_SET.name, DEFAULT_RULE_SET)
}

/** Jobs a stopped server left queued or running can never finish: they are marked failed at start-up. */
export function failJobsOfStoppedServer(db: Database): Promise<number> {
  return failAbandonedJobs(
    db,
    '服务器在分类过程中停止，任务已中断；清单不完整，不能提交，已发布的分类未受影响。请重新运行分类',
  )
}

function describeJob(r: JobRow): ClassificationJob {
  const total = Number(r.total)
  const done = Number(r.done)
  return {
    id: Number(r.id),
    adcode: r.adcode,
    county: r.county,
    listId: r.list_id === null ? null : Number(r.list_id),
    status: r.status,
    statusName: JOB_STATUS_LABEL[r.status],
    total,
    done,
    progress: r.status === 'done' ? 1 : total ? Math.min(1, done / total) : 0,
    isCancelRequested: r.is_cancel_requested,
    error: r.error,
    startedBy: r.started_by,
    createdAt: isoOf(r.created_at),
    finishedAt: r.finished_at === null ? null : isoOf(r.finished_at),
  }
}

function describeList(r: ListRow, ctx: AuthContext): ClassList {
  return {
    id: Number(r.id),
    adcode: r.adcode,
    county: r.county,
    title: r.title,
    ruleSetVersion: r.rule_set_version,
    isComplete: r.is_complete,
    parcelCount: r.parcel_count,
    createdBy: r.created_by,
    createdByName: r.created_by_name ?? r.created_by,
    createdAt: isoOf(r.created_at),
    updatedAt: isoOf(r.updated_at),
    publishedAt: r.published_at === null ? null : isoOf(r.published_at),
    isCurrent: r.is_current,
    jobId: r.job_id === null ? null : Number(r.job_id),
    jobStatus: r.job_status,
    priorityFallExplanation: r.priority_fall_explanation,
    review: describeReview('class-list', r, ctx.user.role),
  }
}

function describeEntry(r: EntryRow): ClassEntry {
  return {
    parcelId: Number(r.parcel_id),
    code: r.code,
    class: r.class,
    className: labelOf(FARMLAND_CLASS, r.class),
    method: r.method,
    methodName: labelOf(METHOD_LABEL, r.method),
    soilGrade: r.soil_grade,
    soilGradeName: r.soil_grade ? labelOf(SOIL_GRADE_LABEL, r.soil_grade) : null,
    mainPollutants: r.main_pollutants,
    sampleCount: r.sample_count,
    basis: r.basis,
    computedClass: r.computed_class,
    computedClassName: r.computed_class ? labelOf(FARMLAND_CLASS, r.computed_class) : null,
    overrideReason: r.override_reason,
    overrideBy: r.override_by,
    overrideByName: r.override_by_name ?? r.override_by,
    publishedClass: r.published_class,
    publishedClassName: labelOf(FARMLAND_CLASS, r.published_class),
  }
}

async function countyInScope(db: Database, ctx: AuthContext, adcode: string) {
  const county = await findCounty(db, adcode)
  if (!county) throw new AppError('NOT_FOUND', `没有行政区划代码为 ${adcode} 的区县`)
  assertCountyInScope(ctx, county.adcode, county.name)
  return county
}

/** The county codes a read covers: the one asked for (checked against the scope), else the whole scope. */
async function adcodesFor(db: Database, ctx: AuthContext, adcode: string | undefined): Promise<string[]> {
  if (!adcode) return scopeAdcodes(ctx)
  return [(await countyInScope(db, ctx, adcode)).adcode]
}

async function listInScope(db: Database, ctx: AuthContext, id: number): Promise<ListRow> {
  const list = await findList(db, id)
  if (!list) throw new AppError('NOT_FOUND', `没有编号为 ${id} 的分类清单`)
  assertCountyInScope(ctx, list.adcode, list.county)
  return list
}

async function jobInScope(db: Database, ctx: AuthContext, id: number): Promise<JobRow> {
  const job = await findJob(db, id)
  if (!job) throw new AppError('NOT_FOUND', `没有编号为 ${id} 的分类任务`)
  assertCountyInScope(ctx, job.adcode, job.county)
  return job
}

/**
 * Stores a province's own rule set as a new version (administrators only); the rules are checked as a job
 * would check them, and an existing version is never overwritten.
 */
export async function createRuleSet(
  db: Database,
  ctx: AuthContext,
  input: { version: string; name: string; rules: Omit<ClassRuleSet, 'version' | 'name'>; isDefault: boolean },
): Promise<RuleSet> {
  const rules: ClassRuleSet = { ...input.rules, version: input.version, name: input.name }
  const problems = checkRuleSet(rules, Object.keys(GB2762_EDITIONS))
  if (problems.length) throw new AppError('VALIDATION', `分类规则集不完整或有误：${problems.join('；')}`)
  await db.transaction(async (tx) => {
    const isNew = await insertRuleSet(tx, {
      version: input.version,
      name: input.name,
      rules,
      isDefault: input.isDefault,
      createdBy: ctx.user.username,
    })
    if (!isNew)
      throw new AppError('CONFLICT', `规则集版本“${input.version}”已存在；规则集保存后不能修改，请使用新的版本号`)
  })
  return (await listRuleSetsFor(db)).find((r) => r.version === input.version)!
}

export async function listRuleSetsFor(db: Database): Promise<RuleSet[]> {
  return (await listRuleSets(db)).map((r) => ({
    version: r.version,
    name: r.name,
    isDefault: r.is_default,
    rules: r.rules,
  }))
}

const isUniqueViolation = (err: unknown) => (err as { code?: string })?.code === '23505'

function activeJobConflict(county: string, jobId: number | undefined): AppError {
  return new AppError(
    'CONFLICT',
    `${county}已有一个分类任务正在运行${jobId ? `（任务 ${jobId}）` : ''}，请等待其完成或取消后再试`,
    { jobId },
  )
}

/**
 * Starts a county-wide classification: a new draft list (incomplete) and a queued job in one transaction, then
 * the job runs in the background. One job per county at a time.
 */
export async function startClassification(
  db: Database,
  runner: ClassificationRunner,
  ctx: AuthContext,
  input: { adcode: string; ruleSetVersion?: string },
): Promise<ClassificationJob> {
  const county = await countyInScope(db, ctx, input.adcode)
  const ruleSet = await findRuleSet(db, input.ruleSetVersion ?? null)
  if (!ruleSet) {
    throw new AppError(
      input.ruleSetVersion ? 'NOT_FOUND' : 'CONFLICT',
      input.ruleSetVersion ? `没有版本为“${input.ruleSetVersion}”的分类规则集` : '尚未设置默认分类规则集，请联系管理员',
    )
  }
  const rules = { ...(ruleSet.rules as ClassRuleSet), version: ruleSet.version }
  const problems = checkRuleSet(rules, Object.keys(GB2762_EDITIONS))
  if (problems.length) throw new AppError('CONFLICT', `分类规则集“${ruleSet.name}”无法使用：${problems.join('；')}`)
  const stamp = new Date().toLocaleString('zh-CN', {
    timeZone: 'Asia/Shanghai',
    hour12: false,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  })
  const jobId = await db
    .transaction(async (tx) => {
      const running = await findActiveJobId(tx, county.adcode)
      if (running !== undefined) throw activeJobConflict(county.name, running)
      const listId = await insertList(
        tx,
        county.adcode,
        `${county.name}耕地土壤环境质量类别清单（${stamp}）`,
        ruleSet.version,
        ctx.user.username,
      )
      const id = await insertJob(tx, county.adcode, listId, county.parcels, ctx.user.username)
      return { id, listId }
    })
    .catch((err) => {
      throw isUniqueViolation(err) ? activeJobConflict(county.name, undefined) : err
    })
  runner.start({ id: jobId.id, adcode: county.adcode, listId: jobId.listId, startedBy: ctx.user.username, rules })
  return describeJob((await findJob(db, jobId.id))!)
}

export async function getJob(db: Database, ctx: AuthContext, id: number): Promise<ClassificationJob> {
  return describeJob(await jobInScope(db, ctx, id))
}

export async function listJobsFor(
  db: Database,
  ctx: AuthContext,
  adcode: string | undefined,
): Promise<ClassificationJob[]> {
  return (await listJobs(db, await adcodesFor(db, ctx, adcode))).map(describeJob)
}

/**
 * Asks a job to stop. A job running here stops between two batches; a job no runner holds (queued, or left
 * by a stopped server) is marked cancelled at once. Either way its list stays incomplete.
 */
export async function cancelJob(
  db: Database,
  runner: ClassificationRunner,
  ctx: AuthContext,
  id: number,
): Promise<ClassificationJob> {
  const job = await jobInScope(db, ctx, id)
  if (!(await requestJobCancel(db, job.adcode, job.id))) {
    throw new AppError('CONFLICT', `分类任务 ${job.id} 已结束（${JOB_STATUS_LABEL[job.status]}），无须取消`)
  }
  if (!runner.isActive(job.id))
    await finishJob(db, job.adcode, job.id, 'cancelled', '已取消；清单不完整，不能提交，已发布的分类未受影响')
  return describeJob((await findJob(db, id))!)
}

export async function listClassLists(db: Database, ctx: AuthContext, adcode: string | undefined): Promise<ClassList[]> {
  return (await listLists(db, await adcodesFor(db, ctx, adcode))).map((r) => describeList(r, ctx))
}

/** The list against the published classes: by class for the county and each township, the changes, the warnings. */
export async function getListSummary(db: Database, ctx: AuthContext, id: number): Promise<ClassListSummary> {
  const list = await listInScope(db, ctx, id)
  const rows = await summarizeList(db, list.adcode, list.id)
  const transitions = await countTransitions(db, list.adcode, list.id)
  const byClass = figuresByClass(rows)
  const byTownship = summarizeByTownship(rows)
  return {
    list: describeList(list, ctx),
    byClass,
    byTownship,
    changes: {
      count: transitions.reduce((s, t) => s + t.count, 0),
      areaMu: round2(m2ToMu(transitions.reduce((s, t) => s + t.area_m2, 0))),
      byTransition: transitions.map((t) => ({
        from: t.from_class,
        fromName: labelOf(FARMLAND_CLASS, t.from_class),
        to: t.to_class,
        toName: labelOf(FARMLAND_CLASS, t.to_class),
        count: t.count,
        areaMu: round2(m2ToMu(t.area_m2)),
      })),
    },
    warnings: priorityWarnings(list.county, byClass, byTownship),
  }
}

export async function listListChanges(
  db: Database,
  ctx: AuthContext,
  id: number,
  offset: number,
  limit: number,
): Promise<ClassChangesResponse> {
  const list = await listInScope(db, ctx, id)
  const { total, rows } = await listChanges(db, list.adcode, list.id, offset, limit)
  return {
    total,
    items: rows.map((r) => ({
      parcelId: Number(r.parcel_id),
      code: r.code,
      township: r.township,
      dlbm: r.dlbm,
      fromClass: r.from_class,
      fromClassName: labelOf(FARMLAND_CLASS, r.from_class),
      toClass: r.to_class,
      toClassName: labelOf(FARMLAND_CLASS, r.to_class),
      areaMu: round2(m2ToMu(r.area_m2)),
      method: r.method,
      methodName: labelOf(METHOD_LABEL, r.method),
    })),
  }
}

export async function getEntry(db: Database, ctx: AuthContext, listId: number, parcelId: number): Promise<ClassEntry> {
  const list = await listInScope(db, ctx, listId)
  const entry = await findEntry(db, list.adcode, list.id, parcelId)
  if (!entry) throw new AppError('NOT_FOUND', `分类清单“${list.title}”中没有编号为 ${parcelId} 的图斑`)
  return describeEntry(entry)
}

/**
 * A manual class for one parcel of a draft or returned list: the reason is required, the computed class and
 * its basis stay beside it, and the change is written to the history in the same transaction.
 */
export async function overrideListEntry(
  db: Database,
  ctx: AuthContext,
  input: { listId: number; parcelId: number; class: ClassCode; reason: string },
): Promise<ClassEntry> {
  return db.transaction(async (tx) => {
    const list = await lockList(tx, input.listId)
    if (!list) throw new AppError('NOT_FOUND', `没有编号为 ${input.listId} 的分类清单`)
    assertCountyInScope(ctx, list.adcode, list.county)
    if (!isEditableInReview(list.review_status)) {
      throw new AppError(
        'CONFLICT',
        `分类清单“${list.title}”${list.review_status === 'published' ? '已发布' : '已提交审定'}，只有草稿或退回的清单可以调整类别`,
      )
    }
    if (!list.is_complete)
      throw new AppError('CONFLICT', `分类清单“${list.title}”不完整（分类任务未完成、已取消或失败），不能调整类别`)
    const before = await findEntry(tx, list.adcode, list.id, input.parcelId)
    if (!before) throw new AppError('NOT_FOUND', `分类清单“${list.title}”中没有编号为 ${input.parcelId} 的图斑`)
    await overrideEntry(tx, list.adcode, list.id, input.parcelId, input.class, input.reason, ctx.user.username)
    const version = await touchList(tx, list.adcode, list.id)
    await insertHistory(tx, {
      adcode: list.adcode,
      entity: 'class_list',
      entityId: list.id,
      action: 'override',
      actor: ctx.user.username,
      reason: input.reason,
      before: {
        parcelId: input.parcelId,
        code: before.code,
        class: before.class,
        method: before.method,
        version: list.version,
      },
      after: { parcelId: input.parcelId, code: before.code, class: input.class, method: 'override', version },
    })
    return describeEntry((await findEntry(tx, list.adcode, list.id, input.parcelId))!)
  })
}

/** Published classes: parcels and area by class per county and per township of the asked county or the scope. */
export async function getFarmlandStatistics(
  db: Database,
  ctx: AuthContext,
  adcode: string | undefined,
): Promise<FarmlandStatistics> {
  const rows = await farmlandStatistics(db, await adcodesFor(db, ctx, adcode))
  const figures = (list: typeof rows) => {
    const byClass = figuresByClass(
      list.map((r) => ({
        townshipCode: r.township_code,
        township: r.township,
        class: r.class,
        count: 0,
        areaM2: 0,
        publishedCount: r.count,
        publishedAreaM2: r.area_m2,
      })),
    ).map((f) => ({
      class: f.class,
      className: f.className,
      count: f.publishedCount,
      areaMu: f.publishedAreaMu,
      areaHa: f.publishedAreaHa,
    }))
    return { byClass, totalMu: round2(m2ToMu(list.reduce((s, r) => s + r.area_m2, 0))) }
  }
  const counties = [...new Map(rows.map((r) => [r.adcode, r.county])).entries()].map(([code, name]) => ({
    adcode: code,
    name,
    ...figures(rows.filter((r) => r.adcode === code)),
  }))
  const townshipKeys = [...new Set(rows.map((r) => `${r.adcode}|${r.township_code.trim()}`))]
  const townships = townshipKeys.map((key) => {
    const [code, township] = key.split('|')
    const mine = rows.filter((r) => r.adcode === code && r.township_code.trim() === township)
    return { code: township || null, name: mine[0].township ?? '未落乡镇', adcode: code, ...figures(mine) }
  })
  return { counties, townships }
}
