import {
  mmToPx,
  type SheetLayout,
  type SheetShape,
  type SheetText,
} from '../../../../server/src/domain/map-print-layout.ts'
import { CJK_FONT_FAMILY } from '../../map/map-client'

/** Baseline of a line below its top, in ems: the ascender of Noto Sans SC, where the PDF puts it too. */
const BASELINE_EM = 1.16

function tracePath(ctx: CanvasRenderingContext2D, shape: SheetShape, px: (mm: number) => number): void {
  ctx.beginPath()
  if (shape.type === 'rect') ctx.rect(px(shape.x), px(shape.y), px(shape.width), px(shape.height))
  else if (shape.type === 'circle') ctx.arc(px(shape.cx), px(shape.cy), px(shape.r), 0, Math.PI * 2)
  else {
    shape.points.forEach(([x, y], i) => (i === 0 ? ctx.moveTo(px(x), px(y)) : ctx.lineTo(px(x), px(y))))
    if (shape.type === 'polygon') ctx.closePath()
  }
}

function drawShape(ctx: CanvasRenderingContext2D, shape: SheetShape, px: (mm: number) => number): void {
  tracePath(ctx, shape, px)
  if (shape.fill) {
    ctx.globalAlpha = shape.opacity ?? 1
    ctx.fillStyle = shape.fill
    ctx.fill()
    ctx.globalAlpha = 1
  }
  if (shape.stroke) {
    ctx.lineWidth = Math.max(1, px(shape.lineMm ?? 0.2))
    ctx.strokeStyle = shape.stroke
    ctx.stroke()
  }
}

function drawText(ctx: CanvasRenderingContext2D, t: SheetText, px: (mm: number) => number): void {
  ctx.font = `${t.isBold ? 700 : 400} ${px(t.fontMm)}px ${CJK_FONT_FAMILY}`
  ctx.fillStyle = t.isMuted ? '#616161' : '#212121'
  ctx.textAlign = t.align
  ctx.textBaseline = 'alphabetic'
  const x = t.align === 'left' ? t.x : t.align === 'center' ? t.x + t.width / 2 : t.x + t.width
  ctx.fillText(t.text, px(x), px(t.y + t.fontMm * BASELINE_EM), px(t.width))
}

/**
 * Draws a sheet on `canvas` at `dpi` (the canvas is sized to the paper): white paper, the map picture in the frame
 * (the `crop` of `picture`), then the shapes and texts of the layout, as the server's PDF draws them.
 */
export function drawSheet(
  canvas: HTMLCanvasElement,
  layout: SheetLayout,
  dpi: number,
  picture: { image: CanvasImageSource; sx: number; sy: number; sw: number; sh: number } | null,
): void {
  const px = (mm: number) => (mm / 25.4) * dpi
  canvas.width = mmToPx(layout.width, dpi)
  canvas.height = mmToPx(layout.height, dpi)
  const ctx = canvas.getContext('2d')
  if (!ctx) return
  ctx.fillStyle = '#ffffff'
  ctx.fillRect(0, 0, canvas.width, canvas.height)
  const { frame } = layout
  if (picture) {
    ctx.imageSmoothingQuality = 'high'
    const { image, sx, sy, sw, sh } = picture
    ctx.drawImage(image, sx, sy, sw, sh, px(frame.x), px(frame.y), px(frame.width), px(frame.height))
  }
  for (const shape of layout.shapes) drawShape(ctx, shape, px)
  for (const text of layout.texts) drawText(ctx, text, px)
}

/** The map picture alone, sized to the frame at `dpi`, as the PDF embeds it. */
export function drawFrame(
  canvas: HTMLCanvasElement,
  layout: SheetLayout,
  dpi: number,
  picture: { image: CanvasImageSource; sx: number; sy: number; sw: number; sh: number },
): void {
  canvas.width = mmToPx(layout.frame.width, dpi)
  canvas.height = mmToPx(layout.frame.height, dpi)
  const ctx = canvas.getContext('2d')
  if (!ctx) return
  ctx.imageSmoothingQuality = 'high'
  const { image, sx, sy, sw, sh } = picture
  ctx.drawImage(image, sx, sy, sw, sh, 0, 0, canvas.width, canvas.height)
}
