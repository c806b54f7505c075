import { formatAreaValue, formatDateTime } from '../../shared/format'
import { CheckRecords } from '../../shared/check/check-records'
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
const SEARCH = {
  verdicts: VERDICT_NAME,
  textLabel: '地块',
  textPlaceholder: '地块名称或来源编号',
  numberPlaceholder: '核查编号，如 〔2026〕0001',
}

/** 核查记录: the checks of the officer's counties, newest first, searchable by number, date, verdict and plot. */
export function PrecheckRecords({ activeId, listVersion, onOpen }: PrecheckRecordsProps) {
  return (
    <CheckRecords
      load={listPrechecks}
      empty={EMPTY}
      activeId={activeId}
      listVersion={listVersion}
      onOpen={onOpen}
      search={SEARCH}
      noneText="没有符合条件的核查记录"
      testIdPrefix="precheck"
      row={(r) => ({
        name: (
          <>
            {r.name ?? '（未命名地块）'}
            {r.reference ? ` · ${r.reference}` : ''}
          </>
        ),
        meta: [
          <>
            {r.plannedUse} {r.plannedUseName} · {formatAreaValue(r.areaMu)} 亩 · {r.county}
          </>,
          <>
            {formatDateTime(r.checkedAt)} · {r.checkedByName}
            {r.rerunOf !== null ? ' · 重新核查' : ''}
          </>,
        ],
      })}
    />
  )
}
