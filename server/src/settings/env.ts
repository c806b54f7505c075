/**
 * Readers of one environment variable each: an unset or empty variable gives the default, a bad value stops the
 * start with a message naming the variable (the officer running the server reads it, so it is in Chinese).
 */

export function readFraction(name: string, fallback: number): number {
  const raw = process.env[name]
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (!Number.isFinite(value) || value < 0 || value >= 1)
    throw new Error(`环境变量 ${name} 应为 0 到 1 之间的小数，当前为 “${raw}”`)
  return value
}

export function readOptionalNumber(name: string): number | null {
  const raw = process.env[name]
  if (raw === undefined || raw === '') return null
  const value = Number(raw)
  if (!Number.isFinite(value) || value <= 0) throw new Error(`环境变量 ${name} 应为正数，当前为 “${raw}”`)
  return value
}

export function readChoice<T extends string>(name: string, choices: readonly T[], fallback: T): T {
  const raw = process.env[name]
  if (raw === undefined || raw === '') return fallback
  if (!(choices as readonly string[]).includes(raw))
    throw new Error(`环境变量 ${name} 应为 ${choices.join('、')} 之一，当前为 “${raw}”`)
  return raw as T
}

export function readInt(name: string, fallback: number): number {
  const raw = process.env[name]
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (!Number.isInteger(value) || value < 0) throw new Error(`环境变量 ${name} 应为非负整数，当前为 “${raw}”`)
  return value
}

/** A scope code: a province (430000), city (430900) or county (430903) code of GB/T 2260. */
export function readScope(name: string, fallback: string): string {
  const raw = process.env[name]?.trim()
  if (!raw) return fallback
  if (!/^[1-9][0-9]{5}$/.test(raw))
    throw new Error(`环境变量 ${name} 应为 6 位行政区划代码（如 430000），当前为 “${raw}”`)
  return raw
}
