import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 600_000,
    // Two cores: browser and site-build tests are heavy, so keep workers few.
    maxWorkers: 2,
    globalSetup: ['test/global-setup.ts'],
  },
});
