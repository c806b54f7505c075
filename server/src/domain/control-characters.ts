/**
 * Characters no form field holds: C0 controls except tab, line feed and carriage return, DEL, the C1 controls
 * U+0080–U+009F, UTF-16 halves without their partner (PostgreSQL refuses NUL and the halves cannot be stored)
 * and the Unicode non-characters (U+FDD0–U+FDEF and every U+xFFFE, U+xFFFF).
 */
const CONTROL_CHARACTER = new RegExp(
  [
    '[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F-\\x9F\\uFDD0-\\uFDEF\\uFFFE\\uFFFF]',
    '[\\uD83F\\uD87F\\uD8BF\\uD8FF\\uD93F\\uD97F\\uD9BF\\uD9FF\\uDA3F\\uDA7F\\uDABF\\uDAFF\\uDB3F\\uDB7F\\uDBBF\\uDBFF][\\uDFFE\\uDFFF]',
    '[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])',
    '(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]',
  ].join('|'),
)

/** The 1-based character position of the first control character of `text`, or null when it has none. */
export function controlCharacterAt(text: string): number | null {
  const match = CONTROL_CHARACTER.exec(text)
  if (!match) return null
  return Array.from(text.slice(0, match.index)).length + 1
}
