import { apiPath, sendJson } from '../../shared/api-client'
import type {
  EnterpriseSaved,
  EnterpriseStatus,
  EnterprisesResponse,
  PlotProposal,
  ProposalsResponse,
} from '@contracts/enterprises'

/** `GET /api/enterprises?adcode=&status=&industry=` (the query built by the panel). */
export function enterprisesPath(query: string) {
  return apiPath<EnterprisesResponse>(`/api/enterprises?${query}`)
}

/** `GET /api/plot-proposals?status=pending&adcode=`: the proposals still to decide in a county. */
export function pendingProposalsPath(adcode: string) {
  return apiPath<ProposalsResponse>(`/api/plot-proposals?status=pending&adcode=${adcode}`)
}

/** `PATCH /api/enterprises/:id`: a new state (关闭 / 搬迁 propose the site as a suspected plot). */
export function updateEnterpriseStatus(
  id: number,
  version: number,
  status: EnterpriseStatus,
): Promise<EnterpriseSaved> {
  return sendJson<EnterpriseSaved>('PATCH', `/api/enterprises/${id}`, { version, status })
}

/** `POST /api/plot-proposals/:id/confirm` with the new plot's name, or `…/dismiss` with the reason. */
export function decideProposal(id: number, kind: 'confirm' | 'dismiss', text: string): Promise<PlotProposal> {
  return sendJson<PlotProposal>(
    'POST',
    `/api/plot-proposals/${id}/${kind}`,
    kind === 'confirm' ? { name: text } : { reason: text },
  )
}
