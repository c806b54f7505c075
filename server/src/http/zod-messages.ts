import { z } from 'zod'
import { describeField } from './field-labels.ts'

const TYPE_NAME: Readonly<Record<string, string>> = {
  string: '文字',
  number: '数字',
  int: '整数',
  boolean: 'true 或 false',
  object: 'JSON 对象（{…}）',
  array: '数组（[…]）',
  date: '日期',
  bigint: '整数',
  null: '空值（null）',
  undefined: '留空',
}

function received(input: unknown): string {
  if (input === null) return '空值（null）'
  if (Array.isArray(input)) return '数组'
  if (typeof input === 'number' && Number.isNaN(input)) return '非数字（NaN）'
  if (typeof input === 'number' && !Number.isFinite(input)) return '无穷大'
  return TYPE_NAME[typeof input] ?? typeof input
}

/** A space between Chinese text and a Latin word that follows it (应为 JSON 对象). */
function spaced(name: string): string {
  return /^[A-Za-z0-9]/.test(name) ? ` ${name}` : name
}

function quoted(values: readonly unknown[]): string {
  return values.map((v) => (typeof v === 'string' ? `“${v}”` : String(v))).join('、')
}

function bound(iss: { origin?: string; inclusive?: boolean }, limit: unknown, isMax: boolean): string {
  switch (iss.origin) {
    case 'string':
      return isMax ? `最多 ${limit} 个字` : `至少 ${limit} 个字`
    case 'array':
    case 'set':
      return isMax ? `最多 ${limit} 项` : `至少 ${limit} 项`
    case 'file':
      return isMax ? `不能超过 ${limit} 字节` : `至少 ${limit} 字节`
    default:
      return isMax
        ? iss.inclusive === false
          ? `应小于 ${limit}`
          : `不能大于 ${limit}`
        : iss.inclusive === false
          ? `应大于 ${limit}`
          : `不能小于 ${limit}`
  }
}

/** The reason of one issue in a bureau officer's words, without the field (the caller puts the field in front). */
function reasonOf(iss: z.core.$ZodRawIssue): string {
  switch (iss.code) {
    case 'invalid_type':
      if (iss.input === undefined) return '必填'
      return `应为${spaced(TYPE_NAME[iss.expected] ?? iss.expected)}，收到的是${spaced(received(iss.input))}`
    case 'too_big':
      return bound(iss, iss.maximum, true)
    case 'too_small':
      return bound(iss, iss.minimum, false)
    case 'invalid_format':
      return iss.format === 'regex' ? '格式不正确' : `格式不正确（应为 ${iss.format} 格式）`
    case 'not_multiple_of':
      return `应为 ${iss.divisor} 的整数倍`
    case 'unrecognized_keys':
      return `中有无法识别的项：${quoted(iss.keys)}，请删去`
    case 'invalid_union':
      return '的取值无效，请对照说明填写'
    case 'invalid_key':
      return '中有无效的项名'
    case 'invalid_element':
      return '中有无效的项'
    case 'invalid_value':
      return iss.values.length === 1 ? `应为 ${quoted(iss.values)}` : `应为 ${quoted(iss.values)} 之一`
    default:
      return '的取值无效'
  }
}

/**
 * Zod's fallback message for every schema without its own: the field's Chinese name, then what is wrong
 * (「请求内容」应为 JSON 对象（{…}），收到的是数组). A schema's own message always wins over this one.
 */
export const chineseIssueMessage: z.core.$ZodErrorMap = (iss) => {
  const reason = reasonOf(iss)
  const glue = /^[应中的不至最必格]/.test(reason) ? '' : '：'
  return `${describeField(iss.path ?? [])}${glue}${reason}`
}

z.config({ customError: chineseIssueMessage })
