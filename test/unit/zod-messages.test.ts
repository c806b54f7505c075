import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { controlCharacterAt, parse } from '../../server/src/http/validate.ts'

const messageOf = (schema: z.ZodType, input: unknown) => {
  try {
    parse(schema, input)
  } catch (err) {
    return (err as Error).message
  }
  throw new Error('parse accepted the input')
}

describe('Chinese fallback messages of every schema', () => {
  it.each([
    ['a missing field', z.object({ bz: z.string() }), {}, '「备注」必填'],
    ['a number for text', z.object({ address: z.string() }), { address: 5 }, '「地址」应为文字，收到的是数字'],
    ['an array for an object', z.object({ name: z.string() }), [], '「请求内容」应为 JSON 对象（{…}），收到的是数组'],
    ['text too long', z.object({ reason: z.string().max(3) }), { reason: 'abcd' }, '「理由」最多 3 个字'],
    ['too few items', z.object({ parcels: z.array(z.number()).min(2) }), { parcels: [1] }, '「合并的图斑」至少 2 项'],
    ['a number too large', z.object({ k: z.number().max(9) }), { k: 10 }, '「新增点位数」不能大于 9'],
    [
      'a value not in the list',
      z.object({ mode: z.enum(['all', 'valid-only']) }),
      { mode: 'x' },
      '「导入方式」应为 “all”、“valid-only” 之一',
    ],
    [
      'an unknown key',
      z.strictObject({ ph: z.number() }),
      { ph: 6, zz: 1 },
      '「请求内容」中有无法识别的项：“zz”，请删去',
    ],
    [
      'a key without a Chinese name',
      z.object({ fooBar: z.object({ x: z.number() }) }),
      { fooBar: { x: 'a' } },
      '字段「fooBar.x」应为数字，收到的是文字',
    ],
    [
      'NaN in a list',
      z.object({ bbox: z.array(z.number()) }),
      { bbox: [1, Number.NaN] },
      '「范围（bbox）」第 2 项（bbox.1）应为数字，收到的是非数字（NaN）',
    ],
  ])('when %s, then the message is %s', (_what, schema, input, message) => {
    expect(messageOf(schema, input)).toBe(message)
  })

  it('when a schema has its own message, then that message wins', () => {
    expect(messageOf(z.object({ name: z.string({ error: '地块名称必填' }) }), {})).toBe('地块名称必填')
  })
})

describe('controlCharacterAt', () => {
  it.each([
    ['plain Chinese text', '赫山区 1 号地块', null],
    ['tab, line feed and carriage return', 'a\tb\r\nc', null],
    ['an emoji (a surrogate pair)', '好😀', null],
    ['NUL after an emoji', '😀\u0000', 2],
    ['a C1 control', 'x\u0090', 2],
  ])('when the text is %s, then the position is %s', (_what, text, position) => {
    expect(controlCharacterAt(text)).toBe(position)
  })
})
