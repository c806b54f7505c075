import { describe, expect, it } from 'vitest'
import { buildStyle } from '../../server/src/tiles/style.ts'

describe('the township and county names on the map', () => {
  const layers = buildStyle('http://x', () => 1).layers as { id: string; layout?: Record<string, unknown> }[]
  const index = (id: string) => layers.findIndex((l) => l.id === id)
  const layout = (id: string) => layers[index(id)].layout ?? {}

  it('when both are drawn, then the county name lies above the township names and is placed first', () => {
    expect(index('county-label')).toBeGreaterThan(index('township-label'))
  })

  it.each(['township-label', 'county-label'])(
    'when %s meets another name, then it neither overprints nor is overprinted',
    (id) => {
      expect(layout(id)).toMatchObject({ 'text-allow-overlap': false, 'text-ignore-placement': false })
      expect(layout(id)['text-padding']).toBeGreaterThanOrEqual(6)
    },
  )

  it('when a township name would collide, then it may move to another side of its point', () => {
    expect(layout('township-label')['text-variable-anchor']).toEqual(['center', 'top', 'bottom', 'left', 'right'])
  })
})
