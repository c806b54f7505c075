export const SPACINGS_KM = [2.5, 5, 10] as const

export const POINT_LEVEL_OPTIONS = [
  { value: 'national', label: '国控' },
  { value: 'provincial', label: '省控' },
  { value: 'city', label: '市控' },
  { value: 'county', label: '县控' },
] as const

export const POINT_TYPE_OPTIONS = [
  { value: 'basic', label: '基础点位' },
  { value: 'risk', label: '风险监控点位' },
  { value: 'background', label: '背景点位' },
  { value: 'produce', label: '农产品产地点位' },
] as const
