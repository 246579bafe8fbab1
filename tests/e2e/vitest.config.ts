import { definePackageConfig } from '@cls/vitest-config';

// Each file starts its own platform processes; two at once is what 2 cores take.
// A page's answer (« Enregistré. », a search's result) may take seconds beside the whole
// suite on two cores: `expect.poll` waits up to 15 s for it, not vitest's default second.
export default definePackageConfig({
  test: {
    include: ['*.e2e.ts'],
    testTimeout: 60_000,
    maxWorkers: 2,
    expect: { poll: { timeout: 15_000 } },
  },
});
