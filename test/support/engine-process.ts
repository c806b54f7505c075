import { startEmbeddedPostgis } from '../../server/src/db/embedded.ts'

/*
 * One embedded PGlite + PostGIS engine in a process of its own, on the data folder given as argument: PGlite runs
 * on its process's one thread, so engines in separate processes answer side by side. Sends `{url}` once it
 * listens; stops when told `stop` or when the parent goes away.
 */
const engine = await startEmbeddedPostgis(process.argv[2]!)
let stopping = false
async function stop() {
  if (stopping) return
  stopping = true
  await engine.stop().catch(() => {})
  process.exit(0)
}
process.on('message', (message) => {
  if (message === 'stop') void stop()
})
process.on('disconnect', () => void stop())
process.send!({ url: engine.url })
