import { readFile, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import type { Plugin } from 'graphql-yoga';
import { ROOT } from '../config.js';
import { acceptedEncodings } from './compression.js';

/** Where `npm run explorer:build` writes the explorer's static bundle. */
export const EXPLORER_DIST = resolve(ROOT, 'explorer/dist');

const MOUNT = '/explore';
/** Where the bundle's hashed files are served (public: code, no data). */
export const ASSETS_URL = `${MOUNT}/assets/`;

/** The precompressed copies `npm run explorer:build` writes beside a file, best first. */
const PRECOMPRESSED = [
  { encoding: 'br', suffix: '.br' },
  { encoding: 'gzip', suffix: '.gz' },
] as const;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Explorer not built</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40em; margin: 3em auto; line-height: 1.5">
<h1>The explorer is not built</h1>
<p>Build it with <code>npm run explorer:build</code> (<code>npm start</code> does so itself), then reload this page.</p>
<p>The API is available meanwhile at <a href="/graphql">/graphql</a>.</p>
</body></html>
`;

function text(
  fetchAPI: { Response: typeof Response },
  status: number,
  body: string,
  type = 'text/plain; charset=utf-8',
) {
  return new fetchAPI.Response(body, {
    status,
    headers: { 'content-type': type, 'x-content-type-options': 'nosniff' },
  });
}

/**
 * Serves the explorer's static bundle at `/explore/` from `dir`: `/explore` redirects to
 * `/explore/`, `/explore/` is `index.html`, other paths are files of the bundle or 404. A path
 * that would leave `dir` is refused. Vite's hashed `assets/` (GraphiQL's parts among them) are
 * cached for a year; the page itself is revalidated on every load, by its ETag (a 304 when it did
 * not change). A file the build precompressed is sent as its `.br` or `.gz` copy to a client that
 * accepts that encoding. The site's root `/` redirects to the explorer, which links to GraphiQL.
 */
export function explorerPlugin(dir: string = EXPLORER_DIST): Plugin {
  const root = resolve(dir);
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (url.pathname === '/' && (request.method === 'GET' || request.method === 'HEAD')) {
        return endResponse(
          new fetchAPI.Response(null, { status: 302, headers: { location: `${MOUNT}/${url.search}` } }),
        );
      }
      if (url.pathname !== MOUNT && !url.pathname.startsWith(`${MOUNT}/`)) return;
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        const response = text(fetchAPI, 405, 'Method not allowed\n');
        response.headers.set('allow', 'GET, HEAD');
        return endResponse(response);
      }
      if (url.pathname === MOUNT) {
        return endResponse(
          new fetchAPI.Response(null, { status: 308, headers: { location: `${MOUNT}/${url.search}` } }),
        );
      }

      let relative: string;
      try {
        relative = decodeURIComponent(url.pathname.slice(MOUNT.length + 1));
      } catch {
        return endResponse(text(fetchAPI, 400, 'Bad path\n'));
      }
      if (relative === '' || relative.endsWith('/')) relative += 'index.html';
      const file = resolve(root, relative);
      if (relative.includes('\0') || !file.startsWith(root + sep))
        return endResponse(text(fetchAPI, 404, 'Not found\n'));

      const info = await stat(file).catch(() => null);
      if (!info?.isFile()) {
        const built = await stat(resolve(root, 'index.html')).catch(() => null);
        if (!built) return endResponse(text(fetchAPI, 503, NOT_BUILT, 'text/html; charset=utf-8'));
        return endResponse(text(fetchAPI, 404, 'Not found\n'));
      }

      const immutable = relative.startsWith('assets/');
      const etag = `"${info.size.toString(36)}-${Math.floor(info.mtimeMs).toString(36)}"`;
      const headers: Record<string, string> = {
        'content-type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
        'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
        etag,
        'x-content-type-options': 'nosniff',
      };
      if (
        request.headers
          .get('if-none-match')
          ?.split(',')
          .some((tag) => tag.trim() === etag)
      ) {
        return endResponse(new fetchAPI.Response(null, { status: 304, headers }));
      }
      let served = file;
      let size = info.size;
      const accepted = acceptedEncodings(request.headers.get('accept-encoding'));
      for (const { encoding, suffix } of PRECOMPRESSED) {
        if (!accepted.has(encoding)) continue;
        const copy = await stat(file + suffix).catch(() => null);
        if (!copy?.isFile()) continue;
        served = file + suffix;
        size = copy.size;
        headers['content-encoding'] = encoding;
        break;
      }
      headers['content-length'] = String(size);
      headers.vary = 'accept-encoding';
      const body = request.method === 'HEAD' ? null : await readFile(served);
      return endResponse(new fetchAPI.Response(body, { status: 200, headers }));
    },
  };
}
