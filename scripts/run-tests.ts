import { spawnSync } from 'node:child_process'
import fs from 'node:fs'

/**
 * `npm test`: builds the client for the browser suite, runs every suite with Vitest, and ends with the plain
 * line `N passed, N failed` that CI reads.
 */
const report = 'test-results/vitest.json'
fs.mkdirSync('test-results', { recursive: true })
fs.rmSync(report, { force: true })

// the client is built for the browser suite only: `npm test -- --project unit --project api` skips it
const args = process.argv.slice(2)
const projects = args.flatMap((a, i) =>
  args[i - 1] === '--project' ? [a] : a.startsWith('--project=') ? [a.slice(10)] : [],
)
if (projects.length === 0 || projects.includes('e2e')) {
  const build = spawnSync('npx', ['tsx', 'scripts/build-client.ts', '--if-stale'], { stdio: 'inherit' })
  if (build.status !== 0) {
    console.error('前端构建失败，无法运行端到端测试')
    process.exit(build.status ?? 1)
  }
}

const mode = process.env.DATABASE_URL ? 'PostgreSQL 服务器（DATABASE_URL）' : '内嵌 PGlite + PostGIS'
console.log(`测试数据库：${mode}`)
const run = spawnSync(
  'npx',
  ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...args],
  { stdio: 'inherit' },
)

if (fs.existsSync(report)) {
  const r = JSON.parse(fs.readFileSync(report, 'utf8'))
  const skipped = r.numPendingTests + r.numTodoTests
  console.log(`\n${r.numPassedTests} passed, ${r.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`)
  if (r.numTotalTests === 0) {
    console.error('没有运行任何测试')
    process.exit(1)
  }
}
process.exit(run.status ?? 1)
