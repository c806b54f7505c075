import { describe, expect, it } from 'vitest'
import { sqlFile } from '../../server/src/db/sql-files.ts'
import {
  featureservPgbenchScript,
  featureservSql,
  ITEMS_STATEMENT,
  itemsPath,
  itemsPgbenchScript,
  PAGE_SIZE,
} from '../../bench/lib/ogc.ts'

const cursors = [
  { adcode: '430903', id: 1200, offset: 1200 },
  { adcode: '430903', id: 98000, offset: 97990 },
]

describe('bench: OGC items pages through pgbench', () => {
  it('runs the service page statement with the parameters of ?limit=1000&cursor=…', () => {
    const script = itemsPgbenchScript(sqlFile(ITEMS_STATEMENT), cursors, {
      rows: PAGE_SIZE + 1,
      scope: ['430903', '220322'],
    })
    const lines = script.trim().split('\n')
    expect(lines.slice(0, 7)).toEqual([
      '\\set i random(0, 1)',
      '\\set adcode CASE WHEN :i = 0 THEN 430903 WHEN :i = 1 THEN 430903 ELSE -1 END',
      '\\set id CASE WHEN :i = 0 THEN 1200 WHEN :i = 1 THEN 98000 ELSE -1 END',
      '\\set offset CASE WHEN :i = 0 THEN 1200 WHEN :i = 1 THEN 97990 ELSE -1 END',
      '\\set rows 1001',
      '\\set north false',
      '\\set srid 4490',
    ])
    expect(lines).toHaveLength(8)
    const statement = lines[7]
    expect(statement).not.toMatch(/\$\d/)
    expect(statement).not.toContain('--')
    expect(statement).toContain('(p.adcode, p.id) > (:adcode::bpchar, :id::bigint)')
    expect(statement).toContain("p.adcode = ANY (ARRAY['430903','220322']::bpchar[])")
    expect(statement).toContain('(NULL::bigint IS NULL OR p.id = NULL::bigint)')
    expect(statement).toContain(
      'NULL::float8 IS NULL OR ST_Intersects(p.geom, ST_MakeEnvelope(NULL, NULL, NULL, NULL, 4490))',
    )
    expect(statement).toContain('ST_Transform(p.geom, :srid::int)')
    expect(statement).toMatch(/CASE WHEN :north::boolean THEN/)
    expect(statement).toMatch(/ORDER BY p\.adcode, p\.id LIMIT :rows;$/)
  })

  it('reads the same pages pg_featureserv-style with OFFSET', () => {
    const lines = featureservPgbenchScript(cursors).trim().split('\n')
    expect(lines[3]).toBe('\\set offset CASE WHEN :i = 0 THEN 1200 WHEN :i = 1 THEN 97990 ELSE -1 END')
    expect(lines[4]).toMatch(/^SELECT ST_AsGeoJSON\( "geom" ,7 \) AS _geojson , "id",/)
    expect(lines[4]).toMatch(/FROM "public"\."farmland_parcel" ORDER BY "id" LIMIT 1000 OFFSET :offset;$/)
    expect(featureservSql(10, '$1')).toMatch(/LIMIT 10 OFFSET \$1$/)
  })

  it('links the page a client follows and refuses a bad cursor', () => {
    expect(itemsPath(cursors[1])).toBe('/ogc/collections/farmland-parcels/items?limit=1000&cursor=430903.98000')
    expect(() => featureservPgbenchScript([])).toThrow(/empty cursor list/)
    expect(() => featureservPgbenchScript([{ adcode: "43'903", id: 1, offset: 1 }])).toThrow(/invalid cursor/)
  })
})
