import { useEffect, useRef, type FormEvent } from 'react'
import type { FeatureRef, ScopeCounty } from '../../shared/api-types'
import { useJson } from '../../shared/use-json'
import type { ZoneEditor, ZoneTool } from './use-zone-editor'
import { formatMuHa } from './zone-geometry'
import { REVIEW_STATUS_NAME, ZONE_PLOT_STATUSES, type PlotChoice } from './zone-types'
import { countyPlotsPath } from './zones-api'

/** Props of {@link ZoneForm}. */
export interface ZoneFormProps {
  editor: ZoneEditor
  counties: ScopeCounty[]
  onShowOnMap: (feature: FeatureRef) => void
}

const TOOLS: { id: Exclude<ZoneTool, 'none' | 'sign'>; label: string; hint: string }[] = [
  { id: 'draw', label: '绘制范围', hint: '在地图上单击添加拐点，单击第一个拐点闭合' },
  { id: 'edit', label: '修改节点', hint: '点击范围后拖动拐点或边中点，右键拐点删除' },
]

const MONITORING: {
  key: 'monitorSoil' | 'monitorSurfaceWater' | 'monitorGroundwater' | 'monitorAir'
  label: string
}[] = [
  { key: 'monitorSoil', label: '土壤' },
  { key: 'monitorSurfaceWater', label: '地表水' },
  { key: 'monitorGroundwater', label: '地下水' },
  { key: 'monitorAir', label: '环境空气' },
]

