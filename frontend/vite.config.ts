/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const backend = 'http://127.0.0.1:8000';
// Paths Django answers itself; everything else is the SPA.
const proxied = ['/api', '/r', '/sitemap.xml', '/django-admin', '/static/admin'];

export default defineConfig(({ command, isPreview }) => ({
  // Django (whitenoise) serves the built bundle from /static/; the dev server serves from /.
  base: command === 'build' || isPreview ? '/static/' : '/',
  plugins: [react()],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    // dist/.vite/manifest.json: scripts/check-bundle.mjs reads which chunks each route needs.
    manifest: true,
  },
  server: {
    port: 5173,
    proxy: Object.fromEntries(proxied.map((path) => [path, { target: backend, changeOrigin: false }])),
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/testing/setup-tests.ts'],
    css: false,
    restoreMocks: true,
    // All test files share one jsdom and one module graph per worker: setting up jsdom, the setup file and
    // the imports once per file took 80 s of CPU for 16 s of tests. What a test may change is reset before
    // each test (setup-tests.ts: session, storage, cookie, language; MSW handlers after), every render
    // gets its own QueryClient (renderApp), and no test mocks a module; shuffled runs pass.
    isolate: false,
    // No test may depend on the machine's speed: CI shares two cores with other work, where a page test
    // that needs 1 s alone can take 10. The limits only end a hung test; waits inside tests are explicit
    // (findBy*/waitFor return as soon as the page is ready, see asyncUtilTimeout in setup-tests.ts).
    testTimeout: 60_000,
    hookTimeout: 30_000,
  },
}));
