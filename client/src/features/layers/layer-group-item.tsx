import type { LayerGroup } from '@contracts/map'
import { LegendSwatch } from './legend-swatch'
import './layers.css'

/** Props of {@link LayerGroupItem}. */
export interface LayerGroupItemProps {
  group: LayerGroup
  visible: boolean
  onToggle: (groupId: string, visible: boolean) => void
  opacityPercent?: number
  onOpacity?: (groupId: string, percent: number) => void
  onMove?: (groupId: string, step: -1 | 1) => void
  /** The top row: it cannot move up. */
  isFirst?: boolean
  /** The bottom row: it cannot move down. */
  isLast?: boolean
  /** Opens the group's attribute table (属性表); without it the row has no 属性表 button. */
  onOpenTable?: (groupId: string) => void
}

/** One layer group: a checkbox that shows or hides it, up and down, its opacity, and its legend underneath. */
export function LayerGroupItem(props: LayerGroupItemProps) {
  const { group, visible, onToggle, opacityPercent = 100, onOpacity, onMove, isFirst, isLast, onOpenTable } = props
  return (
    <li className={visible ? 'layer-group' : 'layer-group layer-group--hidden'} data-testid={`layer-row-${group.id}`}>
      <div className="layer-group__head">
        <label className="layer-group__toggle">
          <input
            type="checkbox"
            checked={visible}
            data-testid={`layer-toggle-${group.id}`}
            onChange={(event) => onToggle(group.id, event.target.checked)}
          />
          <span className="layer-group__name">{group.name}</span>
        </label>
        {onOpenTable && (
          <button
            type="button"
            className="link-button layer-group__table"
            title={`打开“${group.name}”的属性表`}
            onClick={() => onOpenTable(group.id)}
            data-testid={`layer-table-${group.id}`}
          >
            属性表
          </button>
        )}
        {onMove && (
          <span className="layer-group__move">
            <button
              type="button"
              className="icon-button"
              aria-label={`上移“${group.name}”（画在上一图层之上）`}
              title="上移"
              disabled={isFirst}
              onClick={() => onMove(group.id, -1)}
              data-testid={`layer-up-${group.id}`}
            >
              ↑
            </button>
            <button
              type="button"
              className="icon-button"
              aria-label={`下移“${group.name}”（画在下一图层之下）`}
              title="下移"
              disabled={isLast}
              onClick={() => onMove(group.id, 1)}
              data-testid={`layer-down-${group.id}`}
            >
              ↓
            </button>
          </span>
        )}
      </div>
      {onOpacity && (
        <label className="layer-group__opacity">
          <span>不透明度</span>
          <input
            type="range"
            min={0}
            max={100}
            step={5}
            value={opacityPercent}
            aria-label={`“${group.name}”不透明度`}
            aria-valuetext={`${opacityPercent}%`}
            onChange={(event) => onOpacity(group.id, Number(event.target.value))}
            data-testid={`layer-opacity-${group.id}`}
          />
          <output>{opacityPercent}%</output>
        </label>
      )}
      {group.legend.length > 0 && (
        <ul className="legend-list" aria-label={`${group.name}图例`}>
          {group.legend.map((item) => (
            <li key={`${item.kind}-${item.label}`} className="legend-item">
              <LegendSwatch item={item} />
              <span>{item.label}</span>
            </li>
          ))}
        </ul>
      )}
    </li>
  )
}
