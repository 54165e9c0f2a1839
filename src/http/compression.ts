import { useContentEncoding } from '@whatwg-node/server';
import type { Plugin } from 'graphql-yoga';

/** Bodies worth compressing: text of some kind. Images and fonts are compressed already. */
const COMPRESSIBLE =
  /^(text\/|application\/(json|graphql-response\+json|xml|javascript|gexf\+xml|graphml\+xml)|image\/svg)/;
/**
 * Streams a client reads as they come: a compressor holds bytes back until it has a block to
 * write, so a subscription event would sit in its buffer. Never compressed.
 */
const STREAMING = /^(text\/event-stream|multipart\/mixed)/;

/** Encodings an `Accept-Encoding` header allows, lower-cased (a `q=0` refuses one). */
export function acceptedEncodings(header: string | null): Set<string> {
  const accepted = new Set<string>();
  for (const part of (header ?? '').split(',')) {
    const [name, ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    if (name && !params.some((p) => /^q=0(\.0*)?$/.test(p))) accepted.add(name);
  }
  return accepted;
}

/** The one encoding a dynamic response gets for an `Accept-Encoding` header, or null. */
export function dynamicEncoding(header: string | null): 'gzip' | 'br' | null {
  const accepted = acceptedEncodings(header);
  // gzip before brotli on purpose: brotli's default quality (11) costs about 3 s of CPU per MB, too
  // much per response; the large static assets are served precompressed with brotli instead.
  if (accepted.has('gzip') || accepted.has('*')) return 'gzip';
  if (accepted.has('br')) return 'br';
  return null;
}

/**
 * Compresses responses the client accepts compressed, with `@whatwg-node/server`'s
 * `useContentEncoding` (gzip, or brotli for a client that takes only brotli). Leaves alone what is
 * already encoded (the explorer's and GraphiQL's precompressed assets), what is not text, and
 * streams (SSE subscriptions, incremental delivery), which must reach the client event by event.
 * Register it last, so that it wraps the response every other plugin has finished.
 */
export function compression(): Plugin {
  const { onResponse } = useContentEncoding();
  return {
    onResponse(payload) {
      const { request, response, fetchAPI } = payload;
      const type = response.headers.get('content-type') ?? '';
      if (!response.body || response.headers.has('content-encoding')) return;
      // A Response of Node's own (`Response.json` in a plugin) has a body stream the adapter's
      // compression stream cannot pipe; those are small and left as they are.
      if (!(response instanceof fetchAPI.Response)) return;
      if (STREAMING.test(type) || !COMPRESSIBLE.test(type)) return;
      const encoding = dynamicEncoding(request.headers.get('accept-encoding'));
      if (!encoding) return;
      response.headers.append('vary', 'accept-encoding');
      // useContentEncoding takes the first encoding the header names: it is handed exactly the one chosen.
      const asked = new fetchAPI.Request(request.url, { headers: { 'accept-encoding': encoding } });
      return onResponse?.({ ...payload, request: asked });
    },
  };
}
