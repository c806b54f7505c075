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
