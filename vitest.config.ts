import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 600_000,
    // Two cores: browser and site-build tests are heavy, so keep workers few.
    maxWorkers: 2,
    projects: [
      {
        // The tests of the one whole-archive site build. Its global setup starts the build in the background (listed
        // first so it starts first); the tests run after `main` (groupOrder), which runs while it builds.
        extends: true,
        test: {
          name: 'archive', include: ['test/archive/**/*.test.ts'], globalSetup: ['test/archive-setup.ts'],
          testTimeout: 600_000, hookTimeout: 3_600_000, sequence: { groupOrder: 1 },
        },
      },
      {
        // Unit, fixture-site and whole-archive checks that need no whole-archive site.
        extends: true,
        test: { name: 'main', include: ['test/**/*.test.ts'], exclude: ['test/archive/**'], globalSetup: ['test/global-setup.ts'], sequence: { groupOrder: 0 } },
      },
    ],
  },
});
