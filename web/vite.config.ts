import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

// No React plugin: Vite 8's own oxc transform compiles TSX with the automatic runtime
// (the plugin would only add Fast Refresh, and its optional Babel peers do not resolve).
export default defineConfig({
  root,
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    // The CSP forbids inline scripts: never inline the module preload polyfill.
    modulePreload: { polyfill: false },
    rolldownOptions: {
      // Mantine marks its modules "use client" (for server components); meaningless in a browser-only bundle.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    // The Host header stays the dev server's, so the API's same-origin check on writes passes.
    proxy: { '/api': { target: process.env.PROBITY_API_URL ?? 'http://127.0.0.1:3000', changeOrigin: false } },
  },
});
