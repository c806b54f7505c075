import { formatMuHa } from './parcel-geometry'
import { MIN_EDIT_ZOOM, type EditTool, type ParcelEditor } from './use-parcel-editor'
import './editing.css'

const TOOLS: { id: Exclude<EditTool, 'none'>; label: string; hint: string }[] = [
  { id: 'select', label: '选择修改', hint: '点击图斑后拖动节点、在边中点插入节点、右键节点删除，拖动图斑整体移动' },
  { id: 'draw', label: '绘制新图斑', hint: '单击添加节点，单击第一个节点闭合；自动吸附相邻图斑的节点和边' },
  { id: 'split', label: '分割', hint: '点击图斑，再画一条穿过它的分割线' },
  { id: 'merge', label: '合并', hint: '依次点击两个或多个相邻图斑' },
  { id: 'delete', label: '删除', hint: '点击要删除的图斑' },
]

/** Props of {@link EditToolbar}. */
export interface EditToolbarProps {
  editor: ParcelEditor
}

/** The edit toolbar on the map: the tools, 撤销/重做, the live area while drawing and the zoom notice. */
export function EditToolbar({ editor }: EditToolbarProps) {
  const isDisabled = !editor.isZoomOk || !editor.isReady
  const active = TOOLS.find((t) => t.id === editor.tool)
  return (
    <div className="edit-toolbar" data-testid="edit-toolbar">
      <div className="edit-toolbar__row" role="toolbar" aria-label="图斑编辑工具">
        {TOOLS.map((tool) => (
          <button
            key={tool.id}
            type="button"
            className={`edit-tool${editor.tool === tool.id ? ' edit-tool--active' : ''}`}
            aria-pressed={editor.tool === tool.id}
            disabled={isDisabled}
            title={tool.hint}
            onClick={() => editor.setTool(tool.id)}
            data-testid={`edit-tool-${tool.id}`}
          >
            {tool.label}
          </button>
        ))}
        <span className="edit-toolbar__sep" aria-hidden="true" />
        <button
          type="button"
          className="edit-tool"
          disabled={!editor.history.canUndo}
          onClick={editor.undo}
          title="撤销（Ctrl+Z）"
          data-testid="edit-undo"
        >
          撤销
        </button>
        <button
          type="button"
          className="edit-tool"
          disabled={!editor.history.canRedo}
          onClick={editor.redo}
          title="重做（Ctrl+Y）"
          data-testid="edit-redo"
        >
          重做
        </button>
      </div>
      {!editor.isZoomOk && (
        <p className="edit-toolbar__note" data-testid="edit-zoom-notice">
          请放大到 {MIN_EDIT_ZOOM} 级以上再编辑图斑（当前 {editor.zoom.toFixed(1)} 级）
        </p>
      )}
      {editor.isZoomOk && active && <p className="edit-toolbar__note">{active.hint}</p>}
      {editor.liveAreaM2 !== null && (
        <p className="edit-toolbar__area" data-testid="edit-live-area" aria-live="polite">
          面积 {formatMuHa(editor.liveAreaM2)}
        </p>
      )}
    </div>
  )
}
