/**
 * The log as short readable lines for a person at a terminal (`LOG_FORMAT=text`, the default when the output is a
 * terminal): `12:03:04 信息 已执行数据库迁移：…`, a request as `GET /api/plots 200 12 ms`. Files and log collectors
 * get pino's JSON lines as before.
 */

const LEVEL_NAME: Record<number, string> = { 10: '跟踪', 20: '调试', 30: '信息', 40: '警告', 50: '错误', 60: '严重' }

interface LogRecord {
  level?: number
  time?: number
  msg?: string
  req?: { method?: string; path?: string }
  res?: { statusCode?: number }
  responseTime?: number
  err?: { message?: string; stack?: string }
}

/** One JSON line of pino as a readable line (the stack of an error follows on its own lines). */
export function formatLogLine(json: string): string {
  let r: LogRecord
  try {
    r = JSON.parse(json) as LogRecord
  } catch {
    return json.trimEnd()
  }
  const time = new Date(r.time ?? Date.now()).toTimeString().slice(0, 8)
  const level = LEVEL_NAME[r.level ?? 30] ?? String(r.level)
  const request =
    r.req && r.res ? `${r.req.method} ${r.req.path} ${r.res.statusCode} ${Math.round(r.responseTime ?? 0)} ms` : null
  const text = request ?? r.msg ?? ''
  const error = r.err ? `\n${r.err.stack ?? r.err.message ?? ''}` : ''
  return `${time} ${level} ${text}${error}`
}

/** A pino destination that writes {@link formatLogLine} lines to `out`. */
export function textLogStream(out: { write: (s: string) => unknown }) {
  return { write: (line: string) => out.write(`${formatLogLine(line)}\n`) }
}
