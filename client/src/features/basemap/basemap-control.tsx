import { useState } from 'react'
import type { BasemapChoice, BasemapKind } from '../../shared/api-types'
import { loadTiandituKey, saveTiandituKey } from './tianditu-key'

/** Props of {@link BasemapControl}. */
export interface BasemapControlProps {
  value: BasemapChoice
  onChange: (choice: BasemapChoice) => void
}

const OPTIONS: { kind: BasemapKind; label: string }[] = [
  { kind: 'none', label: '无底图' },
  { kind: 'osm', label: 'OpenStreetMap' },
  { kind: 'tianditu', label: '天地图' },
]

/** Chooses the basemap; 天地图 asks for the user's key and keeps it in this browser. */
export function BasemapControl({ value, onChange }: BasemapControlProps) {
  const [keyDraft, setKeyDraft] = useState(loadTiandituKey)

  const applyKey = () => {
    const key = keyDraft.trim()
    saveTiandituKey(key)
    onChange({ kind: 'tianditu', tiandituKey: key })
  }

  return (
    <section className="panel-section panel-section--footer" aria-labelledby="basemap-title">
      <h2 id="basemap-title" className="panel-section__title">
        底图
      </h2>
      <select
        className="basemap-select"
        data-testid="basemap-select"
        aria-label="底图"
        value={value.kind}
        onChange={(event) => {
          const kind = event.target.value as BasemapKind
          onChange(kind === 'tianditu' ? { kind, tiandituKey: loadTiandituKey() } : { kind })
        }}
      >
        {OPTIONS.map((option) => (
          <option key={option.kind} value={option.kind}>
            {option.label}
          </option>
        ))}
      </select>
      {value.kind === 'tianditu' && (
        <form
          className="tianditu-key"
          onSubmit={(event) => {
            event.preventDefault()
            applyKey()
          }}
        >
          <label className="field-label" htmlFor="tianditu-key">
            天地图密钥
          </label>
          <div className="tianditu-key__row">
            <input
              id="tianditu-key"
              className="text-input"
              data-testid="tianditu-key"
              value={keyDraft}
              placeholder="请输入天地图 Web 服务密钥（tk）"
              autoComplete="off"
              spellCheck={false}
              onChange={(event) => setKeyDraft(event.target.value)}
            />
            <button type="submit" className="text-button">
              应用
            </button>
          </div>
          {!value.tiandituKey && <p className="panel-note">密钥仅保存在本浏览器中，可在天地图官网申请。</p>}
        </form>
      )}
      {value.kind === 'none' && <p className="panel-note">无底图时系统可完全离线使用。</p>}
    </section>
  )
}
