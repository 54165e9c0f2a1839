import { getNamedType, getNullableType, isListType, isObjectType, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { QUERY_COST } from '../../src/domain/limits.js';
import { FIELD_COSTS, queryCost } from '../../src/graphql/cost.js';
import { schema } from '../../src/graphql/index.js';

describe('the cost table', () => {
  it('prices every list field of the schema, so a new list cannot slip in at an assumed size', () => {
    const lists = Object.values(schema.getTypeMap())
      .filter((type) => isObjectType(type) && !type.name.startsWith('__'))
      .flatMap((type) =>
        Object.values(isObjectType(type) ? type.getFields() : {})
          .filter((field) => isListType(getNullableType(field.type)))
          .map((field) => `${type.name}.${field.name}`),
      );
    expect(lists.filter((name) => !FIELD_COSTS[name])).toEqual([]);
    // And the table names no field that is gone.
    const fields = new Set(
      Object.values(schema.getTypeMap()).flatMap((type) =>
        isObjectType(type) ? Object.keys(type.getFields()).map((f) => `${type.name}.${f}`) : [],
      ),
    );
    expect(Object.keys(FIELD_COSTS).filter((name) => !fields.has(name))).toEqual([]);
    expect(getNamedType(schema.getQueryType()!.getFields().paths.type).name).toBe('Path');
  });

  it('multiplies nested lists by the sizes their arguments ask for', () => {
    const cost = (document: string) => queryCost(schema, parse(document), {}, undefined);
    expect(cost('{ actor(id: "x") { id } }')).toBe(2);
    // 10 paths of at most 4 actors: 40 x (actors 1 + id 1) + hops; search work 100 x 2^3.
    expect(cost('{ paths(from: "a", to: "b", maxHops: 3, first: 10) { actors { id } } }')).toBe(1 + 800 + 40 * 2);
    expect(cost('{ actors(first: 100) { edges { node { id } } } }')).toBe(1 + 100 * 3);
    const nested = cost('{ actors(first: 100) { edges { node { relations { citations { id } } } } } }');
    expect(nested).toBe(1 + 100 * (1 + 1 + (1 + QUERY_COST.assumedList * (1 + QUERY_COST.assumedCitations))));
    expect(nested).toBeGreaterThan(QUERY_COST.max);
  });
});
