/**
 * Errors a client can fix. The API turns them into GraphQL errors carrying `code` and `field`;
 * every other error is masked as an unexpected failure.
 */
export class ClientError extends Error {
  constructor(
    message: string,
    readonly code: 'BAD_USER_INPUT' | 'NOT_FOUND' | 'LIMIT_EXCEEDED' | 'DUPLICATE_ID' | 'UNAUTHENTICATED' | 'FORBIDDEN',
    readonly field: string | null = null,
  ) {
    super(message);
    this.name = 'ClientError';
  }
}

export const badInput = (field: string, message: string) => new ClientError(message, 'BAD_USER_INPUT', field);

export const notFound = (field: string, what: string, ids: readonly string[]) =>
  new ClientError(
    `Unknown ${what} id${ids.length > 1 ? 's' : ''} in ${field}: ${ids.map((id) => JSON.stringify(id)).join(', ')}`,
    'NOT_FOUND',
    field,
  );
