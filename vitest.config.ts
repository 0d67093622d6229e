import { defineConfig } from 'vitest/config';

// Two tiers: unit tests (fakes, no engine) and integration tests (*.int.test.ts: the real private
// engine, registry and SQLite that scripts/test.sh starts and passes in through HM_TEST_* variables).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            'apps/*/src/**/*.test.ts',
            'apps/*/test/**/*.test.ts',
            'packages/*/src/**/*.test.ts',
            'packages/*/test/**/*.test.ts',
          ],
          exclude: ['**/*.int.test.ts', '**/node_modules/**'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['apps/*/test/**/*.int.test.ts', 'packages/*/test/**/*.int.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // One engine is shared: files run one at a time so their containers do not race for ports.
          fileParallelism: false,
        },
      },
      {
        test: {
          // The install paths (image, .deb, Caddy) against what packaging/stage.sh laid out in
          // HM_STAGE_DIR, on the private engine; slow (root filesystems, image builds), run last.
          name: 'packaging',
          include: ['packaging/test/**/*.test.ts'],
          environment: 'node',
          testTimeout: 600_000,
          hookTimeout: 900_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          // The qcow2 appliance built and booted in QEMU (packaging/vm): minutes of download, build
          // and emulated boot, so run by hand (`npx vitest run --project vm`), not by npm test.
          name: 'vm',
          include: ['packaging/vm/**/*.test.ts'],
          environment: 'node',
          testTimeout: 900_000,
          hookTimeout: 1_200_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.test.ts'],
          environment: 'node',
          // A browser under load (two cores shared with the engine) can take seconds to re-render:
          // expect.poll's default of one second made assertions on visible text flaky.
          expect: { poll: { timeout: 10_000, interval: 100 } },
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
