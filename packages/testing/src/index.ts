export { launchChromium } from './browser.js';
export { freePort } from './free-port.js';
export { startTestPostgresServer } from './postgres-server.js';
export { createTestDatabase, type TestDatabase, useTestDatabase } from './test-database.js';
