import type { LayerGroup } from '@contracts/map'
import { LayerGroupItem } from './layer-group-item'

/** Props of {@link LayerPanel}. */
export interface LayerPanelProps {
  groups: LayerGroup[]
  visibility: Record<string, boolean>
  onToggle: (groupId: string, visible: boolean) => void
}

/** The layer switcher with the legend of each group inline. */
export function LayerPanel({ groups, visibility, onToggle }: LayerPanelProps) {
  return (
    <section className="panel-section panel-section--grow" aria-labelledby="layer-panel-title">
      <h2 id="layer-panel-title" className="panel-section__title">
        图层与图例
      </h2>
      {groups.length === 0 ? (
        <p className="panel-note">正在加载图层…</p>
      ) : (
        <ul className="layer-list" data-testid="legend">
          {groups.map((group) => (
            <LayerGroupItem
              key={group.id}
              group={group}
              visible={visibility[group.id] ?? group.visible}
              onToggle={onToggle}
            />
          ))}
        </ul>
      )}
    </section>
  )
}
