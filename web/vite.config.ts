import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { serviceWorker } from './src/offline/build-plugin.js';

// The console builds to web/dist, which the API server serves (api/console.ts). Hashed file names
// let the server cache assets for good; nothing is inlined into index.html (the CSP forbids it).
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react(), serviceWorker()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    target: 'es2022',
    reportCompressedSize: false,
  },
  server: { port: 3501, proxy: { '/v1': 'http://127.0.0.1:3500' } },
});
