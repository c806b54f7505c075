import type { MapPrintSheet } from '@contracts/map-print'
import { postForFile } from '../../shared/api-client'

/** `POST /api/map-prints`: the sheet settings and the frame's map picture (PNG) in, the sheet as a PDF out. */
export function fetchMapPrintPdf(sheet: MapPrintSheet, framePng: Blob): Promise<Blob> {
  const form = new FormData()
  form.append('sheet', JSON.stringify(sheet))
  form.append('file', framePng, 'map.png')
  return postForFile('/api/map-prints', form)
}

/** Hands a file to the browser as a download named `fileName`. */
export function downloadFile(file: Blob, fileName: string): void {
  const url = URL.createObjectURL(file)
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}

/** A canvas as a PNG file. */
export function canvasPng(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('无法生成图片'))), 'image/png'),
  )
}
