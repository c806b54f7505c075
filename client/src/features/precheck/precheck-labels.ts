export { VERDICT_NAME, reasonKey } from '../../../../server/src/domain/precheck.ts'
