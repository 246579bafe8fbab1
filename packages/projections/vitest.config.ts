import { definePackageConfig } from '@cls/vitest-config';

export default definePackageConfig({
  test: { globalSetup: ['@cls/testing/postgres-setup'] },
});
