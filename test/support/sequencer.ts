import { BaseSequencer, type TestSpecification } from 'vitest/node'

/**
 * Files that read the sample data as it was loaded (schema, tile encoder parity) run first; every other file keeps
 * vitest's own order. In embedded mode a file leases an engine that earlier files may have changed (they add, edit
 * and publish records); started first, these two each get a fresh engine.
 */
const FIRST = ['test/api/schema.test.ts', 'test/api/tile-parity.test.ts']

export default class SampleDataFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files)
    const rank = (f: TestSpecification) => {
      const i = FIRST.findIndex((name) => f.moduleId.replaceAll('\\', '/').endsWith(name))
      return i === -1 ? FIRST.length : i
    }
    return sorted
      .map((f, i) => ({ f, i }))
      .sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i)
      .map(({ f }) => f)
  }
}
