import { describe, expect, it } from 'vitest'
import { pino } from 'pino'
import { formatLogLine, textLogStream } from '../../server/src/http/log-lines.ts'

describe('the log as readable lines (LOG_FORMAT=text)', () => {
  it('when a step is logged, then the line is the time, the level in Chinese and the message, no JSON', () => {
    const lines: string[] = []
    const logger = pino({ level: 'info' }, textLogStream({ write: (s: string) => lines.push(s) }))
    logger.info('已执行数据库迁移：045_priority_area.sql')
    logger.warn('上次停止时有 1 个分类任务未完成')
    expect(lines).toHaveLength(2)
    expect(lines[0]).toMatch(/^\d\d:\d\d:\d\d 信息 已执行数据库迁移：045_priority_area\.sql\n$/)
    expect(lines[1]).toMatch(/^\d\d:\d\d:\d\d 警告 上次停止时有 1 个分类任务未完成\n$/)
    expect(lines.join('')).not.toContain('{')
  })

  it('when a request is logged, then the line is method, path, status and time; an error brings its stack', () => {
    const request = JSON.stringify({
      level: 30,
      time: Date.UTC(2026, 11, 7, 4, 5, 6),
      req: { id: 1, method: 'GET', path: '/api/plots' },
      res: { statusCode: 200 },
      responseTime: 12.4,
      msg: 'request completed',
    })
    expect(formatLogLine(request)).toMatch(/^\d\d:\d\d:\d\d 信息 GET \/api\/plots 200 12 ms$/)
    const failed = JSON.stringify({
      level: 50,
      time: 0,
      msg: '示例数据加载失败',
      err: { message: 'x', stack: 'Error: x\n    at y' },
    })
    expect(formatLogLine(failed)).toMatch(/ 错误 示例数据加载失败\nError: x\n {4}at y$/)
    expect(formatLogLine('not json')).toBe('not json')
  })
})
