import { defineConfig } from 'vitest/config'
import SampleDataFirst from './test/support/sequencer.ts'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    // one database for the run; files run one after another so their own data never races
    fileParallelism: false,
    sequence: { sequencer: SampleDataFirst },
    // a browser journey of several steps, each waiting for tiles, took over 60 s once on the loaded CI machine in embedded mode
    testTimeout: 120_000,
    // the browser suites wait for the page with expect.poll; on a loaded 2-core CI machine 1 s (the default) is too short
    expect: { poll: { timeout: 15_000 } },
    hookTimeout: 180_000,
  },
})
