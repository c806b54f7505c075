import type { LayerGroup } from '@contracts/map'
import { LegendSwatch } from './legend-swatch'

/** Props of {@link LayerGroupItem}. */
export interface LayerGroupItemProps {
  group: LayerGroup
  visible: boolean
  onToggle: (groupId: string, visible: boolean) => void
}

/** One layer group: a checkbox that shows or hides it, and its legend underneath. */
export function LayerGroupItem({ group, visible, onToggle }: LayerGroupItemProps) {
  return (
    <li className={visible ? 'layer-group' : 'layer-group layer-group--hidden'}>
      <label className="layer-group__toggle">
        <input
          type="checkbox"
          checked={visible}
          data-testid={`layer-toggle-${group.id}`}
          onChange={(event) => onToggle(group.id, event.target.checked)}
        />
        <span className="layer-group__name">{group.name}</span>
      </label>
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
