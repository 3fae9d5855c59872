import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            'tests/lib/**/*.test.ts',
            'tests/cli/**/*.test.ts',
            'tests/components/**/*.test.ts',
            'tests/content/**/*.test.ts',
            'tests/workshop/**/*.test.ts',
            'tests/corpus/**/*.test.ts',
          ],
          // The fuzz suite spends its own time budget; give it room on a 2-core CI machine.
          testTimeout: 60_000,
        },
      },
      {
        test: {
          // The simulator held to real builds recorded by the oracle (tests/oracle/README.md).
          name: 'oracle',
          include: ['tests/oracle/**/*.test.ts'],
          testTimeout: 60_000,
        },
      },
      {
        test: {
          // The workshop API against the built server, each file with its own process and SQLite file.
          name: 'server',
          include: ['tests/server/**/*.test.ts'],
          globalSetup: ['tests/server/build-site.ts'],
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/e2e/serve-site.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // One browser at a time on a 2-core machine.
          fileParallelism: false,
        },
      },
    ],
  },
});
