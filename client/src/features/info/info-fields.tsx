import type { FeatureInfo } from '../../shared/api-types'

/** The attributes of a feature as a two-column table. */
export function InfoFields({ fields }: { fields: FeatureInfo['fields'] }) {
  if (fields.length === 0) return <p className="panel-note">暂无属性信息</p>
  return (
    <table className="info-table">
      <tbody>
        {fields.map((field, index) => (
          <tr key={`${index}-${field.label}`}>
            <th scope="row">{field.label}</th>
            <td>{field.value === '' ? '—' : field.value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
