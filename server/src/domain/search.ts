/** How a search hit matched the text: the whole name or code, its beginning, or a part elsewhere. */
export type SearchMatch = 'exact' | 'prefix' | 'substring'

const MATCHES: readonly SearchMatch[] = ['exact', 'prefix', 'substring']

/** The match of a hit from the rank the search SQL gives it (0 exact, 1 prefix, 2 elsewhere). */
export function searchMatch(rank: number): SearchMatch {
  return MATCHES[rank] ?? 'substring'
}

/** A kind of hit with how many of it were found in all (the answer lists at most the limit of each). */
export interface SearchGroup<K extends string> {
  kind: K
  kindName: string
  total: number
}

/** The kinds of the hits in the order they come, each once, with the total the SQL counted before the limit. */
export function groupSearchHits<K extends string>(
  hits: readonly { kind: K; total: number }[],
  kindNames: Record<K, string>,
): SearchGroup<K>[] {
  const groups: SearchGroup<K>[] = []
  for (const hit of hits) {
    if (groups.at(-1)?.kind === hit.kind) continue
    groups.push({ kind: hit.kind, kindName: kindNames[hit.kind], total: hit.total })
  }
  return groups
}

/** Escapes the LIKE wildcards `%`, `_` and the escape `\` so that the text matches only itself. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`)
}

/** The three patterns of a search: anywhere, at the beginning, and the whole (LIKE wildcards in `text` escaped). */
export function searchPatterns(text: string): [contains: string, prefix: string, exact: string] {
  const q = escapeLike(text)
  return [`%${q}%`, `${q}%`, q]
}
