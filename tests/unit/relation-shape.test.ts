import { describe, expect, it } from 'vitest';
import { deriveRelation, factsOf } from '../../src/domain/evidence.js';
import { UNGRADED, type RelationFacts } from '../../src/domain/types.js';
import { buildRelation } from '../support/build.js';

const facts = factsOf(buildRelation({ id: 'r1', from: 'a', to: 'b' }));

describe('a derived relation', () => {
  it('has one field order whatever order and extra fields its facts came with', () => {
    // The embedded searches read relations in hot loops: mixed shapes made them 5x slower.
    const reversed = Object.fromEntries(Object.entries(facts).reverse()) as RelationFacts;
    const withExtras = { lastReported: '2020-01-01', note: 'x', ...reversed } as unknown as RelationFacts;
    const keys = (f: RelationFacts) => Object.keys(deriveRelation(f, [], () => UNGRADED));
    expect(keys(reversed)).toEqual(keys(facts));
    expect(keys(withExtras)).toEqual(keys(facts));
    expect(keys(facts)).toEqual([...Object.keys(facts), 'lastReported', 'evidence']);
  });
});
