import { useState, type FormEvent } from 'react'
import type { WaterSourceZone } from '@contracts/water-source'
import { problemsOf } from '../../shared/api-client'
import { useDataChanged, useLayerVersion } from '../../shared/data-versions'
import { errorMessage } from '../../shared/error-message'
import { useJson } from '../../shared/use-json'
import { importWaterSourceZones, publishWaterSourceZones, waterSourceZonesPath } from './water-source-api'
import './water-source.css'

/** Props of {@link WaterSourceSection}. */
export interface WaterSourceSectionProps {
  adcode: string
  countyName: string
  /** Environment officers import and publish; others read. */
  canEdit: boolean
  onLocate: (bbox: WaterSourceZone['bbox']) => void
}

/**
 * 饮用水水源保护区 of a county: its zones by source and level, and for the environment officer the import of a file
 * (the county's zones replaced; a file with a refused feature changes nothing and lists every feature at fault) and
 * 发布/撤回 of the zones on the public map, each after a confirmation.
 */
export function WaterSourceSection({ adcode, countyName, canEdit, onLocate }: WaterSourceSectionProps) {
  const version = useLayerVersion('zones')
  const dataChanged = useDataChanged()
  const zones = useJson(waterSourceZonesPath(adcode), version, '饮用水水源保护区加载失败')
  const [file, setFile] = useState<File | null>(null)
  const [busy, setBusy] = useState(false)
  const [notice, setNotice] = useState<string | null>(null)
  const [problems, setProblems] = useState<{ message: string }[]>([])
  const items = zones.status === 'done' ? zones.data.zones : []
  const isPublished = items.length > 0 && items.every((z) => z.isPublished)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (!file) return
    if (
      items.length &&
      !window.confirm(`导入将替换${countyName}现有的 ${items.length} 个保护区（新导入的保护区需重新发布），是否继续？`)
    )
      return
    setBusy(true)
    setNotice(null)
    setProblems([])
    try {
      const result = await importWaterSourceZones(adcode, file)
      setNotice(
        `已导入 ${result.added} 个保护区（一级 ${result.byLevel.level1}、二级 ${result.byLevel.level2}、准保护区 ${result.byLevel.quasi}），坐标系：${result.crs}${result.warnings.length ? `；${result.warnings.join('；')}` : ''}`,
      )
      dataChanged('zones')
    } catch (error) {
      setNotice(errorMessage(error))
      setProblems(problemsOf(error).filter((p) => p.index !== undefined))
    } finally {
      setBusy(false)
    }
  }

  const togglePublished = async () => {
    const next = !isPublished
    const question = next
      ? `发布后，${countyName}的 ${items.length} 个饮用水水源保护区（名称、类型、级别）将显示在公众地图上，是否发布？`
      : `撤回后，公众地图将不再显示${countyName}的饮用水水源保护区，是否撤回？`
    if (!window.confirm(question)) return
    setBusy(true)
    setNotice(null)
    try {
      await publishWaterSourceZones(adcode, next)
      setNotice(next ? '已发布到公众地图' : '已从公众地图撤回')
      dataChanged('zones')
    } catch (error) {
      setNotice(errorMessage(error))
    } finally {
      setBusy(false)
    }
  }

  return (
    <section
      className="water-source"
      aria-labelledby={`water-source-title-${adcode}`}
      data-testid="water-source-section"
      data-adcode={adcode}
    >
      <h3 id={`water-source-title-${adcode}`} className="class-panel__subtitle">
        饮用水水源保护区（{countyName}）
      </h3>
      {zones.status === 'error' && <p className="panel-note panel-note--error">{zones.message}</p>}
      {zones.status === 'done' && items.length === 0 && <p className="panel-note">{countyName}尚未导入。</p>}
      {items.length > 0 && (
        <>
          <p className="panel-note" data-testid="water-source-state">
            {isPublished ? '已发布到公众地图' : '未发布（仅内部可见）'}
          </p>
          <ul className="water-source__list">
            {items.map((z) => (
              <li key={z.id}>
                <button type="button" className="link-button" onClick={() => onLocate(z.bbox)}>
                  {z.sourceName} · {z.levelName}
                </button>
                <span className="panel-note">
                  {' '}
                  {z.sourceTypeName}
                  {z.approvalNo ? ` · ${z.approvalNo}` : ''}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      {canEdit && (
        <form className="water-source__import" onSubmit={submit}>
          <label>
            保护区文件（GeoJSON 或 Shapefile 压缩包）
            <input
              type="file"
              accept=".geojson,.json,.zip"
              aria-label="保护区文件"
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            />
          </label>
          <p className="panel-note">
            属性字段：水源地名称、水源类型（河流型/湖库型/地下水型）、保护区级别（一级/二级/准保护区），可含批复文号。
          </p>
          <div className="water-source__actions">
            <button type="submit" className="primary-button" disabled={!file || busy}>
              导入
            </button>
            {items.length > 0 && (
              <button type="button" className="secondary-button" disabled={busy} onClick={togglePublished}>
                {isPublished ? '撤回' : '发布'}
              </button>
            )}
          </div>
        </form>
      )}
      {notice && (
        <p className="panel-note" role="status">
          {notice}
        </p>
      )}
      {problems.length > 0 && (
        <ul className="panel-note panel-note--error" data-testid="water-source-problems">
          {problems.map((p, i) => (
            <li key={i}>{p.message}</li>
          ))}
        </ul>
      )}
    </section>
  )
}
