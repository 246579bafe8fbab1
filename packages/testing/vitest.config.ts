import { definePackageConfig } from '@cls/vitest-config';

export default definePackageConfig({
  test: { include: ['src/**/*.spec.ts'], globalSetup: ['./src/postgres-global-setup.ts'] },
});
