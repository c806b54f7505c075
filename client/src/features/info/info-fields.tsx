import type { ReactNode } from 'react'
import type { FeatureInfo } from '@contracts/map'

/** Props of {@link InfoFields}. */
export interface InfoFieldsProps {
  fields: FeatureInfo['fields']
  /** Draws one attribute's value differently; undefined keeps the text. */
  renderValue?: (field: FeatureInfo['fields'][number]) => ReactNode | undefined
}

/** The attributes of a feature as a two-column table. */
export function InfoFields({ fields, renderValue }: InfoFieldsProps) {
  if (fields.length === 0) return <p className="panel-note">暂无属性信息</p>
  return (
    <table className="info-table">
      <tbody>
        {fields.map((field, index) => (
          <tr key={`${index}-${field.label}`}>
            <th scope="row">{field.label}</th>
            <td data-label={field.label}>{renderValue?.(field) ?? (field.value === '' ? '—' : field.value)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
