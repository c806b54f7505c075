import { describe, expect, it } from 'vitest'
import { cropToFrame } from '../../client/src/features/print/print-crop.ts'
import { groundWidthM, mercatorMidLatitude } from '../../server/src/domain/map-print-layout.ts'

/** A view of 1200 × 800 pixels, 0.2° wide, as MapLibre's bounds give it at 28.5° N (y stretched by Mercator). */
const VIEW: [number, number, number, number] = [112.3, 28.4, 112.5, 28.5]

describe('the part of the view a print frame shows', () => {
  it('when the view is wider than the frame, then the full height is kept and the sides are cut evenly', () => {
    const crop = cropToFrame(VIEW, 1200, 800, 1)
    for (const [key, px] of Object.entries({ sx: 200, sy: 0, sw: 800, sh: 800 }))
      expect(crop[key as 'sx'], key).toBeCloseTo(px, 6)
    expect(crop.bbox[0]).toBeCloseTo(112.3 + 0.2 / 6, 9)
    expect(crop.bbox[2]).toBeCloseTo(112.5 - 0.2 / 6, 9)
    expect(crop.bbox[1]).toBeCloseTo(28.4, 9)
    expect(crop.bbox[3]).toBeCloseTo(28.5, 9)
  })

  it('when the view is taller than the frame, then the full width is kept and top and bottom are cut about the Mercator middle', () => {
    const crop = cropToFrame(VIEW, 1200, 800, 3)
    for (const [key, px] of Object.entries({ sx: 0, sy: 200, sw: 1200, sh: 400 }))
      expect(crop[key as 'sx'], key).toBeCloseTo(px, 6)
    expect(crop.bbox[0]).toBeCloseTo(112.3, 9)
    expect(crop.bbox[2]).toBeCloseTo(112.5, 9)
    expect(mercatorMidLatitude(crop.bbox[1], crop.bbox[3])).toBeCloseTo(mercatorMidLatitude(28.4, 28.5), 9)
    expect(crop.bbox[3] - crop.bbox[1]).toBeCloseTo(0.05, 4)
  })

  it('when the crop is 2:1 of a 3:2 view, then the full width and its ground are kept', () => {
    const crop = cropToFrame(VIEW, 1200, 800, 2)
    expect(crop.sw).toBeCloseTo(1200, 6)
    expect(groundWidthM(crop.bbox)).toBeCloseTo(groundWidthM(VIEW), 3)
  })

  it('when a wide frame cuts a square view, then the ground across the frame shrinks by the share of the width kept', () => {
    const square: [number, number, number, number] = [112.3, 28.4, 112.4, 28.5]
    const crop = cropToFrame(square, 800, 800, 0.5)
    expect(crop.sw).toBeCloseTo(400, 6)
    expect(groundWidthM(crop.bbox) / groundWidthM(square)).toBeCloseTo(0.5, 6)
  })
})
