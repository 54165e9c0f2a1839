// The explorer's only way to the data: POST a GraphQL document to the server's public endpoint.

/** The GraphQL endpoint. The page is served by the API server itself, so it is same-origin. */
const ENDPOINT = '/graphql';

/** A server with API_READS=token serves the page as `/explore/?token=...`: read once, sent with every request. */
const TOKEN = new URLSearchParams(location.search).get('token');

export interface GraphQLErrorEntry {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; field?: string };
}

/** A failed request, with a message fit to show to a person. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string | null = null,
    readonly status: number | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/**
 * Runs one query and returns its `data`. Throws an ApiError when the server cannot be reached,
 * answers with something other than GraphQL JSON, or reports errors.
 */
export async function gql<T>(query: string, variables: Record<string, unknown> = {}, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(ENDPOINT, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
        ...(TOKEN ? { authorization: `Bearer ${TOKEN}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
      signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(
      `Could not reach the API at ${ENDPOINT}: is the server running? (${(error as Error).message})`,
      'NETWORK',
    );
  }

  let body: { data?: T | null; errors?: GraphQLErrorEntry[] };
  try {
    body = (await response.json()) as typeof body;
  } catch {
    throw new ApiError(
      `The API answered HTTP ${response.status} ${response.statusText} without a GraphQL body.`,
      'BAD_RESPONSE',
      response.status,
    );
  }

  if (body.errors && body.errors.length > 0) {
    const first = body.errors[0];
    const where = first.extensions?.field ? ` (argument ${first.extensions.field})` : '';
    const more = body.errors.length > 1 ? ` (and ${body.errors.length - 1} more)` : '';
    throw new ApiError(`${first.message}${where}${more}`, first.extensions?.code ?? null, response.status);
  }
  if (!response.ok || body.data == null) {
    throw new ApiError(`The API answered HTTP ${response.status} with no data.`, 'BAD_RESPONSE', response.status);
  }
  return body.data;
}

/** A readable one-line description of any error, for the page's error banner. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError)
    return error.code && error.code !== 'NETWORK' && error.code !== 'BAD_RESPONSE'
      ? `${error.message} [${error.code}]`
      : error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}
