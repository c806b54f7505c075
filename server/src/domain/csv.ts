/** A value of a CSV cell: text, a number, or nothing (an empty cell). */
export type CsvValue = string | number | null

/** Text that is only a number (-2, +3.25, 1e3): a spreadsheet reads it as that number, never as a formula. */
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/

/** First characters that make a spreadsheet run a cell as a formula (= + - @, and tab or CR before one). */
const FORMULA_START = /^[=+\-@\t\r]/

/**
 * One CSV cell, RFC 4180 quoting. Text a spreadsheet would run as a formula gets a leading single quote
 * (OWASP, CSV Injection); numbers, and text that is a plain number (-2), stay numbers.
 */
export function csvCell(value: CsvValue): string {
  if (value === null) return ''
  let text = String(value)
  if (typeof value === 'string' && FORMULA_START.test(text) && !PLAIN_NUMBER.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** One CSV line: the cells, comma-separated, ending in CRLF. */
export function csvLine(values: readonly CsvValue[]): string {
  return `${values.map(csvCell).join(',')}\r\n`
}
