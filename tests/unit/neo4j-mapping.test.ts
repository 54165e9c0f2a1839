import { describe, expect, it } from 'vitest';
import { toPath, toRelations } from '../../src/store/neo4j/mapping.js';

const row = (id: string) => ({ id, kind: 'FIGHTS', from: 'a', to: 'b', since: '2017-01-01', summary: 's' });

describe('relation rows read from Neo4j', () => {
  // Read-committed: a relationship deleted between a read's MATCH and its projection comes back
  // with `type(r)` and some properties null (both shapes seen in tests/e2e/read-races.neo4j.test.ts).
  it('a row whose relationship was deleted while it was read is no relation', () => {
    const vanished = [
      { ...row('x'), kind: null, since: null },
      { since: '2017-01-01', id: null, kind: null, from: null, to: null, until: null },
      null,
    ];
    expect(toRelations([row('r1'), ...vanished, row('r2')]).map((r) => r.id)).toEqual(['r1', 'r2']);
  });

  it('a path one of whose relations vanished is no path', () => {
    expect(toPath({ actorIds: ['a', 'b'], relations: [row('r1')] })?.relations.map((r) => r.id)).toEqual(['r1']);
    expect(toPath({ actorIds: ['a', 'b', 'a'], relations: [row('r1'), { ...row('r2'), kind: null }] })).toBeNull();
  });
});
