import type { ReactNode } from 'react'

/** Props of {@link TextField}. */
export interface TextFieldProps {
  label: string
  value: string
  onChange: (value: string) => void
  testId: string
  maxLength?: number
  placeholder?: string
  inputMode?: 'decimal'
  required?: boolean
  /** Extra class of the field (e.g. `form-grid__wide`). */
  className?: string
  /** A line under the input. */
  hint?: ReactNode
}

/** A labelled one-line text input of a form. */
export function TextField({ label, value, onChange, testId, className, hint, ...input }: TextFieldProps) {
  return (
    <label className={className ? `form-field ${className}` : 'form-field'}>
      <span className="form-field__label">{label}</span>
      <input
        className="text-input"
        {...input}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        data-testid={testId}
      />
      {hint}
    </label>
  )
}

/** Props of {@link SelectField}. */
export interface SelectFieldProps {
  label: string
  value: string
  onChange: (value: string) => void
  testId: string
  /** The choices as value and name. */
  options: readonly (readonly [string, string])[]
  /** The first choice, with the value '' (请选择, 未明确…), when there is one. */
  none?: string
  className?: string
}

/** A labelled choice of a form. */
export function SelectField({ label, value, onChange, testId, options, none, className }: SelectFieldProps) {
  return (
    <label className={className ? `form-field ${className}` : 'form-field'}>
      <span className="form-field__label">{label}</span>
      <select className="text-input" value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
        {none !== undefined && <option value="">{none}</option>}
        {options.map(([v, name]) => (
          <option key={v} value={v}>
            {name}
          </option>
        ))}
      </select>
    </label>
  )
}

/** Props of {@link FilterSelect}. */
export interface FilterSelectProps {
  /** What the choice filters, read out (级别, 类型…). */
  label: string
  value: string
  onChange: (value: string) => void
  options: readonly (readonly [string, string])[]
  /** The first choice, with the value '' (全部级别…). */
  all: string
  testId?: string
}

/** A choice above a list that narrows it, the first choice taking every row. */
export function FilterSelect({ label, value, onChange, options, all, testId }: FilterSelectProps) {
  return (
    <select
      className="text-input"
      value={value}
      onChange={(e) => onChange(e.target.value)}
      aria-label={label}
      data-testid={testId}
    >
      <option value="">{all}</option>
      {options.map(([v, name]) => (
        <option key={v} value={v}>
          {name}
        </option>
      ))}
    </select>
  )
}
