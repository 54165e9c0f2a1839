import { Readable } from 'node:stream';
import type { Plugin } from 'graphql-yoga';
import { ClientError, notFound } from '../domain/errors.js';
import { exportQuery } from '../export/export-query.js';
import { EXPORT_FORMATS, exportGraph, type ExportFormat } from '../export/graph-export.js';
import type { Credential } from '../config.js';
import type { Logger } from '../logger.js';
import type { GraphStore } from '../store/port.js';
import { pageAccess } from './read-access.js';

const MOUNT = '/export/';

const json = (fetchAPI: { Response: typeof Response }, status: number, body: unknown) =>
  new fetchAPI.Response(`${JSON.stringify(body)}\n`, {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'x-content-type-options': 'nosniff' },
  });

const refusal = (code: string, parameter: string | null, message: string) => ({
  error: { code, parameter, message },
});

/**
 * The graph as files, at `/export/graph.gexf`, `graph.graphml`, `graph.json`, `nodes.csv` and
 * `edges.csv` (see docs/exports.md), with the filters of the API as query parameters. Reads as
 * /graphql reads: with API_READS=token a valid token is needed (a header, or `?token=` for a
 * download link). A bad parameter is a 400 whose JSON names it (`error.parameter`) and says what
 * is allowed. The body streams: relations come from the store page by page and go out as the
 * client takes them (a Node stream, so a slow client holds the walk back, not memory).
 */
export function exportsPlugin(store: GraphStore, tokens: readonly Credential[] | null, log?: Logger): Plugin {
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (!url.pathname.startsWith(MOUNT)) return;
      const format = url.pathname.slice(MOUNT.length);
      if (!Object.hasOwn(EXPORT_FORMATS, format))
        return endResponse(
          json(
            fetchAPI,
            404,
            refusal('NOT_FOUND', null, `No export here; there are: ${Object.keys(EXPORT_FORMATS).join(', ')}.`),
          ),
        );
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        const response = json(fetchAPI, 405, refusal('METHOD_NOT_ALLOWED', null, 'Exports answer GET.'));
        response.headers.set('allow', 'GET, HEAD');
        return endResponse(response);
      }
      if (tokens !== null) {
        const access = pageAccess(request, url, tokens);
        if (access === 'none')
          return endResponse(
            json(
              fetchAPI,
              401,
              refusal(
                'UNAUTHENTICATED',
                'token',
                'This server needs a token to read: send "Authorization: Bearer <token>" or add ?token=.',
              ),
            ),
          );
        if (access === 'invalid')
          return endResponse(json(fetchAPI, 403, refusal('FORBIDDEN', 'token', 'The token is not valid.')));
      }

      let body: AsyncIterable<string>;
      try {
        const query = exportQuery(url.searchParams);
        if (query.neighborhood) {
          const [actor] = await store.actorsByIds([query.neighborhood.actor]);
          if (!actor) throw notFound('actor', 'actor', [query.neighborhood.actor]);
          query.neighborhood.actor = actor.id;
        }
        const { write } = EXPORT_FORMATS[format as ExportFormat];
        body = write(store, await exportGraph(store, query));
      } catch (error) {
        if (!(error instanceof ClientError)) throw error;
        return endResponse(json(fetchAPI, 400, refusal(error.code, error.field, error.message)));
      }

      const headers = {
        'content-type': EXPORT_FORMATS[format as ExportFormat].type,
        'content-disposition': `attachment; filename="idlib-${format}"`,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      };
      if (request.method === 'HEAD') return endResponse(new fetchAPI.Response(null, { status: 200, headers }));
      const stream = Readable.from(body, { objectMode: false });
      stream.on('error', (error) => log?.error({ err: error, path: url.pathname }, 'export stopped part way'));
      return endResponse(
        new fetchAPI.Response(Readable.toWeb(stream) as unknown as ReadableStream<Uint8Array>, {
          status: 200,
          headers,
        }),
      );
    },
  };
}
