const ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' }

const escapeValue = (value: string | null) => (value === null ? '\\N' : value.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]))

/**
 * One row of PostgreSQL's COPY text format: values separated by tabs, ending in a newline, null as `\N`, and a
 * backslash, tab, newline or carriage return inside a value escaped (PostgreSQL documentation, COPY, “Text Format”).
 */
export function copyTextRow(values: readonly (string | null)[]): string {
  return `${values.map(escapeValue).join('\t')}\n`
}
