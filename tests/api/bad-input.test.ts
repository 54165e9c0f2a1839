import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { apiClient } from '../support/api.js';
import { conflictDataset } from '../support/build.js';

const query = apiClient(MemoryStore.fromDataset(conflictDataset()));

/** Asserts one clear client error: its code, the field it names, and words of its message. */
async function expectClientError(document: string, code: string, message: RegExp, field?: string) {
  const res = await query(document);
  expect(res.status).toBeLessThan(500);
  expect(res.errors, JSON.stringify(res)).toHaveLength(1);
  const [error] = res.errors!;
  expect(error.message).toMatch(message);
  expect(error.extensions?.code).toBe(code);
  if (field) expect(error.extensions?.field).toBe(field);
  expect(JSON.stringify(res)).not.toMatch(/\bat .*\.(ts|js):\d+|stack/i);
}

describe('bad input', () => {
  it.each([
    ['2017-13-01'],
    ['2017-02-30'],
    ['17-12-01'],
    ['2017-12-1'],
    ['December 2017'],
    ['2017-12-01T00:00:00Z'],
    [''],
  ])('rejects the malformed date %j', async (date) => {
    await expectClientError(
      `{ snapshot(at: "${date}") { edges { id } } }`,
      'BAD_USER_INPUT',
      /Date must be a real calendar date written YYYY-MM-DD/,
    );
  });

  it('rejects a date given as a number', async () => {
    await expectClientError('{ snapshot(at: 20171201) { edges { id } } }', 'BAD_USER_INPUT', /Date must be a string/);
  });

  it('rejects a malformed date passed as a variable', async () => {
    const res = await query('query($at: Date!) { snapshot(at: $at) { edges { id } } }', { at: '2017-12-32' });
    expect(res.errors?.[0].message).toMatch(/Date must be a real calendar date/);
    expect(res.data).toBeUndefined();
  });

  it('rejects a window whose from is after its to, naming the argument', async () => {
    await expectClientError(
      '{ alliances(window: { from: "2018-01-02", to: "2018-01-01" }) { id } }',
      'BAD_USER_INPUT',
      /window: from \(2018-01-02\) is after to \(2018-01-01\)/,
      'window',
    );
    await expectClientError(
      '{ actor(id: "gov") { relations(window: { from: "2018-01-02", to: "2018-01-01" }) { id } } }',
      'BAD_USER_INPUT',
      /from \(2018-01-02\) is after/,
      'window',
    );
  });

  it.each([
    ['{ relations(actor: "nobody") { edges { node { id } } } }', 'actor'],
    ['{ alliances(window: {}, actor: "nobody") { id } }', 'actor'],
    ['{ neighborhood(actor: "nobody") { nodes { id } } }', 'actor'],
  ])('names an unknown actor id: %s', async (document, field) => {
    await expectClientError(document, 'NOT_FOUND', /Unknown actor id in .*: "nobody"/, field);
  });

  it('names the one argument of a timeline whose id is unknown', async () => {
    await expectClientError('{ timeline(a: "x", b: "y") { id } }', 'NOT_FOUND', /^Unknown actor id in a: "x"$/, 'a');
    await expectClientError('{ timeline(a: "gov", b: "y") { id } }', 'NOT_FOUND', /^Unknown actor id in b: "y"$/, 'b');
  });

  it.each([
    ['{ actors(first: 101) { edges { cursor } } }', /first must be between 0 and 100; got 101/],
    ['{ actors(first: -1) { edges { cursor } } }', /first must be between 0 and 100; got -1/],
    ['{ relations(first: 201) { edges { cursor } } }', /first must be between 0 and 200; got 201/],
    ['{ neighborhood(actor: "gov", hops: 4) { nodes { id } } }', /hops must be between 1 and 3; got 4/],
    ['{ neighborhood(actor: "gov", hops: 0) { nodes { id } } }', /hops must be between 1 and 3; got 0/],
  ])('refuses limits beyond the caps: %s', async (document, message) => {
    await expectClientError(document, 'LIMIT_EXCEEDED', message);
  });

  it('refuses first: 100000 before it runs, by the query cost limit', async () => {
    const res = await query('{ actors(first: 100000) { edges { cursor node { id } } } }');
    expect(res.errors?.[0].message).toMatch(/^The query would cost \d+, over the limit of \d+/);
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 'cost' });
    expect(res.data).toBeUndefined();
  });

  it('rejects a cursor it did not issue', async () => {
    await expectClientError(
      '{ actors(after: "not-a-cursor") { edges { cursor } } }',
      'BAD_USER_INPUT',
      /after is not a cursor returned by this list/,
      'after',
    );
  });

  it('rejects an unknown relation kind with the valid ones', async () => {
    const res = await query('{ snapshot(at: "2017-12-01", kinds: [ALLIES]) { edges { id } } }');
    expect(res.errors?.[0].message).toMatch(/ALLIES/);
  });

  it('masks unexpected failures without detail', async () => {
    const broken = MemoryStore.fromDataset(conflictDataset());
    broken.searchActors = () => Promise.reject(new Error('disk on fire at /var/secret'));
    const res = await apiClient(broken)('{ actors { edges { cursor } } }');
    expect(res.errors?.[0].message).toBe('Unexpected error.');
    expect(JSON.stringify(res)).not.toContain('secret');
  });
});
