import { definePackageConfig } from '@cls/vitest-config';

// Each file starts its own platform processes; two at once is what 2 cores take.
export default definePackageConfig({
  test: { include: ['*.e2e.ts'], testTimeout: 60_000, maxWorkers: 2 },
});
