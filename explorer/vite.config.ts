import { fileURLToPath } from 'node:url';
import { constants } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import { compression, defineAlgorithm } from 'vite-plugin-compression2';
import { LIMITS } from '../src/domain/limits.js';
import { GRAPHIQL_MANIFEST, graphiqlAssets } from '../src/http/graphiql-page.js';

/**
 * Writes GraphiQL's parts (script with Monaco's workers, styles, icon) into the bundle as hashed
 * assets, and which file holds which part into `graphiql.json`, read by src/http/graphiql-page.ts.
 */
function graphiql(): Plugin {
  return {
    name: 'graphiql-assets',
    apply: 'build',
    generateBundle() {
      const manifest: Record<string, string> = {};
      for (const { role, name, source } of graphiqlAssets()) {
        manifest[role] = this.getFileName(this.emitFile({ type: 'asset', name, source }));
      }
      this.emitFile({ type: 'asset', fileName: GRAPHIQL_MANIFEST, source: JSON.stringify(manifest, null, 2) });
    },
  };
}

// The explorer is a static bundle that the API server itself serves at /explore/ (src/http/explorer.ts).
// `npm run explorer:build` writes it to explorer/dist; `npx vite --config explorer/vite.config.ts`
// serves it with live reload, proxying /graphql to a running `npm start`.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/explore/',
  // The API's caps, from their one home, for explorer/src/limits.ts: a build-time constant, not an import.
  define: { __API_LIMITS__: JSON.stringify(LIMITS) },
  plugins: [
    graphiql(),
    // Precompressed copies (`.br`, `.gz`) the server sends to a client that accepts them: compressed
    // once here, at a brotli quality a build can afford (9, with brotli's largest window: GraphiQL's
    // 8 MB script in about 10 s).
    compression({
      algorithms: [
        defineAlgorithm('brotliCompress', {
          params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_LGWIN]: 24 },
        }),
        defineAlgorithm('gzip', { level: 9 }),
      ],
      include: /\.(html|css|js|json|svg|ico)$/,
      threshold: 1024,
      logLevel: 'silent',
    }),
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // Cytoscape (~430 kB minified) with fCoSE and cola (~260 kB): one chunk is fine for a tool page.
    chunkSizeWarningLimit: 800,
  },
  server: { proxy: { '/graphql': 'http://127.0.0.1:4000' } },
});
