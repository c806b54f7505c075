import { formatAreaValue } from '../../shared/format'
import type { ImportReport, Inspection } from './land-import-types'

/** The first rows of the layer, decoded both ways where the .dbf encoding was guessed. */
export function Samples({ inspection }: { inspection: Inspection }) {
  const samples = inspection.encoding?.samples ?? []
  if (!samples.length) return null
  return (
    <table className="land-import__table" data-testid="land-import-samples">
      <thead>
        <tr>
          <th>字段</th>
          <th>按 GBK 读</th>
          <th>按 UTF-8 读</th>
        </tr>
      </thead>
      <tbody>
        {samples.map((s) => (
          <tr key={s.field}>
            <td>{s.field}</td>
            <td>{s.decoded.GBK}</td>
            <td>{s.decoded['UTF-8']}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** The report's counts: by land code, by township and by problem. */
export function ReportTables({ report }: { report: ImportReport }) {
  return (
    <>
      <h3>按地类</h3>
      <table className="land-import__table" data-testid="land-import-by-code">
        <thead>
          <tr>
            <th>地类编码</th>
            <th>地类名称</th>
            <th>导入为</th>
            <th>图斑数</th>
            <th>未通过</th>
            <th>面积（亩）</th>
          </tr>
        </thead>
        <tbody>
          {report.byLandCode.map((c) => (
            <tr key={c.dlbm ?? '—'}>
              <td>{c.dlbm ?? '（空）'}</td>
              <td>{c.dlmc ?? ''}</td>
              <td>{report.import.kind === 'yjjbnt' ? '永久基本农田' : c.isFarmland ? '耕地图斑' : '其他地类'}</td>
              <td>{c.features}</td>
              <td>{c.refused}</td>
              <td>{formatAreaValue(c.areaMu)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>按乡镇</h3>
      <table className="land-import__table">
        <thead>
          <tr>
            <th>乡镇</th>
            <th>图斑数</th>
            <th>可导入耕地图斑</th>
            <th>未通过</th>
          </tr>
        </thead>
        <tbody>
          {report.byTownship.map((t) => (
            <tr key={t.code ?? '—'}>
              <td>{t.name}</td>
              <td>{t.features}</td>
              <td>{t.farmland}</td>
              <td>{t.refused}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>按问题</h3>
      <table className="land-import__table" data-testid="land-import-by-problem">
        <thead>
          <tr>
            <th>问题</th>
            <th>级别</th>
            <th>图斑数</th>
          </tr>
        </thead>
        <tbody>
          {report.byProblem.map((p) => (
            <tr key={p.code}>
              <td>{p.title}</td>
              <td>{p.severity === 'error' ? '不通过' : '提示'}</td>
              <td>{p.features}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  )
}
