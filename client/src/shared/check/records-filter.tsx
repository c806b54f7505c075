import type { ReactNode } from 'react'
import './check.css'

/** The search fields every list of checks has; a list may add its own. */
export interface RecordsFilterFields {
  number: string
  from: string
  to: string
  verdict: string
  q: string
}

/** Props of {@link RecordsFilter}. */
export interface RecordsFilterProps<F extends RecordsFilterFields> {
  filter: F
  onChange: (key: keyof F & string, value: string) => void
  /** 查询: applies the fields. */
  onSearch: () => void
  /** 清空条件: empties and applies the fields. */
  onClear: () => void
  /** The verdicts to choose from, by code. */
  verdicts: Record<string, string>
  /** What `q` searches, as the field's label and example. */
  textLabel: string
  textPlaceholder: string
  /** An example number (核查编号), shown in the number field. */
  numberPlaceholder: string
  /** Prefix of the `data-testid`s (`<prefix>-filter-number`, …). */
  testIdPrefix: string
  /** More fields, after the verdict. */
  children?: ReactNode
}

/** The search form above a list of checks: number, text, dates, verdict (and the list's own fields). */
export function RecordsFilter<F extends RecordsFilterFields>({
  filter,
  onChange,
  onSearch,
  onClear,
  verdicts,
  textLabel,
  textPlaceholder,
  numberPlaceholder,
  testIdPrefix,
  children,
}: RecordsFilterProps<F>) {
  return (
    <form
      className="records-filter"
      onSubmit={(e) => {
        e.preventDefault()
        onSearch()
      }}
      data-testid={`${testIdPrefix}-records-filter`}
    >
      <input
        type="search"
        className="text-input"
        placeholder={numberPlaceholder}
        value={filter.number}
        onChange={(e) => onChange('number', e.target.value)}
        aria-label="核查编号"
        data-testid={`${testIdPrefix}-filter-number`}
      />
      <input
        type="search"
        className="text-input"
        placeholder={textPlaceholder}
        value={filter.q}
        onChange={(e) => onChange('q', e.target.value)}
        aria-label={textLabel}
        data-testid={`${testIdPrefix}-filter-q`}
      />
      <div className="records-filter__dates">
        <input
          type="date"
          className="text-input"
          value={filter.from}
          onChange={(e) => onChange('from', e.target.value)}
          aria-label="起始日期"
        />
        <span>至</span>
        <input
          type="date"
          className="text-input"
          value={filter.to}
          onChange={(e) => onChange('to', e.target.value)}
          aria-label="截止日期"
        />
      </div>
      <select
        className="text-input"
        value={filter.verdict}
        onChange={(e) => onChange('verdict', e.target.value)}
        aria-label="核查结论"
        data-testid={`${testIdPrefix}-filter-verdict`}
      >
        <option value="">全部结论</option>
        {Object.entries(verdicts).map(([code, name]) => (
          <option key={code} value={code}>
            {name}
          </option>
        ))}
      </select>
      {children}
      <div className="records-filter__buttons">
        <button type="submit" className="primary-button">
          查询
        </button>
        <button type="button" className="link-button" onClick={onClear}>
          清空条件
        </button>
      </div>
    </form>
  )
}
