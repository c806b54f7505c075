import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

/** An engine this process holds alone until {@link EngineLease.release}. */
export interface EngineLease {
  /** Index of the engine, 0 … count − 1. */
  index: number
  release(): void
}

/**
 * Leases one of `count` engines: engine `i` is held by whoever created the file `<dir>/engine-<i>.lock` (created
 * exclusively, so two processes never hold the same engine at the same moment). Tries every engine in turn and
 * waits `retryMs` between rounds until one is free; a lock whose holder process has ended is taken over. The lease
 * is also released when this process exits.
 */
export async function leaseEngine(
  dir: string,
  count: number,
  { retryMs = 100, timeoutMs = 600_000 }: { retryMs?: number; timeoutMs?: number } = {},
): Promise<EngineLease> {
  const token = `${process.pid} ${crypto.randomBytes(8).toString('hex')}`
  const deadline = Date.now() + timeoutMs
  for (;;) {
    for (let index = 0; index < count; index++) {
      const file = lockPath(dir, index)
      if (tryCreate(file, token)) return holding(file, index, token)
      takeOverIfAbandoned(dir, file)
    }
    if (Date.now() > deadline) throw new Error(`等待空闲的测试数据库超时（${count} 个都被占用）：${dir}`)
    await new Promise((resolve) => setTimeout(resolve, retryMs))
  }
}

function lockPath(dir: string, index: number): string {
  return path.join(dir, `engine-${index}.lock`)
}

/** Creates `file` holding `token` if nobody has; false when it exists. */
function tryCreate(file: string, token: string): boolean {
  let fd: number
  try {
    fd = fs.openSync(file, 'wx')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw error
  }
  try {
    fs.writeSync(fd, token)
  } finally {
    fs.closeSync(fd)
  }
  return true
}

function holding(file: string, index: number, token: string): EngineLease {
  let held = true
  const release = () => {
    if (!held) return
    held = false
    process.off('exit', release)
    // only our own lock: never remove one another process took over after ours was removed
    if (readLock(file) === token) fs.rmSync(file, { force: true })
  }
  process.on('exit', release)
  return { index, release }
}

function readLock(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8')
  } catch {
    return undefined
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Removes the lock `file` when the process that holds it has ended (killed before it could release). Done under a
 * short-lived mutex of its own and re-checked there, so a lock freshly created by a live process is never removed.
 */
function takeOverIfAbandoned(dir: string, file: string): void {
  const holder = Number(readLock(file)?.split(' ')[0])
  if (!holder || isAlive(holder)) return
  const mutex = path.join(dir, 'takeover.lock')
  const token = `${process.pid} ${crypto.randomBytes(8).toString('hex')}`
  if (!tryCreate(mutex, token)) {
    // a mutex left by a process that ended in between: remove it after a while, the next round retries
    const stat = fs.statSync(mutex, { throwIfNoEntry: false })
    if (stat && Date.now() - stat.mtimeMs > 10_000) fs.rmSync(mutex, { force: true })
    return
  }
  try {
    const again = Number(readLock(file)?.split(' ')[0])
    if (again && !isAlive(again)) fs.rmSync(file, { force: true })
  } finally {
    if (readLock(mutex) === token) fs.rmSync(mutex, { force: true })
  }
}
