import { definePackageConfig } from '@cls/vitest-config';

export default definePackageConfig();
