import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig } from 'vite';

// Served by apps/api under / in production; in development (pnpm dev) Vite
// serves it and forwards API calls to the API on port 3000.
const api = 'http://127.0.0.1:3000';

export default defineConfig({
  base: '/',
  plugins: [react()],
  resolve: {
    conditions: ['@cls/source', ...defaultClientConditions],
    // The API reads the hours (see src/stubs/opening-hours.ts): not shipped to residents.
    alias: { opening_hours: fileURLToPath(new URL('./src/stubs/opening-hours.ts', import.meta.url)) },
  },
  server: { port: 5173, proxy: { '/trpc': api, '/api': api, '/healthz': api } },
  build: {
    sourcemap: true,
    // The manifest tells the bundle budget test (budget/) which files the first page loads.
    manifest: true,
    // maplibre (~1 MB, ~300 kB gzip) is one chunk of its own, loaded only with a map: above Vite's warning
    // size by nature, and named so that the budget test can tell it is not in the first page.
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: { codeSplitting: { groups: [{ name: 'maplibre', test: /node_modules[\\/].*maplibre/ }] } },
    },
  },
});
