import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The console takes the SDK's browser-safe modules from its sources (`@keyward/sdk/admin-client`:
// openapi-fetch and the generated /v1 types; `@keyward/sdk/http`): the rest of the SDK (token
// source, verifier) is for Node and would pull jose and node:crypto into a browser bundle.
const sdkSources = fileURLToPath(new URL('../sdk/src/', import.meta.url));

export default defineConfig({
  base: '/console/',
  resolve: { alias: [{ find: /^@keyward\/sdk\/(admin-client|http)$/, replacement: `${sdkSources}$1.ts` }] },
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Every asset a file of its own: the Content-Security-Policy admits no inline script or style.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    cssCodeSplit: false,
    target: 'es2022',
    reportCompressedSize: false,
    rollupOptions: {
      // React Server Components' "use client" markers mean nothing in a client-only bundle.
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
});
