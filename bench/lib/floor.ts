import http from 'node:http'
import type { AddressInfo } from 'node:net'
import express from 'express'
import type { BenchServer } from './http.ts'

/** Body every floor server sends: 5 KB, about an uncompressed z16 parcel tile of the bench data. */
const FLOOR_BODY_BYTES = 5 * 1024

/** The part of a bench server an HTTP step needs. */
type HttpTarget = Pick<BenchServer, 'url' | 'cookie' | 'probe'> & { close(): Promise<void> }

async function listen(server: http.Server, name: string): Promise<HttpTarget> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    cookie: '',
    probe: async () => `${name}: answers every path with ${FLOOR_BODY_BYTES} B`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/**
 * The floor of the cache-hit workload, measured in the same run with the same load: what this machine's Node answers
 * with the same 5 KB body and nothing else — Node's http module alone (`writeHead` + `end`), and an Express 5 app
 * with one route on the tile address ending with `res.end`. A cache hit cannot be faster than the first; the tile
 * handler in front of the Express stack should beat the second.
 */
export async function startFloorServers(): Promise<{ node: HttpTarget; expressEnd: HttpTarget }> {
  const body = Buffer.alloc(FLOOR_BODY_BYTES, 7)
  const node = http.createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/vnd.mapbox-vector-tile', 'Content-Length': body.length })
    res.end(body)
  })
  const app = express()
  app.get('/tiles/:layer/:z/:x/:y.pbf', (_req, res) => {
    res.setHeader('Content-Type', 'application/vnd.mapbox-vector-tile')
    res.end(body)
  })
  return {
    node: await listen(node, 'Node http alone'),
    expressEnd: await listen(http.createServer(app), 'Express route, res.end'),
  }
}
