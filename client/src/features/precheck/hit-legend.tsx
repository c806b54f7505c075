/** What the colours of a pre-check's map mean: the plot and the hits by severity (the page's and the report's map). */
export function HitLegendItems() {
  return (
    <>
      <span>
        <i className="check-legend__swatch check-legend__swatch--plot" />
        核查地块
      </span>
      <span>
        <i className="check-legend__swatch check-legend__swatch--refuse" />
        禁止
      </span>
      <span>
        <i className="check-legend__swatch check-legend__swatch--investigate" />
        须调查评估
      </span>
      <span>
        <i className="check-legend__swatch check-legend__swatch--note" />
        提示
      </span>
    </>
  )
}
