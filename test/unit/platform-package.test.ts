import { describe, expect, it } from 'vitest'
import { mappedFields, parseFieldMapSetting } from '../../server/src/domain/platform-package-field-map.ts'
import { PACKAGE_DATASETS } from '../../server/src/domain/platform-package-layers.ts'
import { fitGbkBytes, gbkLength } from '../../server/src/domain/platform-package-writer.ts'
import { packageVersion } from '../../server/src/domain/platform-package.ts'

describe('上报数据包: GBK widths of the Shapefile', () => {
  it.each([
    ['ABC', 3],
    ['赫山区', 6],
    ['Cd 0.52 mg/kg 超标', 18],
  ])('when %s is measured, then it is %i bytes of GBK', (text, bytes) => {
    expect(gbkLength(text)).toBe(bytes)
  })

  it('when a text is longer than its dBASE width, then it is cut on a character and ends in …, within the width', () => {
    const cut = fitGbkBytes('污染地块名录风险管控', 9)
    expect(cut).toBe('污染地…')
    expect(gbkLength(cut)).toBeLessThanOrEqual(9)
    expect(fitGbkBytes('污染地块', 8)).toBe('污染地块')
  })
})

describe('上报数据包: the field-mapping setting', () => {
  it('when a platform renames a field, then that platform has the new name and the other keeps the default', () => {
    const setting = parseFieldMapSetting({ provincial: { class_list: { LB: 'LBDM' } } })
    const byPlatform = (target: 'national' | 'provincial') =>
      mappedFields('class_list', target, setting).find((f) => f.source === 'LB')!.name
    expect(byPlatform('provincial')).toBe('LBDM')
    expect(byPlatform('national')).toBe('LB')
    expect(mappedFields('plots', 'provincial', setting).map((f) => f.name)).toEqual(
      PACKAGE_DATASETS.plots.fields.map((f) => f.source),
    )
  })

  it.each([
    [{ city: {} }, '未知的平台“city”'],
    [{ national: { parcels: {} } }, '未知的图层“parcels”'],
    [{ national: { plots: { NOPE: 'X' } } }, '没有本地字段“NOPE”'],
    [{ national: { plots: { DKMC: 'DIKUAI_MINGCHENG' } } }, '最多 10 个字符'],
    [{ national: { plots: { DKMC: '地块名称' } } }, '应以英文字母开头'],
    [{ national: { plots: { DKMC: 'dkbm' } } }, '平台字段名“DKBM”重复'],
    [[], '应为 JSON 对象'],
  ])('when the setting is %j, then it is refused: %s', (value, message) => {
    expect(() => parseFieldMapSetting(value)).toThrow(message)
  })
})

describe('上报数据包: version', () => {
  it('when a package is made, then its version names the county, the list, its publication and the Beijing time', () => {
    expect(packageVersion('430903', { id: 12, publishedVersion: 2 }, new Date('2026-12-07T09:50:49Z'))).toBe(
      '430903-L12P2-20261207175049',
    )
  })
})
