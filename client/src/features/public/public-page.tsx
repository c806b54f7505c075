/** The public map page (no login). Placeholder until the public side is built. */
export function PublicPage() {
  return <main data-testid="public-page">公众查询</main>
}
