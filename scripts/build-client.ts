/**
 * Builds the browser client into dist/client (vite build), or, with `--if-stale`, only when its sources changed
 * since the last build by this script: a hash of every source file the client is built from (client/, contracts/,
 * server/src/ which contracts import, the Vite settings and the lock file) is kept in dist/client/.build-stamp. A
 * plain `vite build` empties dist/client and so removes the stamp: the next run builds again.
 *
 * `npm install` runs it (the `prepare` script), so a first `npm start` finds the client built and only opens the
 * database: the map answers within seconds. `npm start` and `npm test` run it with `--if-stale`.
 */
import { spawnSync } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const INPUTS = ['client', 'contracts', 'server/src', 'vite.config.ts', 'package-lock.json']
const STAMP = path.join(root, 'dist', 'client', '.build-stamp')

function* files(rel: string): Generator<string> {
  const full = path.join(root, rel)
  if (!fs.existsSync(full)) return
  if (fs.statSync(full).isFile()) {
    yield rel
    return
  }
  for (const entry of fs.readdirSync(full, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue
    yield* files(path.join(rel, entry.name))
  }
}

function sourceHash(): string {
  const hash = crypto.createHash('sha256')
  for (const input of INPUTS)
    for (const rel of files(input)) {
      hash.update(`${rel}\0`)
      hash.update(fs.readFileSync(path.join(root, rel)))
    }
  return hash.digest('hex')
}

const ifStale = process.argv.includes('--if-stale')
const started = performance.now()
const current = sourceHash()
const built = fs.existsSync(STAMP) ? fs.readFileSync(STAMP, 'utf8').trim() : null
if (ifStale && built === current && fs.existsSync(path.join(root, 'dist', 'client', 'index.html'))) {
  console.log('页面文件已是最新，无须重新构建')
  process.exit(0)
}
console.log(built ? '页面源文件有变动，正在构建页面……' : '正在构建页面（首次约需 20–40 秒）……')
const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js')
const result = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' })
if (result.status !== 0) {
  console.error('页面构建失败（见上方信息）')
  process.exit(result.status ?? 1)
}
fs.writeFileSync(STAMP, `${current}\n`)
console.log(`页面构建完成，用时 ${((performance.now() - started) / 1000).toFixed(1)} 秒`)
