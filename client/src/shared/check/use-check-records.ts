import { useEffect, useState } from 'react'
import { isAbortError } from '../api-client'

/** A page of a list of checks: the rows and the most the server lists at once. */
export interface CheckRecordPage<T> {
  items: T[]
  limit: number
}

/**
 * The rows of a list of checks for the `applied` filter, loaded again when the filter or `listVersion` (the page's
 * count of checks made) changes; a failure is kept as a message.
 */
export function useCheckRecords<F, T>(
  load: (filter: F, signal: AbortSignal) => Promise<CheckRecordPage<T>>,
  applied: F,
  listVersion: number,
): { items: T[] | null; limit: number; error: string | null } {
  const [items, setItems] = useState<T[] | null>(null)
  const [limit, setLimit] = useState(0)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    const controller = new AbortController()
    setError(null)
    load(applied, controller.signal)
      .then((r) => {
        setItems(r.items)
        setLimit(r.limit)
      })
      .catch((e: unknown) => {
        if (!isAbortError(e)) setError(e instanceof Error ? e.message : '核查记录加载失败')
      })
    return () => controller.abort()
  }, [load, applied, listVersion])
  return { items, limit, error }
}

/** The address of a list of checks with the filled fields of its filter as query parameters. */
export function recordsPath(base: string, filter: object): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(filter))
    if (typeof value === 'string' && value.trim()) params.set(key, value.trim())
  const query = params.toString()
  return `${base}${query ? `?${query}` : ''}`
}
