import JSZip from 'jszip'

/** One row of the bomb sheet: 108 bytes of inline strings, the same every time so DEFLATE packs it about 300 : 1. */
const BOMB_ROW =
  '<row><c t="inlineStr"><is><t>430903-JC0003</t></is></c><c t="inlineStr"><is><t>2024-05-01</t></is></c></row>'

/**
 * A minimal XLSX (generated test data) whose one sheet, 监测结果, holds `rows` identical rows: with 3 million rows
 * the file is about 1.1 MB and its sheet unpacks to 324 MB (DEFLATE level 9).
 */
export async function sheetBombXlsx(rows: number): Promise<Buffer> {
  const head = Buffer.from(
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>',
  )
  const body = Buffer.alloc(BOMB_ROW.length * rows)
  body.write(BOMB_ROW)
  for (let filled = BOMB_ROW.length; filled < body.length; filled *= 2)
    body.copy(body, filled, 0, Math.min(filled, body.length - filled))
  const zip = new JSZip()
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
  )
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
  )
  zip.file(
    'xl/workbook.xml',
    '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="监测结果" sheetId="1" r:id="rId1"/></sheets></workbook>',
  )
  zip.file(
    'xl/_rels/workbook.xml.rels',
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
  )
  zip.file('xl/worksheets/sheet1.xml', Buffer.concat([head, body, Buffer.from('</sheetData></worksheet>')]))
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } })
}

/**
 * A copy of `zip` whose entry `name` declares `size` unpacked bytes in its central directory and local header
 * (a zip that lies about its size; the data still inflate to the true size).
 */
export function misdeclareSize(zip: Buffer, name: string, size: number): Buffer {
  const out = Buffer.from(zip)
  const end = out.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]))
  let at = out.readUInt32LE(end + 16)
  for (let i = 0; i < out.readUInt16LE(end + 10); i++) {
    const nameLength = out.readUInt16LE(at + 28)
    if (out.toString('utf8', at + 46, at + 46 + nameLength) === name) {
      out.writeUInt32LE(size, at + 24)
      out.writeUInt32LE(size, out.readUInt32LE(at + 42) + 22)
      return out
    }
    at += 46 + nameLength + out.readUInt16LE(at + 30) + out.readUInt16LE(at + 32)
  }
  throw new Error(`压缩包中没有 ${name}`)
}
