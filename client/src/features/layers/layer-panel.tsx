import type { LayerGroup } from '@contracts/map'
import { LayerGroupItem } from './layer-group-item'

/** Props of {@link LayerPanel}. */
export interface LayerPanelProps {
  groups: LayerGroup[]
  visibility: Record<string, boolean>
  onToggle: (groupId: string, visible: boolean) => void
  /** The group ids as drawn, top first (the groups' own order when empty). */
  order?: readonly string[]
  /** Each group's opacity in percent (100 when not set). */
  opacity?: Record<string, number>
  /** Moves a group one place up (`-1`) or down (`1`) on the map; without it the rows have no move buttons. */
  onMove?: (groupId: string, step: -1 | 1) => void
  /** Sets a group's opacity in percent; without it the rows have no opacity slider. */
  onOpacity?: (groupId: string, percent: number) => void
  /** The groups that have an attribute table (属性表), and what opens it. */
  tables?: { groupIds: readonly string[]; onOpen: (groupId: string) => void }
}

/** The layer switcher, top layer first, with each group's opacity, its move buttons and its legend. */
export function LayerPanel({
  groups,
  visibility,
  onToggle,
  order = [],
  opacity = {},
  onMove,
  onOpacity,
  tables,
}: LayerPanelProps) {
  const byId = new Map(groups.map((g) => [g.id, g]))
  const ordered = [...order.flatMap((id) => byId.get(id) ?? []), ...groups.filter((g) => !order.includes(g.id))]
  return (
    <section className="panel-section panel-section--grow" aria-labelledby="layer-panel-title">
      <h2 id="layer-panel-title" className="panel-section__title">
        图层与图例
      </h2>
      {groups.length === 0 ? (
        <p className="panel-note">正在加载图层…</p>
      ) : (
        <ul className="layer-list" data-testid="legend">
          {ordered.map((group, i) => (
            <LayerGroupItem
              key={group.id}
              group={group}
              visible={visibility[group.id] ?? group.visible}
              onToggle={onToggle}
              opacityPercent={opacity[group.id] ?? 100}
              onOpacity={onOpacity}
              onMove={onMove}
              isFirst={i === 0}
              isLast={i === ordered.length - 1}
              onOpenTable={tables?.groupIds.includes(group.id) ? tables.onOpen : undefined}
            />
          ))}
        </ul>
      )}
    </section>
  )
}
