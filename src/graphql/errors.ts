import { GraphQLError, Kind, type ASTNode, type DocumentNode, type SelectionNode, type ValueNode } from 'graphql';
import { maskError as yogaMaskError, type Plugin, type YogaServerOptions } from 'graphql-yoga';
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
 * Client errors keep their message and gain `extensions.code`, `extensions.field` and their details
 * (`limit`, `suggestions`); a store
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
        ...original.details,
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
  // Given an original error, Yoga masks it as INTERNAL_SERVER_ERROR; without one, it would pass as it is, without a code.
  if (isExecutionFault(error))
    return yogaMaskError(
      new GraphQLError(error.message, {
        nodes: error.nodes,
        path: error.path,
        originalError: new Error(error.message),
      }),
      message,
      isDev,
    );
  return yogaMaskError(error, message, isDev);
};

/**
 * An error execution raised itself at a field, with nothing behind it and no code: a resolver
 * answered what the schema forbids (null for a non-null field, as a store row with a missing field
 * would). graphql-js gives such errors an original error, and so Yoga masks them; graphql-jit does
 * not, and Yoga would send "Cannot return null for non-nullable field ..." without a code. They are
 * server faults, masked and logged as the others are.
 */
const isExecutionFault = (error: unknown): error is GraphQLError =>
  error instanceof GraphQLError &&
  error.path !== undefined &&
  error.originalError == null &&
  error.extensions?.code === undefined;

/**
 * The error behind a GraphQL error when it is one nobody planned for (a bug, a driver error we do not
 * translate, a full disk the store did not catch): what the server logs, with its stack, and masks.
 * Client errors, store outages and timeouts, and GraphQL's own errors (syntax, validation, a
 * resolver's `GraphQLError`) are planned for: they are answered, not logged as failures.
 */
export function unexpectedCause(error: unknown): Error | null {
  const original: unknown = error instanceof GraphQLError ? error.originalError : error;
  if (original === undefined || original === null) return isExecutionFault(error) ? error : null;
  if (original instanceof GraphQLError) return original.originalError ? unexpectedCause(original) : null;
  if (original instanceof ClientError || original instanceof StoreUnavailableError) return null;
  if (original instanceof StoreTimeoutError) return null;
  if (!(original instanceof Error)) return new Error(String(original));
  return original.name === 'AbortError' ? null : original;
}

/** The store failure behind a GraphQL error (an outage, a hang, a full disk, a timeout), or null. */
export function storeFailureCause(error: unknown): StoreUnavailableError | StoreTimeoutError | null {
  const original: unknown = error instanceof GraphQLError ? error.originalError : error;
  return original instanceof StoreUnavailableError || original instanceof StoreTimeoutError ? original : null;
}

/** Where a value node sits: the argument path inside its field (`window.from`) and the field's path (`alliances`). */
interface ArgumentPlace {
  field: string;
  at: string;
}

/** Every value node of the document's field arguments, with its argument path. */
function argumentPlaces(document: DocumentNode): Map<ASTNode, ArgumentPlace> {
  const places = new Map<ASTNode, ArgumentPlace>();
  const walkValue = (node: ValueNode, path: string[], at: string) => {
    places.set(node, { field: path.join('.'), at });
    if (node.kind === Kind.OBJECT) for (const f of node.fields) walkValue(f.value, [...path, f.name.value], at);
    if (node.kind === Kind.LIST) node.values.forEach((v, i) => walkValue(v, [...path, String(i)], at));
  };
  const walkSelections = (selections: readonly SelectionNode[], parent: string) => {
    for (const selection of selections) {
      if (selection.kind === Kind.FIELD) {
        const at = [parent, (selection.alias ?? selection.name).value].filter(Boolean).join('.');
        for (const argument of selection.arguments ?? []) walkValue(argument.value, [argument.name.value], at);
        if (selection.selectionSet) walkSelections(selection.selectionSet.selections, at);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        walkSelections(selection.selectionSet.selections, parent);
      }
    }
  };
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION || definition.kind === Kind.FRAGMENT_DEFINITION)
      walkSelections(definition.selectionSet.selections, '');
  }
  return places;
}

/**
 * A validation error about a literal in the query (a bad date in `window: { from: "2017-02-30" }`)
 * gets the argument path: `extensions.field` (`window.from`) and `extensions.fieldPath` (the field
 * it is an argument of, `alliances`), beside the `locations` graphql gives it.
 */
export function argumentPaths(): Plugin {
  return {
    onValidate({ params }) {
      return ({ valid, result }) => {
        if (valid) return;
        let places: Map<ASTNode, ArgumentPlace> | null = null;
        for (const error of result) {
          const node = error.nodes?.[0];
          if (!node) continue;
          places ??= argumentPlaces(params.documentAST);
          const place = places.get(node);
          if (!place) continue;
          const extensions = error.extensions as Record<string, unknown>;
          extensions.field ??= place.field;
          extensions.fieldPath ??= place.at;
        }
      };
    },
  };
}
