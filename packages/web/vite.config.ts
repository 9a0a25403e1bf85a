// Vite build of the web app: root packages/web, output packages/web/dist (served by the server at /).
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import path from 'node:path';

const root = import.meta.dirname;
const api = process.env.SOZIALRAUM_API ?? 'http://127.0.0.1:8080';

export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  build: {
    outDir: path.join(root, 'dist'),
    emptyOutDir: true,
    // No source maps in the build (issue 8, item 11): served next to the bundle they published the
    // whole client source (2 MB). The dev server (`vite`) still maps sources for debugging.
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    proxy: {
      '/api': { target: api, changeOrigin: true },
      '/ogc': { target: api, changeOrigin: true },
    },
  },
});
