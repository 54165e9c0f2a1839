import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { renderGraphiQL as renderInline } from '@graphql-yoga/render-graphiql';
import * as bundle from '@graphql-yoga/render-graphiql/graphiql';
import type { GraphiQLOptions } from 'graphql-yoga';
import { ASSETS_URL, EXPLORER_DIST } from './explorer.js';

// `@graphql-yoga/render-graphiql` writes GraphiQL (its script, styles, Monaco's three workers and the
// icon) into one 9 MB page, sent whole on every load. Here the page is a few hundred bytes that
// names three files of the explorer's bundle: `npm run explorer:build` writes them with hashed names
// and precompressed (brotli and gzip) beside the explorer's own, so they are cached for a year and a
// repeated load transfers only the page. The workers stay inside the script, as strings turned into
// blob URLs as the library does: compressed together with the script they share most of their code.

const WORKERS_PRELUDE = `(() => {
  const url = (code) => URL.createObjectURL(new Blob([code], { type: 'application/javascript' }));
  const workers = {
    editorWorkerService: url(${JSON.stringify(bundle.editorWorkerService)}),
    json: url(${JSON.stringify(bundle.jsonWorker)}),
    graphql: url(${JSON.stringify(bundle.graphqlWorker)}),
  };
  self['MonacoEnvironment'] = { globalAPI: false, getWorkerUrl: (moduleId, label) => workers[label] };
})();
`;

export type GraphiQLAsset = 'script' | 'styles' | 'icon';

/** GraphiQL's parts as files of the explorer bundle: their base names and contents. */
export function graphiqlAssets(): { role: GraphiQLAsset; name: string; source: string | Uint8Array }[] {
  return [
    { role: 'script', name: 'graphiql.js', source: WORKERS_PRELUDE + bundle.js },
    { role: 'styles', name: 'graphiql.css', source: bundle.css },
    { role: 'icon', name: 'graphiql.ico', source: Buffer.from(bundle.favicon.split(',')[1], 'base64') },
  ];
}

/** Where the build writes which hashed file holds which part (a path inside the explorer bundle). */
export const GRAPHIQL_MANIFEST = 'graphiql.json';

type Manifest = Record<GraphiQLAsset, string>;

/** A value written into an inline script: JSON that cannot close the script element. */
const scriptValue = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The page, its parts named by their URLs. */
export function renderGraphiQLPage(opts: GraphiQLOptions, manifest: Manifest): string {
  const url = (role: GraphiQLAsset) => `${ASSETS_URL}${manifest[role].replace(/^assets\//, '')}`;
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>${escapeHtml(opts.title || 'Yoga GraphiQL')}</title>
    <link rel="icon" href="${url('icon')}" />
    <link rel="stylesheet" href="${url('styles')}" />
  </head>
  <body id="body" class="no-focus-outline">
    <noscript>You need to enable JavaScript to run this app.</noscript>
    <div id="root"></div>
    <script src="${url('script')}"></script>
    <script>
      YogaGraphiQL.renderYogaGraphiQL(window.document.querySelector('#root'), ${scriptValue(opts)});
    </script>
  </body>
</html>
`;
}

/**
 * Yoga's `renderGraphiQL`: the small page when the explorer bundle holds GraphiQL's parts, else
 * (the bundle not built) the library's one-piece page.
 */
export function graphiqlRenderer(dist: string = EXPLORER_DIST) {
  return async (opts: GraphiQLOptions): Promise<string> => {
    const manifest = await readFile(resolve(dist, GRAPHIQL_MANIFEST), 'utf8').then(
      (text) => JSON.parse(text) as Manifest,
      () => null,
    );
    return manifest ? renderGraphiQLPage(opts, manifest) : renderInline(opts);
  };
}
