import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../src/config.js';
import { isInputObjectType, isObjectType } from 'graphql';
import { schema } from '../../src/graphql/index.js';
import { printSchemaFile } from '../../src/graphql/print-schema.js';

describe('schema/schema.graphql', () => {
  it('matches the Pothos schema (run `npm run schema:print` after changing the API)', () => {
    expect(readFileSync(`${ROOT}schema/schema.graphql`, 'utf8')).toBe(printSchemaFile());
  });

  it('describes every type, field and argument, for the GraphiQL docs panel', () => {
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || ['String', 'Boolean', 'Int', 'Float', 'ID'].includes(type.name)) continue;
      if (!type.description) missing.push(type.name);
      if (!isObjectType(type) && !isInputObjectType(type)) continue;
      for (const field of Object.values(type.getFields())) {
        const self = `${type.name}.${field.name}`;
        const obvious = [
          'id',
          'name',
          'kind',
          'cursor',
          'node',
          'edges',
          'nodes',
          'startCursor',
          'pageInfo',
          'description',
          'precision',
        ].includes(field.name);
        if (!field.description && !obvious) missing.push(self);
      }
    }
    expect(missing).toEqual([]);
  });
});
