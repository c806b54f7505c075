import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    // one database for the run; files run one after another so their own data never races
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
})