/** The form of one control zone: outline (draw / upload / edit), protected plots, signs, announcement, monitoring. */
export function ZoneForm({ editor, counties, onShowOnMap }: ZoneFormProps) {
  const fields = editor.fields!
  const zone = editor.zone
  const fileRef = useRef<HTMLInputElement>(null)
  const messageRef = useRef<HTMLParagraphElement>(null)
  useEffect(() => {
    messageRef.current?.scrollIntoView({ block: 'nearest' })
  }, [editor.message])
  const plots = useJson(countyPlotsPath(fields.adcode), zone?.id ?? 0, '地块列表加载失败')
  const choices = choicesOf(plots.status === 'done' ? plots.data.items : [], zone?.plots ?? [], fields.plotIds)
  const inside = editor.plotsInOutline(choices.map((p) => p.id))
  const insideUnchosen = choices.filter((p) => inside.has(p.id) && !fields.plotIds.includes(p.id))
  const readOnly = !editor.isEditable
  const county = counties.find((c) => c.adcode === fields.adcode)?.name ?? zone?.county ?? fields.adcode
  const status = zone?.reviewStatus ?? 'draft'

  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    void editor.save()
  }

  return (
    <form className="zone-form" onSubmit={onSubmit} noValidate data-testid="zone-form">
      <header className="zone-form__head">
        <button type="button" className="link-button" onClick={editor.close} data-testid="zone-back">
          ‹ 返回列表
        </button>
        <h2 className="panel-section__title">{zone ? `管控区域 ${zone.code}` : '划定管控区域'}</h2>
        <p className="zone-form__meta">
          <span className={`review-badge review-badge--${status}`} data-testid="zone-status">
            {zone?.reviewStatusName ?? REVIEW_STATUS_NAME[status]}
          </span>
          <span>{county}</span>
          {zone && <span>第 {zone.version} 版</span>}
          {editor.isDirty && <span className="zone-form__dirty">有未保存的修改</span>}
        </p>
        {zone?.reviewStatus === 'returned' && zone.reviewReason && (
          <p className="form-error">退回理由：{zone.reviewReason}</p>
        )}
      </header>

      {editor.message && (
        <p
          ref={messageRef}
          className={`notice notice--${editor.message.kind}`}
          role={editor.message.kind === 'error' ? 'alert' : 'status'}
          data-testid="zone-message"
        >
          {editor.message.text}
          <button type="button" className="notice__close" aria-label="关闭" onClick={editor.clearMessage}>
            ×
          </button>
        </p>
      )}

      {readOnly && zone && (
        <div className="zone-form__locked" data-testid="zone-locked">
          <p>
            该管控区域{REVIEW_STATUS_NAME[zone.reviewStatus]}
            ，审定或发布流程在详情中办理；如需修改，请在详情中“重新编辑”。
          </p>
          <button
            type="button"
            className="secondary-button"
            onClick={() => onShowOnMap({ source: 'control-zone', id: zone.id })}
            data-testid="zone-show-review"
          >
            查看审核与发布
          </button>
        </div>
      )}

      <fieldset className="zone-form__section" disabled={readOnly}>
        <legend>基本信息</legend>
        <label className="form-field">
          <span className="form-field__label">名称 *</span>
          <input
            className="text-input"
            value={fields.name}
            maxLength={100}
            placeholder="如：原××厂地块暂不开发利用管控区域"
            onChange={(e) => editor.update({ name: e.target.value })}
            data-testid="zone-name"
          />
        </label>
      </fieldset>

      <fieldset className="zone-form__section" disabled={readOnly}>
        <legend>管控范围 *</legend>
        <div className="zone-tools" role="toolbar" aria-label="管控范围工具">
          {TOOLS.map((t) => (
            <button
              key={t.id}
              type="button"
              className={`zone-tool${editor.tool === t.id ? ' zone-tool--active' : ''}`}
              aria-pressed={editor.tool === t.id}
              title={t.hint}
              onClick={() => editor.setTool(t.id)}
              data-testid={`zone-tool-${t.id}`}
            >
              {t.label}
            </button>
          ))}
          <button
            type="button"
            className="zone-tool"
            onClick={() => fileRef.current?.click()}
            title="上传 GeoJSON 文件（CGCS2000 经纬度）"
            data-testid="zone-upload"
          >
            上传 GeoJSON
          </button>
          <input
            ref={fileRef}
            type="file"
            accept=".geojson,.json,application/geo+json,application/json"
            hidden
            data-testid="zone-file"
            onChange={(e) => {
              const file = e.target.files?.[0]
              if (file) void editor.upload(file)
              e.target.value = ''
            }}
          />
        </div>
        <p className="panel-note">
          {TOOLS.find((t) => t.id === editor.tool)?.hint ??
            '绘制范围，或上传 GeoJSON 文件（CGCS2000 经纬度，EPSG:4490）。'}
        </p>
        <p className="zone-form__area" data-testid="zone-area" aria-live="polite">
          {editor.liveAreaM2 ? `面积 ${formatMuHa(editor.liveAreaM2)}` : '尚未确定范围'}
        </p>
      </fieldset>

      <fieldset className="zone-form__section" disabled={readOnly}>
        <legend>保护的地块 *</legend>
        {plots.status === 'loading' && <p className="panel-note">正在加载地块…</p>}
        {plots.status === 'error' && <p className="panel-note panel-note--error">{plots.message}</p>}
        {plots.status === 'done' && choices.length === 0 && (
          <p className="panel-note">本区县没有可划入管控区域的地块（须为污染地块名录或风险管控和修复名录中的地块）。</p>
        )}
        {insideUnchosen.length > 0 && (
          <button
            type="button"
            className="link-button zone-plots__pick"
            onClick={() => editor.update({ plotIds: [...fields.plotIds, ...insideUnchosen.map((p) => p.id)] })}
            data-testid="zone-pick-inside"
          >
            勾选范围内的 {insideUnchosen.length} 个地块
          </button>
        )}
        <ul className="zone-plots" data-testid="zone-plots">
          {choices.map((p) => (
            <li key={p.id}>
              <label className="zone-plot">
                <input
                  type="checkbox"
                  checked={fields.plotIds.includes(p.id)}
                  data-testid="zone-plot"
                  data-code={p.code}
                  onChange={(e) =>
                    editor.update({
                      plotIds: e.target.checked
                        ? [...fields.plotIds, p.id]
                        : fields.plotIds.filter((id) => id !== p.id),
                    })
                  }
                />
                <span className="zone-plot__text">
                  <span className="zone-plot__name">
                    {p.name}
                    {inside.has(p.id) && <span className="zone-plot__inside">在范围内</span>}
                  </span>
                  <span className="zone-plot__meta">
                    {p.code}
                    {p.statusName ? ` · ${p.statusName}` : ''}
                  </span>
                </span>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>

      <fieldset className="zone-form__section" disabled={readOnly}>
        <legend>标识（警示牌）*</legend>
        <button
          type="button"
          className={`zone-tool${editor.tool === 'sign' ? ' zone-tool--active' : ''}`}
          aria-pressed={editor.tool === 'sign'}
          onClick={() => editor.setTool('sign')}
          data-testid="zone-tool-sign"
        >
          {editor.tool === 'sign' ? '完成放置' : '在地图上放置标识'}
        </button>
        {editor.tool === 'sign' && (
          <p className="panel-note">在地图上单击放置标识，标识须在管控区域内或边界外 50 米以内。</p>
        )}
        {fields.signs.length === 0 && <p className="panel-note">尚未放置标识</p>}
        <ol className="zone-signs" data-testid="zone-signs">
          {fields.signs.map((s, i) => (
            <li key={i} className="zone-sign" data-testid="zone-sign">
              <span className="zone-sign__dot" aria-hidden="true" />
              <input
                className="text-input"
                value={s.label}
                maxLength={50}
                aria-label={`标识 ${i + 1} 名称`}
                onChange={(e) => editor.renameSign(i, e.target.value)}
              />
              <span className="zone-sign__at">
                {s.lon.toFixed(5)}, {s.lat.toFixed(5)}
              </span>
              <button
                type="button"
                className="link-button link-button--danger"
                onClick={() => editor.removeSign(i)}
                aria-label={`删除标识 ${i + 1}`}
              >
                删除
              </button>
            </li>
          ))}
        </ol>
      </fieldset>

      <fieldset className="zone-form__section" disabled={readOnly}>
        <legend>公告 *</legend>
        <label className="form-field">
          <span className="form-field__label">公告文号</span>
          <input
            className="text-input"
            value={fields.announcementNo}
            maxLength={60}
            placeholder="如：益赫环告〔2026〕12号"
            onChange={(e) => editor.update({ announcementNo: e.target.value })}
            data-testid="zone-announcement-no"
          />
        </label>
        <label className="form-field">
          <span className="form-field__label">发布日期</span>
          <input
            className="text-input"
            type="date"
            value={fields.announcementDate}
            onChange={(e) => editor.update({ announcementDate: e.target.value })}
            data-testid="zone-announcement-date"
          />
        </label>
        <label className="form-field">
          <span className="form-field__label">公告内容</span>
          <textarea
            className="text-area"
            rows={5}
            value={fields.announcementText}
            maxLength={2000}
            placeholder="管控区域范围、管控措施（如禁止开展与风险管控无关的建设活动、禁止种植食用农产品）、责任单位与联系方式"
            onChange={(e) => editor.update({ announcementText: e.target.value })}
            data-testid="zone-announcement-text"
          />
        </label>
      </fieldset>

      <fieldset className="zone-form__section" disabled={readOnly}>
        <legend>监测要求</legend>
        <div className="zone-monitoring">
          {MONITORING.map((m) => (
            <label key={m.key} className="checkbox-field">
              <input
                type="checkbox"
                checked={fields[m.key]}
                onChange={(e) => editor.update({ [m.key]: e.target.checked })}
                data-testid={`zone-${m.key}`}
              />
              {m.label}
            </label>
          ))}
        </div>
      </fieldset>

      {!readOnly && zone && zone.missingForSubmit.length > 0 && (
        <p className="panel-note" data-testid="zone-missing">
          按已保存的内容，提交审定前还需补充：{zone.missingForSubmit.join('、')}
        </p>
      )}
      {!readOnly && (
        <div className="zone-form__actions">
          <button type="submit" className="secondary-button" disabled={editor.isBusy} data-testid="zone-save">
            {editor.isBusy ? '正在保存…' : '保存草稿'}
          </button>
          <button
            type="button"
            className="primary-button"
            disabled={editor.isBusy}
            onClick={() => void editor.submit()}
            data-testid="zone-submit"
          >
            提交审定
          </button>
        </div>
      )}
    </form>
  )
}

/** The plots offered: those of the county in a state a zone may protect, plus those already in the zone. */
function choicesOf(
  items: PlotChoice[],
  inZone: { id: number; code: string; name: string; statusName?: string }[],
  chosen: number[],
): PlotChoice[] {
  const allowed: readonly string[] = ZONE_PLOT_STATUSES
  const offered = items.filter((p) => allowed.includes(p.status) || chosen.includes(p.id))
  for (const p of inZone) {
    if (!offered.some((o) => o.id === p.id))
      offered.push({ id: p.id, code: p.code, name: p.name, adcode: '', status: '', statusName: p.statusName ?? '' })
  }
  return offered.sort((a, b) => allowed.indexOf(a.status) - allowed.indexOf(b.status) || a.code.localeCompare(b.code))
}
