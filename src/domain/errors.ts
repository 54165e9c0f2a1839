/**
 * Errors a client can fix. The API turns them into GraphQL errors carrying `code`, `field` and any
 * `details` (such as `limit` or `suggestions`) in `extensions`; every other error is masked as an
 * unexpected failure.
 */
export class ClientError extends Error {
  constructor(
    message: string,
    readonly code:
      | 'BAD_USER_INPUT'
      | 'NOT_FOUND'
      | 'LIMIT_EXCEEDED'
      | 'DUPLICATE_ID'
      | 'UNAUTHENTICATED'
      | 'FORBIDDEN'
      | 'NOT_RETRACTED',
    readonly field: string | null = null,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = 'ClientError';
  }
}

export const badInput = (field: string, message: string) => new ClientError(message, 'BAD_USER_INPUT', field);

/**
 * NOT_FOUND for ids of one argument (`field`). `suggestions` are the closest known ids: they go in
 * the message ("did you mean `turkey`?") and in `extensions.suggestions`.
 */
export const notFound = (field: string, what: string, ids: readonly string[], suggestions: readonly string[] = []) =>
  new ClientError(
    `Unknown ${what} id${ids.length > 1 ? 's' : ''} in ${field}: ${ids.map((id) => JSON.stringify(id)).join(', ')}` +
      (suggestions.length ? `; did you mean ${suggestions.map((s) => `\`${s}\``).join(' or ')}?` : ''),
    'NOT_FOUND',
    field,
    suggestions.length ? { suggestions: [...suggestions] } : {},
  );

/**
 * LIMIT_EXCEEDED: a request beyond one of the server's limits. `limit` names the kind (`cost`,
 * `depth`, `aliases`, `tokens`, `directives`, `body-size`, `argument`, `search-length`, `path-search`,
 * `graph-size`, `camps-size`), so a client can tell which one it met without parsing the message.
 */
export const limitExceeded = (limit: string, message: string, field: string | null = null) =>
  new ClientError(message, 'LIMIT_EXCEEDED', field, { limit });
