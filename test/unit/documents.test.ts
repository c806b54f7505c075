import JSZip from 'jszip'
import { describe, expect, it } from 'vitest'
import { checkDocumentFile, publicRefusal } from '../../server/src/domain/documents.ts'
import { checkRedevelopment, readYesNo, redevelopmentRefusal } from '../../server/src/domain/redevelopment.ts'

const PDF = Buffer.from('%PDF-1.7\n%%EOF\n')
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10])
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0])
const OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0])
const office = async (folder: string) => {
  const zip = new JSZip()
  zip.file('[Content_Types].xml', '<Types/>')
  zip.file(`${folder}/document.xml`, '<x/>')
  return zip.generateAsync({ type: 'nodebuffer' })
}

describe('checkDocumentFile', () => {
  it.each([
    ['报告.pdf', PDF, 'application/pdf'],
    ['照片.JPG', JPEG, 'image/jpeg'],
    ['照片.jpeg', JPEG, 'image/jpeg'],
    ['照片.png', PNG, 'image/png'],
    ['意见.doc', OLE2, 'application/msword'],
    ['表.xls', OLE2, 'application/vnd.ms-excel'],
  ])('when %s has its format’s first bytes, then it is accepted as %s', (name, bytes, type) => {
    expect(checkDocumentFile(name, bytes)).toEqual({ ok: true, extension: expect.any(String), mediaType: type })
  })

  it('when a DOCX or XLSX holds its Office parts, then it is accepted; the other name is refused', async () => {
    expect(checkDocumentFile('意见.docx', await office('word')).ok).toBe(true)
    expect(checkDocumentFile('表.xlsx', await office('xl')).ok).toBe(true)
    expect(checkDocumentFile('意见.docx', await office('xl'))).toMatchObject({ ok: false, code: 'CONTENT_MISMATCH' })
    const plainZip = await new JSZip().file('a.txt', 'a').generateAsync({ type: 'nodebuffer' })
    expect(checkDocumentFile('表.xlsx', plainZip)).toMatchObject({ ok: false, code: 'CONTENT_MISMATCH' })
  })

  it.each([
    ['报告.pdf', Buffer.from('文本'), 'CONTENT_MISMATCH', '内容不是PDF 文件'],
    ['照片.png', JPEG, 'CONTENT_MISMATCH', '内容不是PNG 图片'],
    ['报告.pdf', Buffer.alloc(0), 'EMPTY_FILE', '空文件'],
    ['报告.exe', PDF, 'UNKNOWN_EXTENSION', '类型不能保存'],
    ['报告', PDF, 'UNKNOWN_EXTENSION', '类型不能保存'],
  ])('when %s does not hold what its name says, then %s in Chinese', (name, bytes, code, words) => {
    const check = checkDocumentFile(name, bytes)
    expect(check).toMatchObject({ ok: false, code })
    expect(!check.ok && check.message).toContain(words)
    expect(!check.ok && check.message).toContain(name)
  })
})

describe('publicRefusal', () => {
  it.each([
    ['investigation_summary', 'listed', null],
    ['risk_assessment_summary', 'risk_assessment', null],
    ['risk_assessment_summary', 'suspected', '尚未列入'],
    ['risk_assessment_summary', 'removed', '尚未列入'],
    ['risk_assessment_report', 'listed', '不能公开'],
    ['expert_opinion', 'listed', '不能公开'],
  ])('when a %s of a plot in %s is to be public, then %s', (kind, status, words) => {
    const refusal = publicRefusal(kind, 'plot', status)
    if (words === null) expect(refusal).toBeNull()
    else expect(refusal).toContain(words)
  })
  it('when the owner is a zone, then nothing of it may be public', () => {
    expect(publicRefusal('investigation_summary', 'control_zone', null)).toContain('不能公开')
  })
})

describe('redevelopment records', () => {
  it.each([
    ['suspected', false, true],
    ['preliminary_investigation', false, true],
    ['cleared', false, true],
    ['cleared', true, false],
    ['contaminated', false, false],
    ['removed', false, false],
  ])('when a plot is %s (confirmed: %s), then refused: %s', (status, confirmed, refused) => {
    expect(redevelopmentRefusal(status, confirmed) !== null).toBe(refused)
  })

  it('when every value is wrong, then each field is named; a good record reads the code and the year', () => {
    const bad = checkRedevelopment({ plannedUse: 'Q1', usedOn: '2026-02-30', targetsMet: null }, '2026-12-07')
    expect(!bad.ok && bad.problems.map((p) => p.field)).toEqual(['plannedUse', 'usedOn', 'targetsMet'])
    const good = checkRedevelopment({ plannedUse: ' r2 ', usedOn: '2026-12-07', targetsMet: false }, '2026-12-07')
    expect(good).toMatchObject({ ok: true, value: { plannedUse: 'R2', year: 2026, targetsMet: false } })
    const future = checkRedevelopment({ plannedUse: 'R2', usedOn: '2026-12-08', targetsMet: true }, '2026-12-07')
    expect(future.ok).toBe(false)
  })

  it.each([
    ['是', true],
    ['否', false],
    ['Y', true],
    ['', null],
    ['也许', undefined],
  ])('when 是否达到目标 reads %s, then %s', (cell, value) => {
    expect(readYesNo(cell)).toBe(value)
  })
})
