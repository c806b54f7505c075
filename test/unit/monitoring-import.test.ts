import { describe, expect, it } from 'vitest'
import {
  IMPORT_COLUMNS,
  headerKey,
  parseCsv,
  readHeader,
  readRows,
  rowMessage,
  templateHeader,
} from '../../server/src/domain/monitoring-import.ts'

describe('parseCsv', () => {
  it('when a CSV has a BOM, quotes, escaped quotes, commas and CRLF, then cells come back as written, rows numbered from 1', () => {
    const rows = parseCsv('\uFEFF点位编号,备注\r\n"A,1","说""明"\r\nB,\n')
    expect(rows).toEqual([
      { row: 1, cells: ['点位编号', '备注'] },
      { row: 2, cells: ['A,1', '说"明'] },
      { row: 3, cells: ['B', ''] },
    ])
  })

  it('when the last line has no line break or a quoted field holds a line break, then both are read', () => {
    expect(parseCsv('a,b\nc,"d\ne"')).toEqual([
      { row: 1, cells: ['a', 'b'] },
      { row: 2, cells: ['c', 'd\ne'] },
    ])
  })
})

describe('header and rows', () => {
  it('when headers carry units in full- or half-width brackets, then they match the template columns', () => {
    expect(headerKey('镉（mg/kg）')).toBe('镉')
    expect(headerKey(' 有机质(g/kg) ')).toBe('有机质')
    const all = readHeader(IMPORT_COLUMNS.map(templateHeader))
    expect(all.ok && all.index.size).toBe(IMPORT_COLUMNS.length)
  })

  it('when a required column is missing or an unknown one is present, then the header is refused naming them', () => {
    expect(readHeader(['采样日期', '镉'])).toEqual({
      ok: false,
      message: '第 1 行（表头）缺少必填列「点位编号」、「采样日期」，请使用导入模板'.replace('、「采样日期」', ''),
    })
    const unknown = readHeader(['点位编号', '采样日期', '钡'])
    expect(!unknown.ok && unknown.message).toContain('「钡」')
  })

  it('when rows are blank or marked 示例, then they are left out; others keep their file row number', () => {
    const head = readHeader(['点位编号', '采样日期', 'pH', '镉', '备注'])
    if (!head.ok) throw new Error(head.message)
    const rows = readRows(head.index, [
      { row: 2, cells: ['P1', '2024-01-01', '6', '0.2', '示例'] },
      { row: 3, cells: ['', '', '', '', ''] },
      { row: 4, cells: [' P2 ', '2024-01-02', '', 'abc', ''] },
    ])
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({
      row: 4,
      pointCode: 'P2',
      raw: { sampledOn: '2024-01-02', ph: '', values: { cd: 'abc', hg: '' } },
    })
  })

  it('when a problem is reported, then the message starts with the row number', () => {
    expect(rowMessage(5, '「镉」：数值「abc」不是数字')).toBe('第 5 行「镉」：数值「abc」不是数字')
  })
})
