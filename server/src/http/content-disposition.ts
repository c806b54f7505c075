/** A download's name: the one shown to the officer, and an ASCII one for clients that cannot read RFC 5987. */
export interface DownloadName {
  utf8: string
  ascii: string
}

/**
 * The `Content-Disposition` header of a download (`attachment`) or of a file the browser shows (`inline`), with the
 * ASCII fallback and the UTF-8 name encoded as RFC 5987 (and RFC 6266 §4.3) says.
 */
export function contentDisposition(name: DownloadName, type: 'attachment' | 'inline' = 'attachment'): string {
  const encoded = encodeURIComponent(name.utf8).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  )
  const ascii = name.ascii.replace(/[^\x20-\x7e]|["\\]/g, '_')
  return `${type}; filename="${ascii}"; filename*=UTF-8''${encoded}`
}
