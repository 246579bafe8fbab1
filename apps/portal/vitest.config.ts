import { definePackageConfig } from '@cls/vitest-config';

// The portal's pure logic (URL state, card links, map helpers) and the bundle budget of its
// build; the pages themselves are tested in a browser (tests/e2e/portal.e2e.ts).
export default definePackageConfig({ test: { include: ['src/**/*.spec.ts', 'budget/**/*.spec.ts'] } });
