import type { CatalogueCollection } from '@contracts/sharing-catalogue'

/** What a reader pastes where the key goes: the key itself is never shown on the catalogue. */
export const KEY_PLACEHOLDER = '您的数据共享密钥'

/** One way of connecting: the software, and the text an officer copies. */
export interface ConnectInstruction {
  id: 'qgis' | 'arcgis' | 'gdal'
  title: string
  text: string
}

const numbered = (steps: string[]) => steps.map((step, i) => `${i + 1}. ${step}`).join('\n')

/**
 * How to add `collection` of the service at `serviceUrl` in QGIS (3.22 or later: its “API Header” authentication
 * sends the key as the `X-API-Key` header), ArcGIS Pro (3.0 or later: it cannot add headers, so the key goes as the
 * custom parameter `key`) and GDAL (`OAPIF:` with `GDAL_HTTP_HEADERS`). A public collection needs no key.
 */
export function connectInstructions(
  collection: Pick<CatalogueCollection, 'id' | 'title' | 'access'>,
  serviceUrl: string,
): ConnectInstruction[] {
  const isInternal = collection.access === 'internal'
  const layer = `“${collection.title}”（${collection.id}）`
  const qgis = numbered([
    '打开 QGIS（3.22 或更新版本），菜单“图层”→“添加图层”→“添加 WFS / OGC API - Features 图层”（3.22 中名为“添加 WFS 图层”）。',
    '点击“新建”，“名称”填“土壤环境一张图”，“URL”填：' + serviceUrl,
    ...(isInternal
      ? [
          '在“认证”处点击绿色“＋”新建认证配置：类型选“API Header”，“Header key”填 X-API-Key，“Header value”填' +
            KEY_PLACEHOLDER +
            '，保存后选中这一配置。',
        ]
      : []),
    '“版本”选择“OGC API - Features”，点击“确定”，再点击“连接”。',
    `在列表中选中${layer}，点击“添加”。`,
  ])
  const arcgis = numbered([
    '打开 ArcGIS Pro（3.0 或更新版本），在“插入”选项卡点击“连接”→“服务器”→“新建 OGC API 服务器”。',
    '“服务器 URL”填：' + serviceUrl,
    ...(isInternal
      ? [
          `在“自定义参数”中添加一行：参数填 key，值填${KEY_PLACEHOLDER}（ArcGIS Pro 不能添加请求头，密钥以参数方式发送）。`,
        ]
      : []),
    `点击“确定”，在“目录”窗格“服务器”下展开这一连接，把${layer}拖入地图。`,
  ])
  const header = isInternal ? ` --config GDAL_HTTP_HEADERS "X-API-Key: ${KEY_PLACEHOLDER}"` : ''
  const gdal = [
    `ogrinfo -so${header} "OAPIF:${serviceUrl}" ${collection.id}`,
    `ogr2ogr -f GPKG ${collection.id}.gpkg${header} "OAPIF:${serviceUrl}" ${collection.id}`,
  ].join('\n')
  return [
    { id: 'qgis', title: 'QGIS', text: qgis },
    { id: 'arcgis', title: 'ArcGIS Pro', text: arcgis },
    { id: 'gdal', title: 'GDAL 命令行', text: gdal },
  ]
}
