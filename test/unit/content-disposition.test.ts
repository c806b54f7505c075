import { describe, expect, it } from 'vitest'
import { exportFileName, type ExportListHeader } from '../../server/src/domain/class-list-export.ts'
import { contentDisposition } from '../../server/src/http/content-disposition.ts'

const LIST: Pick<ExportListHeader, 'id' | 'adcode' | 'county'> = { id: 12, adcode: '430903', county: '赫山区' }

describe('download names', () => {
  it('when the name is Chinese, then Content-Disposition carries an ASCII fallback and the RFC 5987 UTF-8 name', () => {
    const d = contentDisposition(exportFileName(LIST, 'shp.zip'))
    expect(d).toBe(
      `attachment; filename="class_list_430903_12.shp.zip"; filename*=UTF-8''${encodeURIComponent('分类清单_赫山区_清单12.shp.zip')}`,
    )
  })
  it('when a name holds a quote or parentheses, then they are escaped in both forms', () => {
    const d = contentDisposition({ utf8: "清单(一)'.csv", ascii: 'a"b.csv' })
    expect(d).toContain('filename="a_b.csv"')
    expect(d).toContain("filename*=UTF-8''%E6%B8%85%E5%8D%95%28%E4%B8%80%29%27.csv")
  })
  it('when the ASCII name holds a backslash or a non-ASCII character, then each becomes an underscore', () => {
    expect(contentDisposition({ utf8: '报告.pdf', ascii: 'a\\b报.pdf' })).toContain('filename="a_b_.pdf"')
  })
  it('when the file is to be shown in the browser, then the disposition is inline with the same names', () => {
    expect(contentDisposition({ utf8: '意见书.pdf', ascii: 'precheck-1.pdf' }, 'inline')).toBe(
      `inline; filename="precheck-1.pdf"; filename*=UTF-8''${encodeURIComponent('意见书.pdf')}`,
    )
  })
})
