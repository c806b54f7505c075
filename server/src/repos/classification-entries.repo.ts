import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'
import { copyTextRow } from '../db/copy-text.ts'
import type { Queryable } from '../db/database.ts'
import { sqlFile } from '../db/sql-files.ts'

/** One parcel's computed class, ready for the bulk insert. */
export interface NewEntry {
  parcelId: number
  class: string
  method: string
  soilGrade: string | null
  mainPollutants: string[]
  sampleCount: number
  basis: unknown
}

const q = (name: string) => sqlFile(`classification/${name}`)

export async function insertEntries(tx: Queryable, adcode: string, listId: number, entries: NewEntry[]): Promise<void> {
  if (!entries.length) return
  await tx.query(q('insert-entries'), [adcode, listId, ...entryColumns(entries)])
}

/**
 * The same as {@link insertEntries} by COPY, on a server: the bases (several KB of JSON each) go as plain text lines,
 * which costs far less on both sides than one text array parameter of a whole batch.
 */
export async function copyEntries(
  tx: pg.PoolClient,
  adcode: string,
  listId: number,
  entries: NewEntry[],
): Promise<void> {
  if (!entries.length) return
  const head = `${adcode}\t${listId}\t`
  // one chunk per entry: joining a batch (~16 MB) into one string first cost as much as writing it
  const lines = entries.map(
    (e) =>
      head +
      copyTextRow([
        String(e.parcelId),
        e.class,
        e.method,
        e.soilGrade,
        `{${e.mainPollutants.join(',')}}`,
        String(e.sampleCount),
      ]).slice(0, -1) +
      '\t' +
      copyTextJson(basisJson(e.basis)) +
      '\n',
  )
  await pipeline(Readable.from(lines), tx.query(copyFrom(q('copy-entries'))))
}

/**
 * JSON text as a value of COPY's text format. JSON.stringify writes control characters as escapes, so no tab,
 * newline or carriage return can occur raw: only a backslash (of an escape) must be doubled, which is rare.
 */
function copyTextJson(json: string): string {
  return json.includes('\\') ? json.replaceAll('\\', '\\\\') : json
}

/** The JSON text of arrays of a basis shared between entries (a point's lines: see classify-farmland-basis.ts). */
const arrayJson = new WeakMap<object, string>()

function cachedJson(value: unknown): string | undefined {
  if (!Array.isArray(value)) return JSON.stringify(value)
  let text = arrayJson.get(value)
  if (text === undefined) {
    text = JSON.stringify(value)
    arrayJson.set(value, text)
  }
  return text
}

/** `{…}` of a plain object's own keys in their order, as JSON.stringify writes it, each value by `valueJson`. */
function objectJson(o: Record<string, unknown>, valueJson: (key: string, v: unknown) => string | undefined): string {
  let out = ''
  for (const key of Object.keys(o)) {
    const text = o[key] === undefined ? undefined : valueJson(key, o[key])
    if (text !== undefined) out += `${out ? ',' : ''}${JSON.stringify(key)}:${text}`
  }
  return `{${out}}`
}

/**
 * The same text as JSON.stringify(basis), faster for a county-wide job: every parcel near a point repeats that
 * point's lines, and the arrays of lines are the same objects for every parcel (classify-farmland-basis.ts), so each
 * is serialised once. A test compares the two texts.
 */
export function basisJson(basis: unknown): string {
  const b = basis as { samples?: unknown }
  if (!b || typeof b !== 'object' || !Array.isArray(b.samples)) return JSON.stringify(basis)
  return objectJson(b as Record<string, unknown>, (key, v) =>
    key === 'samples' && Array.isArray(v)
      ? `[${v.map((s: Record<string, unknown>) => objectJson(s, (_, x) => cachedJson(x))).join(',')}]`
      : JSON.stringify(v),
  )
}

/** The bulk parameters of entries, one array per column. */
function entryColumns(entries: NewEntry[]) {
  return [
    entries.map((e) => e.parcelId),
    entries.map((e) => e.class),
    entries.map((e) => e.method),
    entries.map((e) => e.soilGrade),
    entries.map((e) => e.mainPollutants.join(',')),
    entries.map((e) => e.sampleCount),
    entries.map((e) => basisJson(e.basis)),
  ]
}

/** Writes recomputed entries into a list, replacing what it held for those parcels. */
export async function upsertEntries(tx: Queryable, adcode: string, listId: number, entries: NewEntry[]): Promise<void> {
  if (!entries.length) return
  await tx.query(q('upsert-entries'), [adcode, listId, ...entryColumns(entries)])
}
