// Worker thread of the pre-check workload (bench/lib/precheck.ts): `connections` closed loops, each on its own
// keep-alive socket, POST the request bodies in turn (each loop from its own offset) for `seconds`, and time
// every request with performance.now() (sub-millisecond, unlike autocannon's whole-millisecond histogram).
// Runs in a worker so the load generator does not share the server's event loop.
import http from 'node:http'
import { parentPort, workerData } from 'node:worker_threads'

// method GET: `bodies` are the paths to fetch (the embedded engine's tile latency); POST: the bodies sent to `path`
const { url, path, cookie, csrfToken, bodies, connections, seconds, method = 'POST' } = workerData
const target = new URL(url)
const agent = new http.Agent({ keepAlive: true, maxSockets: connections })
const latencies = []
const statusCodes = {}
let errors = 0
let firstFailure = null

function post(body) {
  const isGet = method === 'GET'
  return new Promise((resolve) => {
    const req = http.request(
      {
        host: target.hostname,
        port: target.port,
        path: isGet ? body : path,
        method,
        agent,
        headers: isGet
          ? { cookie, 'accept-encoding': 'gzip' }
          : {
              'content-type': 'application/json',
              'content-length': Buffer.byteLength(body),
              cookie,
              'x-csrf-token': csrfToken,
            },
        timeout: 30_000,
      },
      (res) => {
        const chunks = []
        res.on('data', (c) => chunks.push(c))
        res.on('end', () => resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString('utf8') }))
        res.on('error', (e) => resolve({ status: 0, text: e.message }))
      },
    )
    req.on('timeout', () => req.destroy(new Error('timeout 30 s')))
    req.on('error', (e) => resolve({ status: 0, text: e.message }))
    req.end(isGet ? undefined : body)
  })
}

const started = performance.now()
const deadline = started + seconds * 1000
await Promise.all(
  Array.from({ length: connections }, async (_, c) => {
    let k = Math.floor((c * bodies.length) / connections)
    while (performance.now() < deadline) {
      const body = bodies[k++ % bodies.length]
      const t = performance.now()
      const r = await post(body)
      const ms = performance.now() - t
      statusCodes[r.status] = (statusCodes[r.status] ?? 0) + 1
      if (r.status >= 200 && r.status < 300) latencies.push(ms)
      else {
        errors++
        firstFailure ??= `${r.status}: ${r.text.slice(0, 300)}`
      }
    }
  }),
)
agent.destroy()
parentPort.postMessage({ latencies, statusCodes, errors, firstFailure, seconds: (performance.now() - started) / 1000 })
