import { sendJson } from '../../shared/api-client'
import type { PreviewChoices, UnitsApplied, UnitsPreview } from './admin-units-types'

/** Uploads the file with the choices made so far; nothing is written. */
export function previewUnits(file: File, choices: PreviewChoices): Promise<UnitsPreview> {
  const form = new FormData()
  for (const [key, value] of Object.entries(choices)) {
    if (value === undefined || value === '') continue
    form.append(key, Array.isArray(value) ? value.join(',') : value)
  }
  form.append('file', file)
  return sendJson<UnitsPreview>('POST', '/api/admin/units/preview', form)
}

/** Applies a preview in one transaction. */
export function applyUnits(body: {
  previewId: string
  countyName?: string
  cityCode: string
  city: string
}): Promise<UnitsApplied> {
  return sendJson<UnitsApplied>('POST', '/api/admin/units/apply', body)
}
