import type { RequestHandler } from 'express'
import { z } from 'zod'
import { controlCharacterAt } from '../domain/control-characters.ts'
import { AppError } from './errors.ts'
import { describeField } from './field-labels.ts'
import './zod-messages.ts'

export { controlCharacterAt } from '../domain/control-characters.ts'

/** Deepest nesting of arrays and objects a request may have (a GeoJSON geometry in a body is about 8). */
export const MAX_NESTING = 100

/** A control character found in a request value: where (path of keys) and at which character. */
export interface ControlCharacterHit {
  path: (string | number)[]
  position: number
  isInKey: boolean
}

/** What the input guard refuses: a control character, or nesting deeper than {@link MAX_NESTING}. */
type InputProblem = ({ kind: 'control' } & ControlCharacterHit) | { kind: 'nesting'; path: (string | number)[] }

/** The first problem in any string or object key of `value`, in document order; walked without recursion. */
function findInputProblem(value: unknown, path: (string | number)[] = []): InputProblem | null {
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value, path }]
  while (stack.length) {
    const next = stack.pop()!
    if (typeof next.value === 'string') {
      const position = controlCharacterAt(next.value)
      if (position !== null) return { kind: 'control', path: next.path, position, isInKey: false }
      continue
    }
    if (next.value === null || typeof next.value !== 'object') continue
    if (next.path.length - path.length >= MAX_NESTING) return { kind: 'nesting', path: next.path }
    const entries: [string | number, unknown][] = Array.isArray(next.value)
      ? next.value.map((v, i) => [i, v])
      : Object.entries(next.value)
    for (const [key] of entries) {
      const position = typeof key === 'string' ? controlCharacterAt(key) : null
      if (position !== null) return { kind: 'control', path: [...next.path, key], position, isInKey: true }
    }
    for (let i = entries.length - 1; i >= 0; i--)
      stack.push({ value: entries[i][1], path: [...next.path, entries[i][0]] })
  }
  return null
}

/** The 400 for a control character, naming the field (`where` overrides the field name, e.g. 第 3 行「作物」). */
function controlCharacterError(hit: ControlCharacterHit, requestPath?: string, where?: string): AppError {
  const field = where ?? describeField(hit.path, requestPath)
  const what = hit.isInKey ? '的名称' : ''
  const message = `${field}${what}含有不可见的控制字符（位置 ${hit.position}），请删除后重试`
  return new AppError('VALIDATION', message, { reason: 'CONTROL_CHARACTER', field: hit.path.join('.') })
}

function inputProblemError(problem: InputProblem, requestPath?: string): AppError {
  if (problem.kind === 'control') return controlCharacterError(problem, requestPath)
  const field = problem.path.length ? `「${problem.path.slice(0, 3).join('.')}」下的内容` : '「请求内容」'
  const message = `${field}嵌套超过 ${MAX_NESTING} 层，不是本系统接受的数据，请检查后重试`
  return new AppError('VALIDATION', message, { reason: 'NESTED_TOO_DEEP', field: problem.path.slice(0, 3).join('.') })
}

/** Throws the 400 when `value` holds a control character anywhere (form fields, imported cells) or nests too deep. */
export function assertNoControlCharacters(value: unknown, path: (string | number)[] = [], requestPath?: string): void {
  const problem = findInputProblem(value, path)
  if (problem) throw inputProblemError(problem, requestPath)
}

function decodedSegments(path: string): string[] {
  return path.split('/').map((s) => {
    try {
      return decodeURIComponent(s)
    } catch {
      return s
    }
  })
}

/**
 * Refuses a request whose JSON body, query or path holds a control character, before any route sees it:
 * PostgreSQL cannot store NUL, and the others have no place in an officer's text. Multipart form fields are
 * checked by `parse` (they are read inside their routes).
 */
export const refuseControlCharacters: RequestHandler = (req, _res, next) => {
  const segments = decodedSegments(req.path)
  const inPath = segments.findIndex((s) => controlCharacterAt(s) !== null)
  if (inPath >= 0) {
    const message = `网址第 ${inPath} 段含有不可见的控制字符（位置 ${controlCharacterAt(segments[inPath])}），请检查链接`
    return next(new AppError('VALIDATION', message, { reason: 'CONTROL_CHARACTER', field: 'path' }))
  }
  const problem = findInputProblem(req.query) ?? findInputProblem(req.body)
  next(problem ? inputProblemError(problem, req.path) : undefined)
}

/** Parses request input with a Zod schema; the messages of all failing fields go back in one 400. */
export function parse<T>(schema: z.ZodType<T>, input: unknown): T {
  assertNoControlCharacters(input)
  const result = schema.safeParse(input)
  if (!result.success) {
    throw new AppError('VALIDATION', result.error.issues.map((i) => i.message).join('；'), {
      problems: result.error.issues.map((i) => ({
        code: 'INVALID_FIELD',
        field: i.path.join('.'),
        message: i.message,
      })),
    })
  }
  return result.data
}

/** Earliest date any form accepts: older dates are typing errors (0000-01-01, 0202-05-03). */
export const EARLIEST_DATE = '1900-01-01'

/** Today in China (UTC+8), YYYY-MM-DD. */
export function todayInChina(now = Date.now()): string {
  return new Date(now + 8 * 3600_000).toISOString().slice(0, 10)
}

function yearsAfter(date: string, years: number): string {
  return `${String(Number(date.slice(0, 4)) + years).padStart(4, '0')}${date.slice(4)}`
}

function isRealDate(s: string): boolean {
  const t = Date.parse(`${s}T00:00:00Z`)
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === s
}

/** What is wrong with a YYYY-MM-DD date, or null when it is a real day in the accepted range. */
function dateProblem(s: string, label: string, isNotAfterToday: boolean): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return `${label}应为 YYYY-MM-DD 格式，如 2024-05-03`
  if (!isRealDate(s)) return `${label}不是有效的日期（${s}）`
  if (s < EARLIEST_DATE) return `${label}不能早于 ${EARLIEST_DATE}，请检查年份（${s}）`
  if (isNotAfterToday && s > todayInChina()) return `${label}不能晚于今天（${s}）`
  if (s > yearsAfter(todayInChina(), 1)) return `${label}不能晚于一年之后，请检查年份（${s}）`
  return null
}

/**
 * The one date field of every form: YYYY-MM-DD, a real calendar day, from 1900-01-01 to one year after today
 * (or to today when `isNotAfterToday`, e.g. a sampling date).
 */
export function isoDate(label: string, { isNotAfterToday = false } = {}) {
  return z.string({ error: `${label}应为 YYYY-MM-DD 格式的日期` }).superRefine((s, ctx) => {
    const problem = dateProblem(s, label, isNotAfterToday)
    if (problem) ctx.addIssue({ code: 'custom', message: problem })
  })
}
