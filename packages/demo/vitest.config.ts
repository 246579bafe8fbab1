import { definePackageConfig } from '@cls/vitest-config';

// No @cls/testing here: that harness is built on this package. The integration
// tests start their own embedded server, which is what they test.
export default definePackageConfig();
