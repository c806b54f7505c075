import { useState } from 'react'
import type { SitingReference } from '@contracts/siting'
import { formatAreaValue, formatDateTime } from '../../shared/format'
import { RecordsFilter } from '../../shared/check/records-filter'
import { useCheckRecords } from '../../shared/check/use-check-records'
import { SITING_VERDICT_NAME } from '../../../../server/src/domain/siting.ts'
import { listSitingChecks, type SitingFilter } from './siting-api'

/** Props of {@link SitingRecords}. */
export interface SitingRecordsProps {
  activeId: number | null
  /** The page's count of checks made: a new one reloads the list. */
  listVersion: number
  industries: SitingReference['industries']
  onOpen: (id: number) => void
}

const EMPTY: SitingFilter = { number: '', from: '', to: '', verdict: '', industry: '', q: '' }

/** 选址核查记录: the siting checks of the officer's counties, newest first, searchable by number, date, verdict, industry and project. */
export function SitingRecords({ activeId, listVersion, industries, onOpen }: SitingRecordsProps) {
  const [filter, setFilter] = useState<SitingFilter>(EMPTY)
  const [applied, setApplied] = useState<SitingFilter>(EMPTY)
  const { items, limit, error } = useCheckRecords(listSitingChecks, applied, listVersion)
  return (
    <div className="siting-records">
      <RecordsFilter
        filter={filter}
        onChange={(key, value) => setFilter((f) => ({ ...f, [key]: value }))}
        onSearch={() => setApplied(filter)}
        onClear={() => {
          setFilter(EMPTY)
          setApplied(EMPTY)
        }}
        verdicts={SITING_VERDICT_NAME}
        textLabel="项目"
        textPlaceholder="项目名称或项目文号"
        numberPlaceholder="核查编号，如 〔2026〕0001"
        testIdPrefix="siting"
      >
        <select
          className="text-input"
          value={filter.industry}
          onChange={(e) => setFilter((f) => ({ ...f, industry: e.target.value }))}
          aria-label="拟建行业"
          data-testid="siting-filter-industry"
        >
          <option value="">全部行业</option>
          {industries.map((i) => (
            <option key={i.code} value={i.code}>
              {i.name}
            </option>
          ))}
        </select>
      </RecordsFilter>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {items && items.length === 0 && <p className="hint">没有符合条件的选址核查记录</p>}
      <ul className="records-list" data-testid="siting-records">
        {items?.map((r) => (
          <li key={r.id}>
            <button
              type="button"
              className={`records-list__item${r.id === activeId ? ' records-list__item--active' : ''}`}
              onClick={() => onOpen(r.id)}
              data-testid="siting-record"
            >
              <span className="records-list__number">{r.number}</span>
              <span className={`verdict-chip verdict-chip--${r.verdict}`}>{r.verdictName}</span>
              <span className="records-list__name">
                {r.projectName}
                {r.reference ? ` · ${r.reference}` : ''}
              </span>
              <span className="records-list__meta">
                {r.industryName} · {formatAreaValue(r.areaMu)} 亩 · {r.county}
              </span>
              <span className="records-list__meta">
                {formatDateTime(r.checkedAt)} · {r.checkedByName}
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
