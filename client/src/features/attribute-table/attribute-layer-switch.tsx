import type { AttributeLayer } from '@contracts/attribute-table'

/** The layers with an attribute table, as the layer panel names them. */
export const TABLE_LAYERS: readonly { id: AttributeLayer; name: string }[] = [
  { id: 'parcel', name: '耕地图斑' },
  { id: 'contaminated-plot', name: '污染地块' },
  { id: 'monitoring-point', name: '监测点位' },
]

/** The layer switch at the head of the attribute table: 耕地图斑, 污染地块 or 监测点位. */
export function AttributeLayerSwitch({
  layer,
  onLayer,
}: {
  layer: AttributeLayer
  onLayer: (layer: AttributeLayer) => void
}) {
  return (
    <select
      className="attr-table__select attr-table__layer"
      aria-label="属性表图层"
      value={layer}
      onChange={(e) => onLayer(e.target.value as AttributeLayer)}
      data-testid="attr-layer"
    >
      {TABLE_LAYERS.map((l) => (
        <option key={l.id} value={l.id}>
          {l.name}
        </option>
      ))}
    </select>
  )
}
