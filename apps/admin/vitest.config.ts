import { definePackageConfig } from '@cls/vitest-config';

// The app's pure logic (CSV import and export, form values, offer edits); the pages are tested
// in a browser (tests/e2e).
export default definePackageConfig({ test: { include: ['src/**/*.spec.ts'] } });
