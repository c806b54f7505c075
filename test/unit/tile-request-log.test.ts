import { Writable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { pino } from 'pino'
import { TileRequestLog } from '../../server/src/routes/tile-request-log.ts'

function memoryLogger(lines: Record<string, any>[]) {
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line))
      done()
    },
  })
  return pino({ level: 'info' }, sink)
}

describe('tile request log', () => {
  it('when tiles are asked, then one summary line gives the requests by status and layer, the cache hits and the slowest', () => {
    const lines: Record<string, any>[] = []
    const service = { cacheCounts: { hits: 5, misses: 2 } }
    const log = new TileRequestLog(memoryLogger(lines), service)
    log.record('parcel', 200, 1.24)
    service.cacheCounts.hits++
    log.record('parcel', 304, 0.5)
    service.cacheCounts.misses++
    log.record('county', 204, 7.06)
    expect(lines).toEqual([])
    log.flush()
    expect(lines).toHaveLength(1)
    expect(lines[0].tiles).toEqual({
      requests: 3,
      byStatus: { 200: 1, 204: 1, 304: 1 },
      byLayer: { parcel: 2, county: 1 },
      hits: 1,
      misses: 1,
      slowestMs: 7.1,
    })
    expect(lines[0].msg).toBe('瓦片请求 3 次（缓存命中 1，生成 1；最慢 7.1 ms）')
  })

  it('when no tile was asked since the last summary, then nothing is written', () => {
    const lines: Record<string, any>[] = []
    const log = new TileRequestLog(memoryLogger(lines), { cacheCounts: { hits: 0, misses: 0 } })
    log.record('parcel', 200, 1)
    log.flush()
    log.flush()
    expect(lines).toHaveLength(1)
  })

  it('when the minute is up, then the summary is written without another request', async () => {
    const lines: Record<string, any>[] = []
    const log = new TileRequestLog(memoryLogger(lines), { cacheCounts: { hits: 0, misses: 0 } }, 20)
    log.record('parcel', 200, 1)
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(lines.map((l) => l.tiles.requests)).toEqual([1])
  })
})
