// @ts-check
import { defaultClientConditions, defaultServerConditions } from 'vite';
import { defineConfig, mergeConfig } from 'vitest/config';

/** Workspace packages export their TypeScript sources under this condition. */
export const SOURCE_CONDITION = '@cls/source';

/** Where each package's results are written; scripts/run-tests.mjs sums them. */
export const REPORT_FILE = '.vitest/report.json';

/**
 * The shared test configuration of a workspace package.
 * Tests sit beside the code: `*.spec.ts` (unit) and `*.int.spec.ts` (integration).
 * @param {import('vitest/config').ViteUserConfig} [overrides]
 */
export function definePackageConfig(overrides = {}) {
  return mergeConfig(
    defineConfig({
      resolve: { conditions: [SOURCE_CONDITION, ...defaultClientConditions] },
      ssr: { resolve: { conditions: [SOURCE_CONDITION, ...defaultServerConditions] } },
      // Vitest's own environment, where global setup files run.
      environments: {
        __vitest__: { resolve: { conditions: [SOURCE_CONDITION, ...defaultServerConditions] } },
      },
      test: {
        include: ['src/**/*.spec.ts'],
        reporters: ['default', 'json'],
        outputFile: { json: REPORT_FILE },
        // CI runs every package's suite beside the API's and the browser's on two cores, on machines
        // up to three times slower than a quiet one: a test that takes 7 s alone (four rebuilds of
        // every read model) took more than 20 s there. A time-out is for a test that hangs.
        testTimeout: 60_000,
        hookTimeout: 60_000,
        // For the same reason, what a test polls for (a runner's first failure, a swap) may take
        // more than vitest's default second.
        expect: { poll: { timeout: 10_000 } },
      },
    }),
    overrides,
  );
}
