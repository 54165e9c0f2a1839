import { searchTextOf } from './search.js';

/**
 * How large a written value may be: the one table the write inputs validate against (mutations,
 * imports, dataset files: src/service/records.ts) and docs/writing.md lists; both stores check again
 * what keeps their indexes safe and what only they can count (`checkCommand`). A write past a limit
 * is refused with BAD_USER_INPUT naming the field, on either store.
 *
 * Why these numbers: ids, citation ids and idempotency keys are keys of Neo4j range indexes (a key
 * holds at most 8,167 bytes), and an actor's name and aliases, folded, are one value of a text index;
 * `SEARCH_TEXT_BYTES` keeps that value well under what Neo4j indexes (measured in
 * tests/contract/input-limits.neo4j.test.ts). Text lengths count UTF-16 code units, as JavaScript
 * and GraphQL do.
 */
export const INPUT_LIMITS = {
  /** Actor, relation and source ids (kebab-case ASCII slugs). */
  idLength: 100,
  nameLength: 200,
  aliasLength: 200,
  aliasesPerActor: 50,
  descriptionLength: 4_000,
  summaryLength: 1_000,
  citationsPerRelation: 50,
  placesPerRelation: 200,
  placeLength: 200,
  /** Source titles, publishers and files; citation claimants. */
  textLength: 1_000,
  /** Where in a source: a page, or an export's record ids (an ACLED relation lists its events). */
  locatorLength: 10_000,
  /** An idempotency key: printable ASCII, no spaces. */
  idempotencyKeyLength: 200,
  /** An actor's name and aliases once folded for search, joined, in UTF-8 bytes. */
  searchTextBytes: 32_000,
} as const;

/** What prose (a description, a summary) may not hold: NUL and the other controls but tab and line breaks. */
// eslint-disable-next-line no-control-regex
export const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/** What one-line text (an id, a name, an alias, a place, a title) may not hold: any control character. */
// eslint-disable-next-line no-control-regex
export const LINE_CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;

/** The UTF-8 size of an actor's folded names, which `INPUT_LIMITS.searchTextBytes` bounds. */
export const searchTextBytes = (actor: { name: string; aliases: readonly string[] }) =>
  new TextEncoder().encode(searchTextOf(actor)).length;
