import { SelectField, TextField } from '../../shared/ui/form-fields'
import { INDUSTRY_OPTIONS } from './registry-labels'

const INDUSTRY_CHOICES = INDUSTRY_OPTIONS.map((o) => [o.code, o.name] as const)
const LAND_CLASS_CHOICES = [
  ['first', '第一类用地'],
  ['second', '第二类用地'],
] as const

/** Props of {@link IndustryFields}. */
export interface IndustryFieldsProps {
  industry: string
  note: string
  onIndustry: (value: string) => void
  onNote: (value: string) => void
  /** Prefix of the `data-testid`s (`<prefix>-industry`, `<prefix>-industry-note`). */
  testIdPrefix: string
  /** The empty first choice (a new plot has none chosen yet). */
  none?: string
}

/** 原行业类别, and 其他行业说明 when it is 其他 (the note is required then). */
export function IndustryFields({ industry, note, onIndustry, onNote, testIdPrefix, none }: IndustryFieldsProps) {
  return (
    <>
      <SelectField
        label="原行业类别 *"
        value={industry}
        onChange={onIndustry}
        options={INDUSTRY_CHOICES}
        none={none}
        testId={`${testIdPrefix}-industry`}
      />
      {industry === 'other' && (
        <TextField
          label="其他行业说明 *"
          maxLength={100}
          required
          placeholder="原来是什么行业，如：木材加工"
          value={note}
          onChange={onNote}
          testId={`${testIdPrefix}-industry-note`}
        />
      )}
    </>
  )
}

/** 规划用地类别 (GB 36600): first or second class, or not yet known (judged as first). */
export function LandClassField({
  value,
  onChange,
  testId,
}: {
  value: string
  onChange: (v: string) => void
  testId: string
}) {
  return (
    <SelectField
      label="规划用地类别（GB 36600）"
      value={value}
      onChange={onChange}
      options={LAND_CLASS_CHOICES}
      none="未明确（按第一类用地评价）"
      testId={testId}
    />
  )
}
