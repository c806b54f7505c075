import { describe, expect, it } from 'vitest'
import { csvCell, csvLine } from '../../server/src/domain/csv.ts'

describe('csvCell', () => {
  it.each([
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ['+1+1', "'+1+1"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['\r=1', `"'\r=1"`],
    ['镉超标', '镉超标'],
    ['a,b', '"a,b"'],
  ])('when the text is %j, then the cell is %j', (text, cell) => {
    expect(csvCell(text)).toBe(cell)
  })

  it.each([
    [-2, '-2'],
    [-0.5, '-0.5'],
    [1.5, '1.5'],
    ['-2', '-2'],
    ['+3.25', '+3.25'],
    ['-1e3', '-1e3'],
    [null, ''],
  ])('when the value %j is a plain number, then it stays a number: %j', (value, cell) => {
    expect(csvCell(value)).toBe(cell)
  })

  it('when values hold commas, quotes or line breaks, then they are quoted as RFC 4180 says; null is empty', () => {
    expect(csvLine(['a,b', 'say "hi"', 'x\ny', null, 1.5])).toBe('"a,b","say ""hi""","x\ny",,1.5\r\n')
  })

  it('when a line is written, then each of its cells is escaped the same way', () => {
    expect(csvLine(['=1+1', -3, 'x'])).toBe("'=1+1,-3,x\r\n")
  })
})
