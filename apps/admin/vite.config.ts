import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig } from 'vite';

// Served by apps/api under /admin/ in production; in development (pnpm dev) Vite
// serves it and forwards API calls to the API on port 3000.
const api = 'http://127.0.0.1:3000';

export default defineConfig({
  base: '/admin/',
  plugins: [react()],
  resolve: { conditions: ['@cls/source', ...defaultClientConditions] },
  server: { port: 5174, proxy: { '/trpc': api, '/api': api, '/healthz': api } },
  build: {
    sourcemap: true,
    // maplibre (the new contract's territory map) is a chunk of its own, loaded only with the map.
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: { codeSplitting: { groups: [{ name: 'maplibre', test: /node_modules[\\/].*maplibre/ }] } },
    },
  },
});
