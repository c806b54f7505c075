import { featureInfoPath } from '../features/info/info-api'
import { ReviewBlock } from '../features/review/review-block'
import { useDataChanged, useLayerVersion } from '../shared/data-versions'
import { useJson } from '../shared/use-json'

/** Props of {@link PlotReview}. */
export interface PlotReviewProps {
  plotId: number
  title: string
}

/**
 * 审核与发布 of a plot inside its profile: the existing review workflow (提交审定 → 审定 → 发布) of kind `plot`; it
 * reads again whenever the plots changed (a step here or in the profile).
 */
export function PlotReview({ plotId, title }: PlotReviewProps) {
  const dataChanged = useDataChanged()
  const info = useJson(
    featureInfoPath({ source: 'contaminated-plot', id: plotId }),
    useLayerVersion('plots'),
    '审核状态加载失败',
  )
  if (info.status === 'error') return <p className="panel-note panel-note--error">{info.message}</p>
  if (info.status !== 'done' || !info.data.review) return null
  return (
    <div className="plot-review" data-testid="plot-review">
      <h3 className="plot-subtitle">审核与发布</h3>
      <ReviewBlock
        key={`${info.data.review.status}/${info.data.review.version}`}
        review={info.data.review}
        recordTitle={title}
        onStale={() => dataChanged('plots', 'reviews')}
      />
    </div>
  )
}
