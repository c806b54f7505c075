/** The staff moderation queue of public reports (举报). Placeholder until the reports feature is built. */
export function ReportQueue() {
  return <section data-testid="report-queue">举报处理</section>
}
