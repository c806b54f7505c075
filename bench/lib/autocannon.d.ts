// Minimal types for the part of autocannon's programmatic API the bench uses (the package ships none).
declare module 'autocannon' {
  interface Request {
    method?: string
    path?: string
    headers?: Record<string, string>
  }
  interface Options {
    url: string
    connections?: number
    duration?: number
    workers?: number
    timeout?: number
    headers?: Record<string, string>
    requests?: Request[]
    /** A function, or in workers mode the path of a module exporting one. */
    setupClient?: string | ((client: unknown) => void)
  }
  interface Histogram {
    average: number
    total: number
    p50: number
    p99: number
  }
  interface Result {
    duration: number
    errors: number
    timeouts: number
    non2xx: number
    '2xx': number
    statusCodeStats?: Record<string, { count: number }>
    latency: Histogram
    requests: Histogram
  }
  /** Without a callback: a promise of the result that can also be stopped. */
  function autocannon(options: Options): Promise<Result> & { stop?: () => void }
  export default autocannon
}
