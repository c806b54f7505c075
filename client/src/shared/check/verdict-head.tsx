import type { ReactNode } from 'react'
import { formatAreaValue, formatDateTime } from '../format'

/** What the head and the common facts of a verdict read of a recorded check. */
interface VerdictRecord {
  verdict: string
  verdictName: string
  number: string
  county: string
  areaM2: number
  areaMu: number
  checkedAt: string
  checkedByName: string
}

/** Props of {@link VerdictHead}. */
export interface VerdictHeadProps {
  record: VerdictRecord
  /** What the verdict is called (核查结论, 选址核查结论). */
  label: string
  /** Prefix of the `data-testid`s (`<prefix>-verdict`, `<prefix>-number`). */
  testIdPrefix: string
  onClose: () => void
}

/** The coloured head of a verdict panel: the verdict, the check's number and the close button. */
export function VerdictHead({ record, label, testIdPrefix, onClose }: VerdictHeadProps) {
  return (
    <header
      className={`check-verdict check-verdict--${record.verdict}`}
      data-testid={`${testIdPrefix}-verdict`}
      data-verdict={record.verdict}
    >
      <div className="check-verdict__label">{label}</div>
      <div className="check-verdict__name">{record.verdictName}</div>
      <div className="check-verdict__number" data-testid={`${testIdPrefix}-number`}>
        {record.number}
      </div>
      <button type="button" className="check-verdict__close" onClick={onClose} aria-label="关闭核查结论">
        ×
      </button>
    </header>
  )
}

/** One line of the facts under a verdict. */
export function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  )
}

/** Where the checked outline lies and how large it is (所在区县, 面积). */
export function PlaceFacts({ record }: { record: VerdictRecord }) {
  return (
    <>
      <Fact term="所在区县">{record.county}</Fact>
      <Fact term="面积">
        {formatAreaValue(record.areaM2)} 平方米（{formatAreaValue(record.areaMu)} 亩）
      </Fact>
    </>
  )
}

/** When and by whom the check was made (核查时间). */
export function CheckedAtFact({ record }: { record: VerdictRecord }) {
  return (
    <Fact term="核查时间">
      {formatDateTime(record.checkedAt)}　{record.checkedByName}
    </Fact>
  )
}
