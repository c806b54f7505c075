import type { RegistryImportReport } from '@contracts/registry-import'
import { sendJson } from '../../shared/api-client'
import type { RegistryKind } from '../../../../server/src/domain/registry-import-kinds.ts'

/** The template of a kind (XLSX with a 填写说明 sheet). */
export const templatePath = (kind: RegistryKind) => `/api/registry-import/${kind}/template.xlsx`

/** Checks (dry run) or imports a filled template, with the outline file of plots and enterprises. */
export function importRegistry(
  kind: RegistryKind,
  file: File,
  outlines: File | null,
  mode: 'all' | 'valid-only',
  isDryRun: boolean,
): Promise<RegistryImportReport> {
  const form = new FormData()
  form.append('file', file)
  if (outlines) form.append('outlines', outlines)
  return sendJson<RegistryImportReport>('POST', `/api/registry-import/${kind}?mode=${mode}&dryRun=${isDryRun}`, form)
}
