import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'

/** The text of a PDF as PDF.js reads it (what a reader copies or searches), page by page, lines joined by '\n'. */
export async function pdfText(bytes: Uint8Array): Promise<{ pages: string[]; text: string }> {
  const doc = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, useSystemFonts: false }).promise
  try {
    const pages: string[] = []
    for (let n = 1; n <= doc.numPages; n++) {
      const content = await (await doc.getPage(n)).getTextContent()
      pages.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join(''))
    }
    return { pages, text: pages.join('\n') }
  } finally {
    await doc.destroy()
  }
}

/** Text without white space, so a phrase wrapped across lines of a table cell is still found. */
export const squash = (s: string) => s.replace(/\s+/g, '')
