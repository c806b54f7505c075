import type { SitingReference } from '@contracts/siting'
import { formatAreaValue, formatDateTime } from '../../shared/format'
import { CheckRecords } from '../../shared/check/check-records'
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
const SEARCH = {
  verdicts: SITING_VERDICT_NAME,
  textLabel: '项目',
  textPlaceholder: '项目名称或项目文号',
  numberPlaceholder: '核查编号，如 〔2026〕0001',
}

/** 选址核查记录: the siting checks of the officer's counties, newest first, searchable by number, date, verdict, industry and project. */
export function SitingRecords({ activeId, listVersion, industries, onOpen }: SitingRecordsProps) {
  return (
    <CheckRecords
      load={listSitingChecks}
      empty={EMPTY}
      activeId={activeId}
      listVersion={listVersion}
      onOpen={onOpen}
      search={SEARCH}
      moreFields={(filter, set) => (
        <select
          className="text-input"
          value={filter.industry}
          onChange={(e) => set('industry', e.target.value)}
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
      )}
      noneText="没有符合条件的选址核查记录"
      testIdPrefix="siting"
      row={(r) => ({
        name: (
          <>
            {r.projectName}
            {r.reference ? ` · ${r.reference}` : ''}
          </>
        ),
        meta: [
          <>
            {r.industryName} · {formatAreaValue(r.areaMu)} 亩 · {r.county}
          </>,
          <>
            {formatDateTime(r.checkedAt)} · {r.checkedByName}
          </>,
        ],
      })}
    />
  )
}
