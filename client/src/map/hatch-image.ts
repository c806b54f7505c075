/** Id of the diagonal hatch used by `fill-pattern` of 管控区域. */
export const HATCH_IMAGE_ID = 'hatch-control-zone'

/** Device pixels per CSS pixel of the hatch image. */
export const HATCH_PIXEL_RATIO = 2

const SIZE = 24
const PERIOD = 12
const HALF_WIDTH = 1.6
const COLOR: [number, number, number, number] = [232, 89, 12, 235]

/**
 * Draws a seamless tile of red-orange diagonal lines on a transparent background, as RGBA pixels
 * (not premultiplied), for `map.addImage` with `pixelRatio` {@link HATCH_PIXEL_RATIO}.
 */
export function createHatchImage(): { width: number; height: number; data: Uint8ClampedArray } {
  const data = new Uint8ClampedArray(SIZE * SIZE * 4)
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      const offset = (x + y + 1) % PERIOD
      const distance = Math.min(offset, PERIOD - offset) / Math.SQRT2
      const coverage = Math.max(0, Math.min(1, HALF_WIDTH + 0.5 - distance))
      const i = (y * SIZE + x) * 4
      data[i] = COLOR[0]
      data[i + 1] = COLOR[1]
      data[i + 2] = COLOR[2]
      data[i + 3] = Math.round(COLOR[3] * coverage)
    }
  }
  return { width: SIZE, height: SIZE, data }
}
