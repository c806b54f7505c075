import fs from 'node:fs'
import path from 'node:path'
import { paths } from '../config.ts'

const cache = new Map<string, string>()

/** The text of `sql/queries/<name>.sql`, read once. */
export function sqlFile(name: string): string {
  let text = cache.get(name)
  if (text === undefined) {
    text = fs.readFileSync(path.join(paths.queries, `${name}.sql`), 'utf8')
    cache.set(name, text)
  }
  return text
}
