import './attribute-table.css'

/** The 属性表 button on the map: opens and closes the attribute table (耕地图斑, 污染地块 or 监测点位). */
export function AttributeTableToggle({ isOpen, onToggle }: { isOpen: boolean; onToggle: () => void }) {
  return (
    <button
      type="button"
      className="attr-table-toggle"
      aria-pressed={isOpen}
      title={isOpen ? '关闭属性表' : '打开属性表（耕地图斑、污染地块、监测点位）：筛选、排序、定位和导出'}
      onClick={onToggle}
      data-testid="attr-toggle"
    >
      属性表
    </button>
  )
}
