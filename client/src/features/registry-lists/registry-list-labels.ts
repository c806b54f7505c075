import type { ListCode } from '@contracts/registry-lists'

/** Who publishes each list (县级 / 市级 / 省级). */
export const LIST_LEVEL: Record<ListCode, string> = { suspected: '县级', contaminated: '市级', control: '省级' }
