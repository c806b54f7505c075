import type {
  ApplyMeasureAnswer,
  ApplyMeasureBody,
  LedgerAnswer,
  LedgerImportReport,
  LedgerRow,
  LedgerRowEditBody,
  MeasuresAnswer,
  NewLedgerRowBody,
} from '@contracts/safe-use-ledger'
import type { ReviewInfo } from '@contracts/review'
import { apiPath, sendJson, type ApiPath } from '../../shared/api-client'

/** The filters of the ledger table. */
export interface LedgerFilters {
  degree?: string
  township?: string
  produce?: string
  measure?: string
  code?: string
}

function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams()
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== '') search.set(key, String(value))
  return search.toString()
}

/** `GET /api/safe-use-ledger`: a county's ledger of a year with its review state, filtered. */
export function ledgerPath(adcode: string, year: number, filters: LedgerFilters): ApiPath<LedgerAnswer> {
  return apiPath<LedgerAnswer>(`/api/safe-use-ledger?${query({ adcode, year, ...filters })}`)
}

/** `GET /api/safe-use-ledger/measures`: the measure vocabulary. */
export const measuresPath = apiPath<MeasuresAnswer>('/api/safe-use-ledger/measures')

/** The template and export downloads of a county's year. */
export function ledgerFileUrl(kind: 'template' | 'export', adcode: string, year: number): string {
  return `/api/safe-use-ledger/${kind}.xlsx?${query({ adcode, year })}`
}

export function addLedgerRow(body: NewLedgerRowBody): Promise<LedgerRow> {
  return sendJson<LedgerRow>('POST', '/api/safe-use-ledger/rows', body)
}

export function editLedgerRow(id: number, body: LedgerRowEditBody): Promise<LedgerRow> {
  return sendJson<LedgerRow>('PATCH', `/api/safe-use-ledger/rows/${id}`, body)
}

export function deleteLedgerRow(id: number, version: number): Promise<unknown> {
  return sendJson('DELETE', `/api/safe-use-ledger/rows/${id}?version=${version}`)
}

export function applyMeasure(body: ApplyMeasureBody): Promise<ApplyMeasureAnswer> {
  return sendJson<ApplyMeasureAnswer>('POST', '/api/safe-use-ledger/apply-measure', body)
}

/** `POST /api/safe-use-ledger/import`: a filled template, dry run or for real. */
export function importLedger(
  adcode: string,
  year: number,
  file: File,
  mode: 'all' | 'valid-only',
  isDryRun: boolean,
): Promise<LedgerImportReport> {
  const form = new FormData()
  form.append('file', file)
  return sendJson<LedgerImportReport>(
    'POST',
    `/api/safe-use-ledger/import?${query({ adcode, year, mode, dryRun: String(isDryRun) })}`,
    form,
  )
}

/** Moves the ledger one step through review (提交审定, 重新编辑 …). */
export function transitionLedger(id: number, action: string, version: number, reason?: string): Promise<ReviewInfo> {
  return sendJson<ReviewInfo>('POST', `/api/reviews/safe-use-ledger/${id}/${action}`, { version, reason })
}
