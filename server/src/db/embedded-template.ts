import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { readMigrations } from './migrate.ts'

const rootDir = path.resolve(import.meta.dirname, '..', '..', '..')
const MIGRATIONS = path.join(rootDir, 'sql', 'migrations')
/** A closed, migrated embedded database that a first start copies instead of creating one (see {@link useTemplate}). */
export const TEMPLATE_DIR = path.join(rootDir, '.data-template')
const MARKER = 'soil-template.json'

/** The migrations a template must hold to be used: every file's name and content. */
export function migrationsHash(): string {
  const hash = crypto.createHash('sha256')
  for (const m of readMigrations(MIGRATIONS)) hash.update(`${m.name}\0${m.sha256}\n`)
  return hash.digest('hex')
}

/** True when the template exists and holds exactly the current migrations. */
export function isTemplateCurrent(dir = TEMPLATE_DIR): boolean {
  try {
    const marker = JSON.parse(fs.readFileSync(path.join(dir, MARKER), 'utf8')) as { migrations?: string }
    return marker.migrations === migrationsHash()
  } catch {
    return false
  }
}

/** Marks a closed, migrated database folder as the template of the current migrations. */
export function markTemplate(dir: string): void {
  fs.writeFileSync(path.join(dir, MARKER), JSON.stringify({ migrations: migrationsHash(), createdAt: new Date() }))
}

/**
 * A first start in an empty `dataDir`: copies the template (made by `npm install`, see scripts/prepare-database.ts)
 * when it holds the current migrations, so the engine opens a ready database instead of creating one and running
 * every migration (which takes most of a first start). True when copied.
 */
export function useTemplate(dataDir: string, dir = TEMPLATE_DIR): boolean {
  if (fs.existsSync(path.join(dataDir, 'PG_VERSION')) || !isTemplateCurrent(dir)) return false
  fs.cpSync(dir, dataDir, { recursive: true, filter: (src) => path.basename(src) !== MARKER })
  return true
}
