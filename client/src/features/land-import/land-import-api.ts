import { getJson, sendJson } from '../../shared/api-client'
import type { ApplyMode, ImportChoices, ImportReport, ImportStatus, Inspection } from './land-import-types'

function formOf(file: File, choices: ImportChoices): FormData {
  const form = new FormData()
  for (const [key, value] of Object.entries(choices)) {
    if (value === undefined || value === '') continue
    form.append(key, typeof value === 'object' ? JSON.stringify(value) : String(value))
  }
  form.append('file', file)
  return form
}

/** Reads the file and answers what was detected; nothing is written. */
export function inspectLayer(file: File, choices: ImportChoices): Promise<Inspection> {
  return sendJson<Inspection>('POST', '/api/land-imports/inspect', formOf(file, choices))
}

/** The dry run: reads and checks every feature, answers the import report. */
export function createImport(file: File, choices: ImportChoices): Promise<ImportReport> {
  return sendJson<ImportReport>('POST', '/api/land-imports', formOf(file, choices))
}

export function applyImport(id: number, mode: ApplyMode): Promise<ImportStatus> {
  return sendJson<ImportStatus>('POST', `/api/land-imports/${id}/apply`, { mode })
}

export function cancelImport(id: number): Promise<ImportStatus> {
  return sendJson<ImportStatus>('POST', `/api/land-imports/${id}/cancel`, {})
}

export function importStatus(id: number): Promise<ImportStatus> {
  return getJson<ImportStatus>(`/api/land-imports/${id}/status`)
}

export function importReport(id: number): Promise<ImportReport> {
  return getJson<ImportReport>(`/api/land-imports/${id}`)
}

export function featureOutline(id: number, seq: number): Promise<GeoJSON.Feature> {
  return getJson<GeoJSON.Feature>(`/api/land-imports/${id}/features/${seq}`)
}
