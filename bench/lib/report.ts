import fs from 'node:fs'
import path from 'node:path'
import type { Hardware, PostgresInfo } from './system.ts'

/** One measured quantity of a workload: its value in every repeat and their median. */
export interface Series {
  key: string
  label: string
  unit: string
  runs: number[]
  /** 1-based numbers of the runs that failed; they are left out of the median. */
  invalidRuns: number[]
  /** Median of the valid runs; NaN when none is valid. */
  median: number
  /** Raw figures of each run (status counts, latency, transactions). */
  details: unknown[]
}

export interface Ratio {
  label: string
  numerator: string
  denominator: string | null
  /** Ratio of the medians (or the median itself for an absolute target). */
  value: number
  target: number | null
  /** Whether the value reaches the target; null when there is none. Reported, never asserted. */
  met: boolean | null
  /** The target is a ceiling (latency: value ≤ target), not a floor. */
  lowerIsBetter?: boolean
}

export interface WorkloadReport {
  id: string
  title: string
  concurrency: Record<string, number>
  seconds: number
  tiles?: Record<string, unknown>
  series: Series[]
  ratios: Ratio[]
  notes: string[]
  /** Further figures of the workload shown as tables under its notes (e.g. one page at several depths). */
  tables?: { title: string; head: string[]; rows: string[][] }[]
}

export interface BenchReport {
  date: string
  durationSeconds: number
  hardware: Hardware
  node: string
  pgbench: string
  postgres: PostgresInfo
  data: Record<string, unknown>
  options: Record<string, unknown>
  workloads: WorkloadReport[]
  warnings: string[]
  /** Runs with failed requests: their figures are not to be trusted. */
  invalidRuns: string[]
}

export function median(values: number[]): number {
  if (!values.length) return NaN
  const s = [...values].sort((a, b) => a - b)
  const m = Math.floor(s.length / 2)
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}

/** num ÷ den of the medians (or num's median alone); met when ≥ target, or ≤ target with `lowerIsBetter`. */
export function ratio(
  label: string,
  num: Series,
  den: Series | null,
  target: number | null,
  lowerIsBetter = false,
): Ratio {
  const value = den ? num.median / den.median : num.median
  const met = target === null || !Number.isFinite(value) ? null : lowerIsBetter ? value <= target : value >= target
  return {
    label,
    numerator: num.key,
    denominator: den?.key ?? null,
    value,
    target,
    met,
    ...(lowerIsBetter ? { lowerIsBetter } : {}),
  }
}

const fmt = (v: number) => (Number.isFinite(v) ? (Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(2)) : 'n/a')
const fmtRatio = (r: Ratio) => (!Number.isFinite(r.value) ? 'n/a' : r.denominator ? r.value.toFixed(2) : fmt(r.value))
const mark = (r: Ratio) =>
  !Number.isFinite(r.value)
    ? '无有效运行 / no valid run'
    : r.met === null
      ? '—'
      : r.met
        ? '✓ 达标 met'
        : '✗ 未达 not met'
/** A run's figure, marked when invalid. */
const fmtRun = (s: Series, i: number) =>
  s.runs[i] === undefined ? '' : `${fmt(s.runs[i])}${s.invalidRuns.includes(i + 1) ? ' ✗invalid' : ''}`
const targetText = (r: Ratio) =>
  r.target === null
    ? '（仅报告 / report only）'
    : `${r.lowerIsBetter ? '≤' : '≥'} ${r.denominator ? r.target.toFixed(2) : r.target}`

const keyValues = (o: Record<string, unknown>) =>
  Object.entries(o)
    .map(([k, v]) => `${k}=${typeof v === 'object' && v !== null ? JSON.stringify(v) : v}`)
    .join(', ')

function table(head: string[], rows: string[][]): string[] {
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)]
}

