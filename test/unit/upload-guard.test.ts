import JSZip from 'jszip'
import { describe, expect, it } from 'vitest'
import { readZipDirectory } from '../../server/src/domain/zip-directory.ts'
import { AppError } from '../../server/src/http/errors.ts'
import { openArchive, runHeavyUpload, type UploadGuardSettings } from '../../server/src/services/upload-guard.ts'
import { misdeclareSize } from '../support/zip-bomb.ts'

const GUARD: UploadGuardSettings = {
  maxUnpackedBytes: 1024 * 1024,
  maxEntries: 10,
  busyWaitMs: 0,
  retryAfterSeconds: 5,
}
const WORDING = { label: '压缩包“t.zip”', malformed: '“t.zip”不是有效的压缩包', hint: '请只压缩需要的文件' }

async function zipOf(files: Record<string, string | Buffer>): Promise<Buffer> {
  const zip = new JSZip()
  for (const [name, content] of Object.entries(files)) zip.file(name, content)
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' })
}

/** The AppError `run` throws (or rejects with), for its code, details and message. */
async function refusal(run: () => unknown): Promise<AppError> {
  try {
    await run()
  } catch (err) {
    if (err instanceof AppError) return err
    throw err
  }
  throw new Error('没有拒绝')
}

describe('readZipDirectory', () => {
  it('when a zip is read, then each entry has its name and declared sizes, folders marked, nothing inflated', async () => {
    const dir = readZipDirectory(await zipOf({ '地块/plot.shp': Buffer.alloc(5000, 1), 'plot.prj': 'GEOGCS' }), 10)
    expect(dir.ok).toBe(true)
    if (!dir.ok) return
    expect(dir.entries.map((e) => [e.name, e.isDirectory, e.uncompressedSize])).toEqual([
      ['地块/', true, 0],
      ['地块/plot.shp', false, 5000],
      ['plot.prj', false, 6],
    ])
    expect(dir.entries[1].compressedSize).toBeLessThan(5000)
  })

  it('when the directory declares more entries than allowed, then TOO_MANY_ENTRIES with the count', async () => {
    expect(
      readZipDirectory(await zipOf(Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`${i}.txt`, 'x']))), 10),
    ).toEqual({ ok: false, reason: 'TOO_MANY_ENTRIES', entries: 12 })
  })

  it('when the bytes are not a zip or its start is cut off, then MALFORMED', async () => {
    expect(readZipDirectory(Buffer.from('PK\u0003\u0004 this is not a zip'), 10)).toEqual({
      ok: false,
      reason: 'MALFORMED',
    })
    const zip = await zipOf({ 'a.txt': 'abc' })
    expect(readZipDirectory(zip.subarray(20), 10)).toEqual({ ok: false, reason: 'MALFORMED' })
  })
})

describe('openArchive', () => {
  it('when the zip is within the limits, then its files (folders left out) read back whole, as a buffer and as a stream', async () => {
    const archive = openArchive(await zipOf({ 'a.txt': '土壤'.repeat(1000), 'b/': '' }), WORDING, GUARD)
    expect(archive.files.map((f) => f.name)).toEqual(['a.txt'])
    expect(new TextDecoder().decode(await archive.read(archive.files[0]))).toBe('土壤'.repeat(1000))
    const chunks: Buffer[] = []
    for await (const chunk of archive.stream(archive.files[0])) chunks.push(chunk)
    expect(Buffer.concat(chunks).toString('utf8')).toBe('土壤'.repeat(1000))
  })

  it.each([
    [
      'unpacks beyond the limit',
      { 'big.bin': Buffer.alloc(2 * 1024 * 1024) },
      'UNPACKED_TOO_LARGE',
      '压缩包“t.zip”解压后约 2 MB，超过上限 1 MB，未读取；请只压缩需要的文件',
    ],
    [
      'holds more entries than allowed',
      Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`${i}.txt`, 'x'])),
      'TOO_MANY_FILES',
      '压缩包“t.zip”内有 11 个文件，最多 10 个，未读取；请只压缩需要的文件',
    ],
    [
      'holds another zip',
      { 'plot.shp': 'x', 'inner/more.ZIP': 'PK' },
      'NESTED_ARCHIVE',
      '压缩包“t.zip”内含压缩包“inner/more.ZIP”',
    ],
  ])('when the zip %s, then 413 with the code before anything is inflated', async (_what, files, code, words) => {
    const err = await refusal(async () => openArchive(await zipOf(files), WORDING, GUARD))
    expect(err.code).toBe('PAYLOAD_TOO_LARGE')
    expect(err.details).toEqual({ problems: [{ code, message: err.message }] })
    expect(err.message).toContain(words)
  })

  it("when the bytes are not a zip, then 400 with the caller's words", async () => {
    const err = await refusal(() =>
      openArchive(Buffer.from('not a zip at all, but long enough to look'), WORDING, GUARD),
    )
    expect([err.code, err.message]).toEqual(['VALIDATION', '“t.zip”不是有效的压缩包'])
  })

  it('when an entry declares 1 KB but inflates to 512 KB, then reading it (buffer or stream) stops with 413', async () => {
    const liar = misdeclareSize(await zipOf({ 'plot.shp': Buffer.alloc(512 * 1024) }), 'plot.shp', 1024)
    const archive = openArchive(liar, WORDING, GUARD)
    const read = await refusal(() => archive.read(archive.files[0]))
    expect([read.code, read.message]).toEqual([
      'PAYLOAD_TOO_LARGE',
      '压缩包“t.zip”中的“plot.shp”解压后比压缩包记录的大小（1 KB）更大，文件已损坏或被改动，未读取',
    ])
    const streamed = await refusal(async () => {
      for await (const _ of archive.stream(archive.files[0]));
    })
    expect(streamed.message).toBe(read.message)
  })
})

describe('runHeavyUpload', () => {
  it('when one upload is being read and a second may not wait, then the second gets RATE_LIMITED with the retry seconds', async () => {
    let finish = () => {}
    const first = runHeavyUpload(
      GUARD,
      () =>
        new Promise<string>((resolve) => {
          finish = () => resolve('first')
        }),
    )
    const err = await refusal(() => runHeavyUpload(GUARD, async () => 'second'))
    expect([err.code, err.details]).toEqual([
      'RATE_LIMITED',
      { retryAfterSeconds: 5, problems: [{ code: 'UPLOAD_BUSY', message: err.message }] },
    ])
    expect(err.message).toBe('正在读取另一个上传的文件，请约 5 秒后重新上传')
    finish()
    expect(await first).toBe('first')
    expect(await runHeavyUpload(GUARD, async () => 'after')).toBe('after')
  })

  it('when the second may wait and the first finishes meanwhile, then both run one after the other', async () => {
    const order: string[] = []
    let finish = () => {}
    const first = runHeavyUpload(
      GUARD,
      () =>
        new Promise<void>((resolve) => {
          order.push('first starts')
          finish = () => {
            order.push('first ends')
            resolve()
          }
        }),
    )
    const second = runHeavyUpload({ ...GUARD, busyWaitMs: 5000 }, async () => {
      order.push('second runs')
    })
    await new Promise((resolve) => setTimeout(resolve, 20))
    finish()
    await Promise.all([first, second])
    expect(order).toEqual(['first starts', 'first ends', 'second runs'])
  })

  it('when the work fails, then the next upload is not blocked', async () => {
    await expect(
      runHeavyUpload(GUARD, async () => {
        throw new Error('坏文件')
      }),
    ).rejects.toThrow('坏文件')
    expect(await runHeavyUpload(GUARD, async () => 'next')).toBe('next')
  })
})
