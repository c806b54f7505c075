import { useState } from 'react'
import { formatCount, formatDateTime } from '../../shared/format'
import { useJson } from '../../shared/use-json'
import { PACKAGE_COUNTIES_PATH, platformPackageUrl } from './platform-package-api'
import './platform-package.css'

/**
 * 上报数据包: for each county of the scope, the ZIP to upload to the national platform or a provincial sub-platform
 * (latest published class list, published plot lists, monitoring results; GeoPackage and GBK Shapefile with a
 * manifest), why a county has none, and the field mapping in use.
 */
export function PlatformPackagePanel() {
  const answer = useJson(PACKAGE_COUNTIES_PATH, 0, '上报数据包信息加载失败')
  const [target, setTarget] = useState('national')
  if (answer.status === 'loading' || answer.status === 'idle') return null
  if (answer.status === 'error')
    return (
      <p className="notice notice--error" role="alert">
        {answer.message}
      </p>
    )
  const data = answer.data
  return (
    <section className="pkg-section" data-testid="platform-package">
      <div className="pkg-section__head">
        <h3 className="pkg-section__title">上报数据包</h3>
        <label className="form-field pkg-section__target">
          <span className="form-field__label">上报平台</span>
          <select
            className="basemap-select"
            value={target}
            onChange={(e) => setTarget(e.target.value)}
            data-testid="platform-package-target"
          >
            {data.targets.map((t) => (
              <option key={t.code} value={t.code}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p className="pkg-note">
        每个区县一个压缩包：最新发布的分类清单、已发布的名单名录地块和监测结果，各有 GeoPackage 和 Shapefile（DBF 为 GBK
        编码）两种格式，坐标系 CGCS2000 经纬度（EPSG:4490），附 manifest.json 和 清单.txt（版本、要素数、SHA-256
        校验值）。只含已审定发布的数据，草稿和待审核的记录不在其中。
      </p>
      <div className="table-card">
        <table className="data-table" data-testid="platform-package-counties">
          <thead>
            <tr>
              <th>区县</th>
              <th>分类清单（最新发布）</th>
              <th className="pkg-num">名单名录地块</th>
              <th className="pkg-num">监测结果</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {data.counties.map((c) => (
              <tr key={c.adcode} data-testid={`platform-package-${c.adcode}`}>
                <td>
                  {c.name}
                  <span className="pkg-muted">（{c.adcode}）</span>
                </td>
                <td>
                  {c.classList ? (
                    <>
                      第 {c.classList.id} 号“{c.classList.title}”
                      <span className="pkg-muted">
                        ，{formatDateTime(c.classList.publishedAt)} 发布，{formatCount(c.classList.parcelCount)} 个图斑
                      </span>
                    </>
                  ) : (
                    <span className="pkg-refusal">{c.refusal}</span>
                  )}
                </td>
                <td className="pkg-num">{formatCount(c.plots)}</td>
                <td className="pkg-num">{formatCount(c.results)}</td>
                <td className="data-table__actions">
                  {c.classList && (
                    <a
                      className="secondary-button"
                      href={platformPackageUrl(c.adcode, target)}
                      download
                      data-testid={`platform-package-download-${c.adcode}`}
                    >
                      下载数据包
                    </a>
                  )}
                </td>
              </tr>
            ))}
            {data.counties.length === 0 && (
              <tr>
                <td className="data-table__empty" colSpan={5}>
                  您的管辖范围内没有区县
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <details className="pkg-fields" data-testid="platform-package-fields">
        <summary>
          {data.fieldMapNote}
          <span className="pkg-muted">（当前：{data.fieldMapSource}）</span>
        </summary>
        <p className="pkg-note">
          两个平台的数据交换模板未向本系统公开，下表字段名为本系统默认，上传前请与平台的接收要求核对；如需调整，请管理员修改字段对照设置文件。
        </p>
        {data.layers.map((layer) => (
          <div key={layer.dataset} className="pkg-layer">
            <h4 className="pkg-layer__title">
              {layer.title}（{layer.code}）
            </h4>
            <table className="data-table pkg-field-table">
              <thead>
                <tr>
                  <th>中文名称</th>
                  <th>本地字段</th>
                  <th>全国平台</th>
                  <th>省级子平台</th>
                </tr>
              </thead>
              <tbody>
                {layer.fields.map((f) => (
                  <tr key={f.source}>
                    <td>{f.title}</td>
                    <td className="data-table__mono">{f.source}</td>
                    <td className="data-table__mono">{f.national}</td>
                    <td className="data-table__mono">{f.provincial}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
      </details>
    </section>
  )
}
