import { useEffect, useMemo, useRef, useState } from 'react'
import type { LegendItem } from '@contracts/map'
import { MAP_PRINT_TITLE_MAX, MAP_PRINT_UNIT_MAX, type MapPrintSheet } from '@contracts/map-print'
import { todayInChina } from '@contracts/fields'
import {
  ORIENTATION_NAME,
  PAPERS,
  PRINT_DPI,
  layoutSheet,
  mmToPx,
  paperSize,
  printFileName,
  scaleLabel,
  type Orientation,
  type Paper,
} from '../../../../server/src/domain/map-print-layout.ts'
import type { MapSnapshot } from '../../map/map-camera'
import { Dialog } from '../../shared/ui/dialog'
import { FormError } from '../../shared/ui/form-error'
import { errorMessage } from '../../shared/error-message'
import { cropToFrame } from './print-crop'
import { canvasPng, downloadFile, fetchMapPrintPdf } from './print-api'
import { drawFrame, drawSheet } from './print-sheet'

/** Resolution of the preview in the dialog (the sheet itself is made at {@link PRINT_DPI}). */
const PREVIEW_DPI = 48

type Format = 'pdf' | 'png'

/** Props of {@link PrintDialog}. */
export interface PrintDialogProps {
  snapshot: MapSnapshot
  legend: LegendItem[]
  defaultTitle: string
  defaultUnit: string
  onClose: () => void
}

/**
 * 打印/导出地图: paper, orientation, title, unit and format, with a preview of the sheet (the view cut to the
 * frame, the legend of the layers shown, scale bar and 1:N); 导出 downloads the PDF (made by the server, fonts
 * embedded) or the PNG (drawn here, {@link PRINT_DPI} dpi).
 */
