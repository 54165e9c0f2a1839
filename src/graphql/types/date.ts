import { GraphQLError, Kind, type ValueNode } from 'graphql';
import { isIsoDate } from '../../domain/dates.js';
import { builder } from '../builder.js';

/** A literal's errors carry its node, so they have `locations` (and, from `argumentPaths`, a `field`). */
function parseDate(value: unknown, node?: ValueNode): string {
  if (!isIsoDate(value)) {
    throw new GraphQLError(
      `Date must be a real calendar date written YYYY-MM-DD, such as "2017-12-08"; got ${JSON.stringify(value)}`,
      { nodes: node, extensions: { code: 'BAD_USER_INPUT' } },
    );
  }
  return value;
}

export const DateScalar = builder.scalarType('Date', {
  description:
    'An ISO 8601 calendar date, `YYYY-MM-DD` (for example `2017-12-08`). Anything else, including impossible dates such as `2017-02-30`, is rejected.',
  serialize: (value) => value,
  parseValue: parseDate,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING)
      throw new GraphQLError(`Date must be a string written YYYY-MM-DD, such as "2017-12-08"`, {
        nodes: ast,
        extensions: { code: 'BAD_USER_INPUT' },
      });
    return parseDate(ast.value, ast);
  },
});

export const DateWindowInput = builder.inputType('DateWindow', {
  description: 'A closed interval of dates. A missing end is unbounded; `from` after `to` is an error.',
  fields: (t) => ({
    from: t.field({
      type: 'Date',
      required: false,
      description: 'First day of the window (inclusive); omit for no lower bound.',
    }),
    to: t.field({
      type: 'Date',
      required: false,
      description: 'Last day of the window (inclusive); omit for no upper bound.',
    }),
  }),
});
