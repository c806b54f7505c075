import { describe, expect, it } from 'vitest'
import { copyTextRow } from '../../server/src/db/copy-text.ts'

describe('copyTextRow: one row of PostgreSQL COPY text format', () => {
  it.each([
    { values: ['1', '水田'], row: '1\t水田\n', case: 'plain values are joined by tabs and end in a newline' },
    { values: ['a', null], row: 'a\t\\N\n', case: 'null is \\N' },
    { values: ['甲\t乙'], row: '甲\\t乙\n', case: 'a tab inside a value is escaped' },
    { values: ['一组\n二组\r'], row: '一组\\n二组\\r\n', case: 'a newline and a carriage return are escaped' },
    { values: ['{"dlmc":"含\\\\田坎"}'], row: '{"dlmc":"含\\\\\\\\田坎"}\n', case: 'each backslash is doubled' },
    { values: ['\\N'], row: '\\\\N\n', case: 'the text \\N stays text, not null' },
    { values: [''], row: '\n', case: 'an empty string is empty, not null' },
  ])('when $case', ({ values, row }) => {
    expect(copyTextRow(values)).toBe(row)
  })
})
