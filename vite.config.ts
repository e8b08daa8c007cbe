import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The client lives in client/; the server serves dist/client (see server/http/client-app.ts).
export default defineConfig({
  root: 'client',
  plugins: [react()],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    sourcemap: true,
  },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:8080',
      '/ws': { target: 'ws://127.0.0.1:8080', ws: true },
    },
  },
});
