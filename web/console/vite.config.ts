import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The console is served by Mamori itself at /console/ (src/platform/http/server.ts), from web/console/dist.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/console/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // Each page is its own chunk (React.lazy); Chart.js is loaded only with the dashboard chart.
    chunkSizeWarningLimit: 400,
  },
  server: {
    // `npx vite --config web/console/vite.config.ts` against a running `mamori serve` on :8080.
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
});
