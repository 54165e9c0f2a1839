import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { LIMITS } from '../src/domain/limits.js';

// The explorer is a static bundle that the API server itself serves at /explore/ (src/http/explorer.ts).
// `npm run explorer:build` writes it to explorer/dist; `npx vite --config explorer/vite.config.ts`
// serves it with live reload, proxying /graphql to a running `npm start`.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/explore/',
  // The API's caps, from their one home, for explorer/src/limits.ts: a build-time constant, not an import.
  define: { __API_LIMITS__: JSON.stringify(LIMITS) },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // Cytoscape alone is ~430 kB minified (~140 kB gzipped): one chunk is fine for a tool page.
    chunkSizeWarningLimit: 700,
  },
  server: { proxy: { '/graphql': 'http://127.0.0.1:4000' } },
});
