import type { EnterpriseStatus } from '@contracts/enterprises'
import { ENTERPRISE_STATUS, INDUSTRY } from '../../../../server/src/domain/labels.ts'

/** Industries of key supervised enterprises, by code. */
export const INDUSTRY_NAME: Record<string, string> = INDUSTRY
/** Names of the enterprise states. */
export const ENTERPRISE_STATUS_NAME: Record<string, string> = ENTERPRISE_STATUS
/** The states in the order of the filter. */
export const ENTERPRISE_STATUSES = Object.keys(ENTERPRISE_STATUS) as EnterpriseStatus[]
