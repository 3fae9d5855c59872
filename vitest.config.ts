import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // The fuzz suite spends its own time budget; give it room on a 2-core CI machine.
    testTimeout: 60_000,
  },
});
