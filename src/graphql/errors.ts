import { GraphQLError } from 'graphql';
import { maskError as yogaMaskError, type YogaServerOptions } from 'graphql-yoga';
import { ClientError } from '../domain/errors.js';
import { StorageUnwritableError, StoreTimeoutError, StoreUnavailableError } from '../store/store-errors.js';

/** Auth failures keep their HTTP meaning; other client errors answer 200 with `errors`. */
const HTTP_STATUS: Partial<Record<ClientError['code'], { http: { status: number } }>> = {
  UNAUTHENTICATED: { http: { status: 401 } },
  FORBIDDEN: { http: { status: 403 } },
};

type MaskError = NonNullable<
  Exclude<YogaServerOptions<object, object>['maskedErrors'], boolean | undefined>['maskError']
>;

/**
 * Client errors keep their message and gain `extensions.code` and `extensions.field`; a store
 * outage or timeout is said as such, without its detail; anything else is masked as
 * "Unexpected error." with no stack or detail.
 */
export const maskError: MaskError = (error, message, isDev) => {
  const original = error instanceof GraphQLError ? error.originalError : error;
  if (original instanceof ClientError) {
    const located = error instanceof GraphQLError ? error : undefined;
    return new GraphQLError(original.message, {
      nodes: located?.nodes,
      path: located?.path,
      extensions: {
        code: original.code,
        ...(original.field ? { field: original.field } : {}),
        ...HTTP_STATUS[original.code],
      },
    });
  }
  if (original instanceof StorageUnwritableError) {
    // Said as it is: the client should know the write was not kept, and that retrying later is safe.
    return new GraphQLError(original.message, { extensions: { code: 'STORAGE_FULL', http: { status: 503 } } });
  }
  if (original instanceof StoreUnavailableError) {
    return new GraphQLError('The graph store is unavailable right now; try again shortly.', {
      extensions: { code: 'STORE_UNAVAILABLE', http: { status: 503 } },
    });
  }
  if (original instanceof StoreTimeoutError) {
    return new GraphQLError(original.message, { extensions: { code: 'QUERY_TIMEOUT' } });
  }
  return yogaMaskError(error, message, isDev);
};
