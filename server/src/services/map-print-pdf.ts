import PDFDocument from 'pdfkit'
import type { MapPrintSheet } from '../../../contracts/map-print.ts'
import { AppError } from '../domain/errors.ts'
import {
  ORIENTATION_NAME,
  layoutSheet,
  mmToPt,
  type SheetLayout,
  type SheetShape,
  type SheetText,
} from '../domain/map-print-layout.ts'
import { fonts } from './precheck-report-pdf.ts'

type Doc = PDFKit.PDFDocument

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
/** Most pixels a map picture may have (an A3 frame at 300 dpi is about 12 million). */
const MAX_IMAGE_PIXELS = 30_000_000
/** How far the picture's width:height may differ from the frame's before the map would be stretched. */
const ASPECT_TOLERANCE = 0.03

/** Width and height of a PNG from its header, or null when the bytes are not a PNG. */
function pngSize(png: Uint8Array): { width: number; height: number } | null {
  const bytes = Buffer.from(png.buffer, png.byteOffset, png.byteLength)
  if (bytes.length < 33 || !bytes.subarray(0, 8).equals(PNG_SIGNATURE) || bytes.toString('latin1', 12, 16) !== 'IHDR')
    return null
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) }
}

/** Refuses a map picture that is not a PNG, too large, or of another shape than the frame it fills. */
function checkMapImage(png: Uint8Array, layout: SheetLayout): void {
  const size = pngSize(png)
  if (!size || size.width < 16 || size.height < 16)
    throw new AppError('VALIDATION', '地图图片应为 PNG 格式，请在地图页面重新生成', {
      field: 'file',
      reason: 'NOT_PNG',
    })
  if (size.width * size.height > MAX_IMAGE_PIXELS)
    throw new AppError(
      'VALIDATION',
      `地图图片像素过多（${size.width}×${size.height}），最多 ${MAX_IMAGE_PIXELS / 1e6} 百万像素`,
      { field: 'file', reason: 'IMAGE_TOO_LARGE' },
    )
  const frameAspect = layout.frame.width / layout.frame.height
  if (Math.abs(size.width / size.height / frameAspect - 1) > ASPECT_TOLERANCE)
    throw new AppError(
      'VALIDATION',
      `地图图片的宽高比（${size.width}×${size.height}）与所选纸张和方向的图框不符，请重新生成`,
      { field: 'file', reason: 'ASPECT_MISMATCH' },
    )
}

function drawShape(doc: Doc, shape: SheetShape): void {
  doc.save()
  if (shape.type === 'rect') doc.rect(mmToPt(shape.x), mmToPt(shape.y), mmToPt(shape.width), mmToPt(shape.height))
  else if (shape.type === 'circle') doc.circle(mmToPt(shape.cx), mmToPt(shape.cy), mmToPt(shape.r))
  else {
    const [first, ...rest] = shape.points.map(([x, y]) => [mmToPt(x), mmToPt(y)] as const)
    doc.moveTo(...first)
    for (const p of rest) doc.lineTo(...p)
    if (shape.type === 'polygon') doc.closePath()
  }
  if (shape.lineMm !== undefined) doc.lineWidth(mmToPt(shape.lineMm))
  if (shape.fill) doc.fillOpacity(shape.opacity ?? 1)
  if (shape.fill && shape.stroke) doc.fillAndStroke(shape.fill, shape.stroke)
  else if (shape.fill) doc.fill(shape.fill)
  else if (shape.stroke) doc.stroke(shape.stroke)
  doc.restore()
}

function drawText(doc: Doc, t: SheetText): void {
  doc
    .font(t.isBold ? 'bold' : 'regular')
    .fontSize(mmToPt(t.fontMm))
    .fillColor(t.isMuted ? '#616161' : '#212121')
    .text(t.text, mmToPt(t.x), mmToPt(t.y), { width: mmToPt(t.width), align: t.align, lineBreak: false })
}

/**
 * A printed map as a one-page PDF (pdfkit): the sheet of {@link layoutSheet} with the officer's map picture in the
 * frame. Title, legend, scale, coordinate system, unit and date are PDF text in the embedded Noto Sans SC, so a
 * reader can search and copy them; the map is the picture.
 */
export function renderMapPrint(sheet: MapPrintSheet, png: Uint8Array): Promise<Buffer> {
  const layout = layoutSheet(sheet)
  checkMapImage(png, layout)
  const doc = new PDFDocument({
    size: [mmToPt(layout.width), mmToPt(layout.height)],
    margin: 0,
    info: {
      Title: sheet.title,
      Subject: `${sheet.paper} ${ORIENTATION_NAME[sheet.orientation]} 1:${layout.scaleDenominator}`,
      Author: sheet.unit,
      Creator: '土壤环境一张图',
    },
  })
  const chunks: Buffer[] = []
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c))
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })
  doc.registerFont('regular', fonts().regular)
  doc.registerFont('bold', fonts().bold)
  const { frame } = layout
  doc.image(Buffer.from(png), mmToPt(frame.x), mmToPt(frame.y), {
    width: mmToPt(frame.width),
    height: mmToPt(frame.height),
  })
  for (const shape of layout.shapes) drawShape(doc, shape)
  for (const text of layout.texts) drawText(doc, text)
  doc.end()
  return done
}
