import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

/** The binaries of the newest PostgreSQL installed from Debian (initdb, pg_ctl, pg_basebackup), if any. */
export function postgresBinDir(): string | undefined {
  const root = '/usr/lib/postgresql'
  if (!fs.existsSync(root)) return undefined
  const versions = fs
    .readdirSync(root)
    .filter((v) => fs.existsSync(path.join(root, v, 'bin', 'pg_basebackup')))
    .sort((a, b) => Number(b) - Number(a))
  return versions.length ? path.join(root, versions[0]!, 'bin') : undefined
}

/** A free TCP port on the loopback address. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}

/** A throwaway PostgreSQL cluster run with pg_ctl (as the `postgres` user when the tests run as root). */
export class PgCluster {
  readonly dataDir: string
  constructor(
    readonly bin: string,
    readonly root: string,
    readonly name: string,
    readonly port: number,
  ) {
    this.dataDir = path.join(root, name)
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`
  }

  private run(tool: string, args: string[]): string {
    const command = path.join(this.bin, tool)
    const asPostgres = process.getuid?.() === 0
    return execFileSync(
      asPostgres ? 'runuser' : command,
      asPostgres ? ['-u', 'postgres', '--', command, ...args] : args,
      {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
        cwd: this.root,
      },
    )
  }

  initdb(): void {
    this.run('initdb', ['-D', this.dataDir, '-A', 'trust', '-U', 'postgres', '--no-sync'])
  }

  /** A hot standby of `primary`: a base backup with its recovery settings (`-R`), streaming the WAL. */
  baseBackupOf(primary: PgCluster): void {
    this.run('pg_basebackup', [
      '-h',
      '127.0.0.1',
      '-p',
      String(primary.port),
      '-U',
      'postgres',
      '-D',
      this.dataDir,
      '-R',
      '-X',
      'stream',
    ])
  }

  start(): void {
    const options = `-p ${this.port} -k ${this.root} -c listen_addresses=127.0.0.1 -c fsync=off -c hot_standby=on`
    this.run('pg_ctl', [
      '-D',
      this.dataDir,
      '-o',
      options,
      '-l',
      path.join(this.root, `${this.name}.log`),
      '-w',
      'start',
    ])
  }

  stop(): void {
    try {
      this.run('pg_ctl', ['-D', this.dataDir, '-m', 'immediate', 'stop'])
    } catch {
      // not running
    }
  }
}

/** A folder for clusters, owned by `postgres` when the tests run as root. */
export function clusterRoot(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'soil-replica-'))
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim())
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim())
    fs.chownSync(root, uid, gid)
  }
  return root
}