export function toMarkdown(r: BenchReport): string {
  const pg = r.postgres
  const repeats = Math.max(...r.workloads.flatMap((w) => w.series.map((s) => s.runs.length)), 0)
  const lines: string[] = [
    `# 基准测试结果 / Benchmark results — ${r.date}`,
    '',
    `- 硬件 / hardware: ${r.hardware.cpuModel} × ${r.hardware.cpuCount}, ${r.hardware.totalMemoryGiB} GiB, ${r.hardware.os} ${r.hardware.arch}, load ${r.hardware.loadAverage.join(' / ')}`,
    `- Node ${r.node}; ${r.pgbench}`,
    `- ${pg.version.split(' on ')[0]}; PostGIS ${/POSTGIS="([^"]+)"/.exec(pg.postgis)?.[1] ?? pg.postgis}`,
    `- 数据 / data: ${keyValues(Object.fromEntries(Object.entries(r.data).filter(([, v]) => typeof v !== 'object' || v === null)))}`,
    `- PostgreSQL settings: ${Object.entries(pg.settings)
      .map(([k, v]) => `${k}=${v}`)
      .join(', ')}`,
    ...Object.entries(r.data)
      .filter(([, v]) => typeof v === 'object' && v !== null)
      .map(([k, v]) => `- ${k}: ${keyValues(v as Record<string, unknown>)}`),
    `- 选项 / options: ${Object.entries(r.options)
      .map(([k, v]) => `${k}=${v}`)
      .join(', ')}`,
    `- 总用时 / total time: ${r.durationSeconds.toFixed(0)} s`,
    '',
    '## 比值与目标 / Ratios and targets',
    '',
    ...table(
      ['workload', 'ratio', 'value', 'target', ''],
      r.workloads.flatMap((w) => w.ratios.map((x) => [w.title, x.label, fmtRatio(x), targetText(x), mark(x)])),
    ),
    '',
    `## 每次运行 / Every run (median of ${repeats}, interleaved; invalid runs left out)`,
    '',
    ...table(
      ['workload', 'measure', 'c', ...Array.from({ length: repeats }, (_, i) => `run ${i + 1}`), 'median'],
      r.workloads.flatMap((w) =>
        w.series.map((s) => [
          w.title,
          `${s.label} (${s.unit})`,
          String(w.concurrency[s.key] ?? ''),
          ...Array.from({ length: repeats }, (_, i) => fmtRun(s, i)),
          fmt(s.median),
        ]),
      ),
    ),
    '',
  ]
  for (const w of r.workloads) {
    if (!w.notes.length && !w.tables?.length) continue
    lines.push(`### ${w.title}`, '')
    for (const n of w.notes) lines.push(`- ${n}`)
    lines.push('')
    for (const t of w.tables ?? []) lines.push(`${t.title}`, '', ...table(t.head, t.rows), '')
  }
  if (r.invalidRuns.length) lines.push('## 无效的运行 / Invalid runs', '', ...r.invalidRuns.map((x) => `- ${x}`), '')
  if (r.warnings.length) lines.push('## 警告 / Warnings', '', ...r.warnings.map((x) => `- ${x}`), '')
  return lines.join('\n')
}

/** Plain-text summary for the terminal. */
export function toConsole(r: BenchReport): string {
  const rows: string[][] = [['workload', 'measure', 'c', 'runs', 'median']]
  for (const w of r.workloads) {
    for (const s of w.series)
      rows.push([
        w.title,
        `${s.label} (${s.unit})`,
        String(w.concurrency[s.key] ?? ''),
        s.runs.map((_, i) => fmtRun(s, i)).join(' / '),
        fmt(s.median),
      ])
  }
  const ratioRows: string[][] = [['workload', 'ratio', 'value', 'target', '']]
  for (const w of r.workloads)
    for (const x of w.ratios) ratioRows.push([w.title, x.label, fmtRatio(x), targetText(x), mark(x)])
  const render = (t: string[][]) => {
    const width = (s: string) => [...s].reduce((n, ch) => n + (/[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1), 0)
    const widths = t[0].map((_, i) => Math.max(...t.map((row) => width(row[i]))))
    return t.map((row) => row.map((cell, i) => cell + ' '.repeat(widths[i] - width(cell))).join('  ')).join('\n')
  }
  return `\n${render(rows)}\n\n${render(ratioRows)}\n`
}

export function writeReport(dir: string, r: BenchReport): string[] {
  fs.mkdirSync(dir, { recursive: true })
  const json = JSON.stringify(r, null, 2) + '\n'
  const stamp = r.date.replace(/\.\d+Z$/, 'Z').replaceAll(':', '-')
  const files = [path.join(dir, 'latest.json'), path.join(dir, 'latest.md'), path.join(dir, `${stamp}.json`)]
  fs.writeFileSync(files[0], json)
  fs.writeFileSync(files[1], toMarkdown(r))
  fs.writeFileSync(files[2], json)
  return files
}
