import type { Plugin, YogaServerOptions } from 'graphql-yoga';
import { shouldRenderGraphiQL } from 'graphql-yoga';
import type { Credential } from '../config.js';
import { identify, identifyToken, mayRead, type Access } from '../graphql/auth.js';

type GraphiQLOption = NonNullable<YogaServerOptions<object, object>['graphiql']>;
type GraphiQLSettings = Exclude<GraphiQLOption, boolean | ((...args: never[]) => unknown)>;

/**
 * With API_READS=token the pages that show the data need a token as the API does: GraphiQL
 * (`GET /graphql` from a browser) and the explorer's pages (`/explore/`). A browser opening a page
 * cannot send a header, so the token may also come as `?token=`; the page then sends it with its
 * requests. The explorer's hashed `/explore/assets/` are the public code, no data: open to anyone.
 */
export function pageAccess(request: Request, url: URL, tokens: readonly Credential[]): Access {
  const header = identify(request, tokens).access;
  if (header !== 'none') return header;
  const given = url.searchParams.get('token');
  return given ? identifyToken(given, tokens).access : 'none';
}

const isGraphiQL = (request: Request, url: URL) =>
  shouldRenderGraphiQL(request) && (url.pathname === '/graphql' || url.pathname === '/graphql/');

const isExplorerPage = (request: Request, url: URL) =>
  (request.method === 'GET' || request.method === 'HEAD') &&
  url.pathname.startsWith('/explore/') &&
  !url.pathname.startsWith('/explore/assets/');

/** GraphiQL's settings for one request: off (answered 401/403 by `pagesNeedToken`) without a valid token. */
export function graphiqlFor(settings: GraphiQLSettings, tokens: readonly Credential[] | null) {
  return (request: Request) => {
    if (tokens === null) return settings;
    const url = new URL(request.url);
    if (!mayRead(pageAccess(request, url, tokens))) return false;
    const token = url.searchParams.get('token');
    // Given in the address, the token goes with GraphiQL's requests; given as a header, the browser has it already.
    return token ? { ...settings, additionalHeaders: { authorization: `Bearer ${token}` } } : settings;
  };
}

/** Refuses GraphiQL and the explorer's pages without a valid token (API_READS=token). */
export function pagesNeedToken(tokens: readonly Credential[]): Plugin {
  return {
    onRequest({ request, url, endResponse, fetchAPI }) {
      if (!isGraphiQL(request, url) && !isExplorerPage(request, url)) return;
      const access = pageAccess(request, url, tokens);
      if (mayRead(access)) return;
      const [status, text] =
        access === 'none'
          ? [
              401,
              'This server needs a token to read: open this page with ?token=YOUR_TOKEN, or send "Authorization: Bearer <token>".',
            ]
          : [403, 'The token is not valid.'];
      endResponse(
        new fetchAPI.Response(`${text}\n`, {
          status,
          headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' },
        }),
      );
    },
    onResponse({ request, response }) {
      // A page opened with ?token= must not hand it to another site in a Referer, nor be cached.
      if (!new URL(request.url).searchParams.has('token')) return;
      response.headers.set('referrer-policy', 'no-referrer');
      response.headers.set('cache-control', 'no-store');
    },
  };
}
