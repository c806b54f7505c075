import { useEffect } from 'react'
import type { MeasureKind } from './measure-state'
import type { Measure } from './use-measure'
import './measure.css'

const TOOLS: { kind: MeasureKind; label: string; hint: string }[] = [
  { kind: 'distance', label: '测距离', hint: '在地图上依次点选各点，双击或再点最后一点结束；自动吸附图斑、地块的拐点' },
  { kind: 'area', label: '测面积', hint: '在地图上依次点选拐点，双击或点第一个点闭合；自动吸附图斑、地块的拐点' },
]

/** Props of {@link MeasureTool}. */
export interface MeasureToolProps {
  measure: Measure
  /** False while another tool holds the map click (the measure is then switched off). */
  isEnabled: boolean
}

/** The 测量 buttons on the map, the hint while placing points and the result (on the ellipsoid). */
export function MeasureTool({ measure, isEnabled }: MeasureToolProps) {
  const { state, readout, toggle, clear, stop } = measure
  useEffect(() => {
    if (!isEnabled) stop()
  }, [isEnabled, stop])
  const active = TOOLS.find((t) => t.kind === state.kind)

  return (
    <div className="measure-tool" data-testid="measure-tool">
      <div className="measure-tool__row" role="toolbar" aria-label="测量">
        {TOOLS.map((tool) => (
          <button
            key={tool.kind}
            type="button"
            className={`measure-tool__button${state.kind === tool.kind ? ' measure-tool__button--active' : ''}`}
            aria-pressed={state.kind === tool.kind}
            disabled={!isEnabled}
            title={tool.hint}
            onClick={() => toggle(tool.kind)}
            data-testid={`measure-${tool.kind}`}
          >
            {tool.label}
          </button>
        ))}
        {active && (
          <button
            type="button"
            className="measure-tool__button"
            onClick={clear}
            title="清除测量（Esc）"
            data-testid="measure-clear"
          >
            清除
          </button>
        )}
      </div>
      {active && (
        <p className="measure-tool__readout" data-testid="measure-readout" aria-live="polite">
          {readout ?? active.hint}
        </p>
      )}
    </div>
  )
}
