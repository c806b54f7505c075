import { useEffect, useState } from 'react'
import { isAbortError } from '../../shared/api-client'
import { formatAreaValue, formatDateTime } from '../../shared/format'
import { listPrechecks, type PrecheckFilter } from './precheck-api'
import type { PrecheckSummary, Verdict } from '@contracts/precheck'
import { VERDICT_NAME } from './precheck-labels'

/** Props of {@link PrecheckRecords}. */
export interface PrecheckRecordsProps {
  activeId: number | null
  /** The page's count of checks made: a new one reloads the list. */
  listVersion: number
  onOpen: (id: number) => void
}

const EMPTY: PrecheckFilter = { number: '', from: '', to: '', verdict: '', q: '' }

/** 核查记录: the checks of the officer's counties, newest first, searchable by number, date, verdict and plot. */
export function PrecheckRecords({ activeId, listVersion, onOpen }: PrecheckRecordsProps) {
  const [filter, setFilter] = useState<PrecheckFilter>(EMPTY)
  const [applied, setApplied] = useState<PrecheckFilter>(EMPTY)
  const [items, setItems] = useState<PrecheckSummary[] | null>(null)
  const [limit, setLimit] = useState(0)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    const controller = new AbortController()
    setError(null)
    listPrechecks(applied, controller.signal)
      .then((r) => {
        setItems(r.items)
        setLimit(r.limit)
      })
      .catch((e: unknown) => {
        if (!isAbortError(e)) setError(e instanceof Error ? e.message : '核查记录加载失败')
      })
    return () => controller.abort()
  }, [applied, listVersion])

  const set = (key: keyof PrecheckFilter, value: string) => setFilter((f) => ({ ...f, [key]: value }))
  return (
    <div className="precheck-records">
      <form
        className="records-filter"
        onSubmit={(e) => {
          e.preventDefault()
          setApplied(filter)
        }}
        data-testid="precheck-records-filter"
      >
        <input
          type="search"
          className="text-input"
          placeholder="核查编号，如 〔2026〕0001"
          value={filter.number}
          onChange={(e) => set('number', e.target.value)}
          aria-label="核查编号"
          data-testid="precheck-filter-number"
        />
        <input
          type="search"
          className="text-input"
          placeholder="地块名称或来源编号"
          value={filter.q}
          onChange={(e) => set('q', e.target.value)}
          aria-label="地块"
          data-testid="precheck-filter-q"
        />
        <div className="records-filter__dates">
          <input
            type="date"
            className="text-input"
            value={filter.from}
            onChange={(e) => set('from', e.target.value)}
            aria-label="起始日期"
          />
          <span>至</span>
          <input
            type="date"
            className="text-input"
            value={filter.to}
            onChange={(e) => set('to', e.target.value)}
            aria-label="截止日期"
          />
        </div>
        <select
          className="text-input"
          value={filter.verdict}
          onChange={(e) => set('verdict', e.target.value)}
          aria-label="核查结论"
          data-testid="precheck-filter-verdict"
        >
          <option value="">全部结论</option>
          {(Object.keys(VERDICT_NAME) as Verdict[]).map((v) => (
            <option key={v} value={v}>
              {VERDICT_NAME[v]}
            </option>
          ))}
        </select>
        <div className="records-filter__buttons">
          <button type="submit" className="primary-button">
            查询
          </button>
          <button
            type="button"
            className="link-button"
            onClick={() => {
              setFilter(EMPTY)
              setApplied(EMPTY)
            }}
          >
            清空条件
          </button>
        </div>
      </form>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {items && items.length === 0 && <p className="hint">没有符合条件的核查记录</p>}
      <ul className="records-list" data-testid="precheck-records">
        {items?.map((r) => (
          <li key={r.id}>
            <button
              type="button"
              className={`records-list__item${r.id === activeId ? ' records-list__item--active' : ''}`}
              onClick={() => onOpen(r.id)}
              data-testid="precheck-record"
            >
              <span className="records-list__number">{r.number}</span>
              <span className={`verdict-chip verdict-chip--${r.verdict}`}>{r.verdictName}</span>
              <span className="records-list__name">
                {r.name ?? '（未命名地块）'}
                {r.reference ? ` · ${r.reference}` : ''}
              </span>
              <span className="records-list__meta">
                {r.plannedUse} {r.plannedUseName} · {formatAreaValue(r.areaMu)} 亩 · {r.county}
              </span>
              <span className="records-list__meta">
                {formatDateTime(r.checkedAt)} · {r.checkedByName}
                {r.rerunOf !== null ? ' · 重新核查' : ''}
              </span>
            </button>
          </li>
        ))}
      </ul>
      {items && items.length >= limit && limit > 0 && (
        <p className="hint">只列出最近 {limit} 条，请用上面的条件缩小范围。</p>
      )}
    </div>
  )
}