export function PrintDialog({ snapshot, legend, defaultTitle, defaultUnit, onClose }: PrintDialogProps) {
  const [cssWidth, cssHeight] = snapshot.cssSize
  const [paper, setPaper] = useState<Paper>('A4')
  const [orientation, setOrientation] = useState<Orientation>(cssWidth >= cssHeight ? 'landscape' : 'portrait')
  const [title, setTitle] = useState(defaultTitle)
  const [unit, setUnit] = useState(defaultUnit)
  const [format, setFormat] = useState<Format>('pdf')
  const [isBusy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const preview = useRef<HTMLCanvasElement>(null)

  const plan = useMemo(() => {
    const { width, height } = paperSize(paper, orientation)
    const probe = layoutSheet({
      paper,
      orientation,
      title: '',
      unit: '',
      date: todayInChina(),
      legend: [],
      bbox: snapshot.bbox,
    })
    const aspect = probe.frame.width / probe.frame.height
    const crop = cropToFrame(snapshot.bbox, snapshot.picture.width, snapshot.picture.height, aspect)
    const sheet: MapPrintSheet = {
      paper,
      orientation,
      title: title.trim() || defaultTitle,
      unit: unit.trim() || defaultUnit,
      date: todayInChina(),
      bbox: crop.bbox,
      legend,
    }
    const picture = { image: snapshot.picture, sx: crop.sx, sy: crop.sy, sw: crop.sw, sh: crop.sh }
    return { sheet, layout: layoutSheet(sheet), picture, width, height }
  }, [paper, orientation, title, unit, snapshot, legend, defaultTitle, defaultUnit])

  useEffect(() => {
    if (preview.current) drawSheet(preview.current, plan.layout, PREVIEW_DPI, plan.picture)
  }, [plan])

  const problem =
    title.trim().length > MAP_PRINT_TITLE_MAX
      ? `图名最多 ${MAP_PRINT_TITLE_MAX} 个字`
      : unit.trim().length > MAP_PRINT_UNIT_MAX
        ? `制图单位最多 ${MAP_PRINT_UNIT_MAX} 个字`
        : null

  async function exportSheet() {
    setBusy(true)
    setError(null)
    try {
      const canvas = document.createElement('canvas')
      const { sheet, layout, picture } = plan
      if (format === 'png') {
        drawSheet(canvas, layout, PRINT_DPI, picture)
        downloadFile(await canvasPng(canvas), printFileName(sheet, 'png').utf8)
      } else {
        drawFrame(canvas, layout, PRINT_DPI, picture)
        downloadFile(await fetchMapPrintPdf(sheet, await canvasPng(canvas)), printFileName(sheet, 'pdf').utf8)
      }
      onClose()
    } catch (e) {
      setError(errorMessage(e, '导出失败，请稍后重试'))
    } finally {
      setBusy(false)
    }
  }

  const pixels = `${mmToPx(plan.width)} × ${mmToPx(plan.height)} 像素`
  return (
    <Dialog title="打印/导出地图" onClose={onClose} testId="print-dialog" isWide>
      <div className="dialog__body print-dialog">
        <div className="print-dialog__form">
          <div className="print-dialog__row">
            <label className="form-field">
              <span className="form-field__label">纸张</span>
              <select
                className="text-input"
                value={paper}
                onChange={(e) => setPaper(e.target.value as Paper)}
                data-testid="print-paper"
              >
                {PAPERS.map((p) => (
                  <option key={p} value={p}>
                    {p}
                  </option>
                ))}
              </select>
            </label>
            <label className="form-field">
              <span className="form-field__label">方向</span>
              <select
                className="text-input"
                value={orientation}
                onChange={(e) => setOrientation(e.target.value as Orientation)}
                data-testid="print-orientation"
              >
                {(Object.keys(ORIENTATION_NAME) as Orientation[]).map((o) => (
                  <option key={o} value={o}>
                    {ORIENTATION_NAME[o]}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <label className="form-field">
            <span className="form-field__label">图名</span>
            <input
              className="text-input"
              value={title}
              maxLength={MAP_PRINT_TITLE_MAX + 10}
              onChange={(e) => setTitle(e.target.value)}
              data-testid="print-title"
            />
          </label>
          <label className="form-field">
            <span className="form-field__label">制图单位</span>
            <input
              className="text-input"
              value={unit}
              maxLength={MAP_PRINT_UNIT_MAX + 10}
              onChange={(e) => setUnit(e.target.value)}
              data-testid="print-unit"
            />
          </label>
          <fieldset className="print-dialog__formats">
            <legend className="form-field__label">格式</legend>
            <label>
              <input
                type="radio"
                checked={format === 'pdf'}
                onChange={() => setFormat('pdf')}
                data-testid="print-pdf"
              />
              PDF（矢量文字，嵌入中文字体）
            </label>
            <label>
              <input
                type="radio"
                checked={format === 'png'}
                onChange={() => setFormat('png')}
                data-testid="print-png"
              />
              PNG 图片（{PRINT_DPI} dpi，{pixels}）
            </label>
          </fieldset>
          <p className="print-dialog__scale" data-testid="print-scale">
            {scaleLabel(plan.layout.scaleDenominator)}
            <span>按图框宽度、在图幅中心按 CGCS2000 椭球面计算；图框内为当前地图视图的中间部分。</span>
          </p>
          <FormError message={problem ?? error} testId="print-error" />
          <div className="form-actions">
            <button type="button" className="secondary-button" onClick={onClose}>
              取消
            </button>
            <button
              type="button"
              className="primary-button"
              disabled={isBusy || problem !== null}
              onClick={() => void exportSheet()}
              data-testid="print-export"
            >
              {isBusy ? '正在生成…' : format === 'pdf' ? '导出 PDF' : '导出 PNG'}
            </button>
          </div>
        </div>
        <figure className="print-dialog__preview">
          <canvas ref={preview} data-testid="print-preview" aria-label="出图预览" />
          <figcaption>
            预览：{paper} {ORIENTATION_NAME[orientation]}（{plan.width} × {plan.height} 毫米）
          </figcaption>
        </figure>
      </div>
    </Dialog>
  )
}
