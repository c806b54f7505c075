import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const CLIENT = path.resolve(import.meta.dirname, '../../client/src')

function sourcesIn(folder: string): string[] {
  return fs
    .readdirSync(path.join(CLIENT, folder), { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.tsx?$/.test(f))
    .map((f) => path.join(CLIENT, folder, f))
}

/** The packages a file imports (bare specifiers). */
function packagesOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8')
  return [...text.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+['"]([^'"./][^'"]*)['"]/gm)].map((m) => m[1])
}

describe('the one map seam of the client', () => {
  it.each(['features', 'app', 'shared'])(
    'when the files of %s/ are read, then none imports maplibre-gl or terra-draw (the map module wraps both)',
    (folder) => {
      const offending = sourcesIn(folder).flatMap((file) =>
        packagesOf(file)
          .filter((p) => /^(maplibre-gl|terra-draw)/.test(p))
          .map((p) => `${path.relative(CLIENT, file)} → ${p}`),
      )
      expect(offending).toEqual([])
    },
  )

  it('when the client is read, then only map/draw-controller.ts creates a TerraDraw (one drawing store per map, with named modes)', () => {
    const creators = [...sourcesIn('features'), ...sourcesIn('app'), ...sourcesIn('map')]
      .filter((file) => /new TerraDraw\(/.test(fs.readFileSync(file, 'utf8')))
      .map((file) => path.relative(CLIENT, file))
    expect(creators).toEqual(['map/draw-controller.ts'])
  })

  it('when the client is read, then the MapLibre map of MapClient is private (features call its named methods)', () => {
    const text = fs.readFileSync(path.join(CLIENT, 'map/map-client.ts'), 'utf8')
    expect(text).toMatch(/^\s*private readonly map: MaplibreMap$/m)
    const direct = [...sourcesIn('features'), ...sourcesIn('app')]
      .filter((file) => /\bclient\??\.map\b(?!\s*\()/.test(fs.readFileSync(file, 'utf8')))
      .map((file) => path.relative(CLIENT, file))
    expect(direct).toEqual([])
  })
})
