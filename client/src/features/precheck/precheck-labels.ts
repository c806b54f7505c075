export { VERDICT_NAME } from '../../../../server/src/domain/precheck.ts'
export { reasonKey } from '../../../../server/src/domain/precheck-rerun.ts'
