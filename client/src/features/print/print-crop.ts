import type { Bbox } from '../../../../contracts/problems.ts'

/** The part of a map picture that fills a print frame: a source rectangle in picture pixels and its extent. */
export interface FrameCrop {
  sx: number
  sy: number
  sw: number
  sh: number
  bbox: Bbox
}

const mercatorY = (lat: number) => Math.asinh(Math.tan((lat * Math.PI) / 180))
const latitudeOf = (y: number) => (Math.atan(Math.sinh(y)) * 180) / Math.PI

/**
 * The middle of a Web Mercator picture of `view` (`width`×`height` pixels) with the width:height of the frame
 * (`aspect`), as much of the view as that shape holds, and the extent of that part in degrees.
 */
export function cropToFrame(view: Bbox, width: number, height: number, aspect: number): FrameCrop {
  const [west, south, east, north] = view
  const fx = width / height > aspect ? (height * aspect) / width : 1
  const fy = width / height > aspect ? 1 : width / aspect / height
  const lonMid = (west + east) / 2
  const lonHalf = ((east - west) / 2) * fx
  const yS = mercatorY(south)
  const yN = mercatorY(north)
  const yMid = (yS + yN) / 2
  const yHalf = ((yN - yS) / 2) * fy
  return {
    sx: ((1 - fx) / 2) * width,
    sy: ((1 - fy) / 2) * height,
    sw: fx * width,
    sh: fy * height,
    bbox: [lonMid - lonHalf, latitudeOf(yMid - yHalf), lonMid + lonHalf, latitudeOf(yMid + yHalf)],
  }
}
