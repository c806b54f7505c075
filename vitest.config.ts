import os from 'node:os'
import { defineConfig } from 'vitest/config'
import SampleDataFirst from './test/support/sequencer.ts'

/** Workers for the files that may run side by side (`TEST_WORKERS`, default the machine's cores, at least 2). */
const workers = Number(process.env.TEST_WORKERS) || Math.max(2, os.availableParallelism())

const timeouts = {
  // a browser journey of several steps, each waiting for tiles, took over 60 s once on the loaded CI machine in embedded mode
  testTimeout: 120_000,
  // the browser suites wait for the page with expect.poll; on a loaded 2-core CI machine 1 s (the default) is too short
  expect: { poll: { timeout: 15_000 } },
  // a fresh engine's first start (initdb + PostGIS) beside a parallel worker took over 180 s on the loaded 2-core machine
  hookTimeout: 300_000,
}

export default defineConfig({
  // request and answer schemas shared by server and client (the client imports them as @contracts/…)
  resolve: { alias: { '@contracts': new URL('./contracts', import.meta.url).pathname } },
  test: {
    maxWorkers: workers,
    sequence: { sequencer: SampleDataFirst },
    projects: [
      {
        // pure domain tests: every file in parallel
        test: { ...timeouts, name: 'unit', include: ['test/unit/**/*.test.ts'], sequence: { groupOrder: 0 } },
      },
      {
        // HTTP + a real database, files side by side: on a server each file copies the seeded template; embedded, a
        // file leases an engine no other file uses meanwhile (test/support/engine-lease.ts)
        test: {
          ...timeouts,
          name: 'api',
          include: ['test/api/**/*.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          setupFiles: ['test/support/file-database.ts'],
          fileParallelism: true,
          sequence: { groupOrder: 1 },
        },
      },
      {
        // Chromium against one running app and its database: one file at a time
        test: {
          ...timeouts,
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/support/app-setup.ts'],
          fileParallelism: false,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
})
