import { useState, type ReactNode } from 'react'
import { RecordsFilter, type RecordsFilterFields, type RecordsFilterProps } from './records-filter'
import { useCheckRecords, type CheckRecordPage } from './use-check-records'

/** What a row of a list of checks shows of every check. */
interface ListedCheck {
  id: number
  number: string
  verdict: string
  verdictName: string
}

/** Props of {@link CheckRecords}. */
export interface CheckRecordsProps<F extends RecordsFilterFields, T extends ListedCheck> {
  /** Loads a page of the list for a filter. */
  load: (filter: F, signal: AbortSignal) => Promise<CheckRecordPage<T>>
  /** The filter with every field empty. */
  empty: F
  activeId: number | null
  /** The page's count of checks made: a new one reloads the list. */
  listVersion: number
  onOpen: (id: number) => void
  /** The search form's words (see {@link RecordsFilter}). */
  search: Pick<RecordsFilterProps<F>, 'verdicts' | 'textLabel' | 'textPlaceholder' | 'numberPlaceholder'>
  /** The list's own search fields, after the verdict. */
  moreFields?: (filter: F, set: (key: keyof F & string, value: string) => void) => ReactNode
  /** Said when no check matches. */
  noneText: string
  /** Prefix of the `data-testid`s and of the list's class (`<prefix>-records`, `<prefix>-record`). */
  testIdPrefix: string
  /** The name line and the lines under it of a row. */
  row: (check: T) => { name: ReactNode; meta: ReactNode[] }
}

/** 核查记录: the checks of the officer's counties, newest first, with a search form above them. */
export function CheckRecords<F extends RecordsFilterFields, T extends ListedCheck>({
  load,
  empty,
  activeId,
  listVersion,
  onOpen,
  search,
  moreFields,
  noneText,
  testIdPrefix,
  row,
}: CheckRecordsProps<F, T>) {
  const [filter, setFilter] = useState<F>(empty)
  const [applied, setApplied] = useState<F>(empty)
  const { items, limit, error } = useCheckRecords(load, applied, listVersion)
  const set = (key: keyof F & string, value: string) => setFilter((f) => ({ ...f, [key]: value }))
  return (
    <div className={`${testIdPrefix}-records`}>
      <RecordsFilter
        filter={filter}
        onChange={set}
        onSearch={() => setApplied(filter)}
        onClear={() => {
          setFilter(empty)
          setApplied(empty)
        }}
        {...search}
        testIdPrefix={testIdPrefix}
      >
        {moreFields?.(filter, set)}
      </RecordsFilter>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {items && items.length === 0 && <p className="hint">{noneText}</p>}
      <ul className="records-list" data-testid={`${testIdPrefix}-records`}>
        {items?.map((r) => {
          const { name, meta } = row(r)
          return (
            <li key={r.id}>
              <button
                type="button"
                className={`records-list__item${r.id === activeId ? ' records-list__item--active' : ''}`}
                onClick={() => onOpen(r.id)}
                data-testid={`${testIdPrefix}-record`}
              >
                <span className="records-list__number">{r.number}</span>
                <span className={`verdict-chip verdict-chip--${r.verdict}`}>{r.verdictName}</span>
                <span className="records-list__name">{name}</span>
                {meta.map((line, i) => (
                  <span key={i} className="records-list__meta">
                    {line}
                  </span>
                ))}
              </button>
            </li>
          )
        })}
      </ul>
      {items && items.length >= limit && limit > 0 && (
        <p className="hint">只列出最近 {limit} 条，请用上面的条件缩小范围。</p>
      )}
    </div>
  )
}
