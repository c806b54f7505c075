import './attribute-table.css'

/** The 属性表 button on the map: opens and closes the attribute table of the farmland parcels. */
export function AttributeTableToggle({ isOpen, onToggle }: { isOpen: boolean; onToggle: () => void }) {
  return (
    <button
      type="button"
      className="attr-table-toggle"
      aria-pressed={isOpen}
      title={isOpen ? '关闭耕地图斑属性表' : '打开耕地图斑属性表：筛选、排序、定位和导出'}
      onClick={onToggle}
      data-testid="attr-toggle"
    >
      属性表
    </button>
  )
}
