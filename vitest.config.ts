import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        // Not WxtVitest(): in WXT 0.21.0 its `wxt/browser` mock imports the whole `wxt/testing`
        // index, which loads esbuild and breaks under jsdom. We alias `wxt/browser` to the same
        // fake browser (@webext-core/fake-browser) ourselves; unit tests need nothing else of it.
        resolve: {
          alias: [{ find: /^wxt\/browser$/, replacement: fileURLToPath(new URL('tests/unit/mock-browser.ts', import.meta.url)) }],
        },
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
          setupFiles: ['tests/unit/setup.ts'],
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          // One Chromium at a time: the machine has two cores.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
