import { useState } from 'react'
import { formatAreaValue, formatDateTime } from '../../shared/format'
import { RecordsFilter } from '../../shared/check/records-filter'
import { useCheckRecords } from '../../shared/check/use-check-records'
import { listPrechecks, type PrecheckFilter } from './precheck-api'
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
  const { items, limit, error } = useCheckRecords(listPrechecks, applied, listVersion)
  return (
    <div className="precheck-records">
      <RecordsFilter
        filter={filter}
        onChange={(key, value) => setFilter((f) => ({ ...f, [key]: value }))}
        onSearch={() => setApplied(filter)}
        onClear={() => {
          setFilter(EMPTY)
          setApplied(EMPTY)
        }}
        verdicts={VERDICT_NAME}
        textLabel="地块"
        textPlaceholder="地块名称或来源编号"
        numberPlaceholder="核查编号，如 〔2026〕0001"
        testIdPrefix="precheck"
      />
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
