import { distance } from 'fastest-levenshtein';
import { ClientError, limitExceeded } from './errors.js';
import { MAX_SEARCH_LENGTH } from './limits.js';

/**
 * Folds a name for matching. Compatibility forms become their plain letters (NFKC's mapping:
 * fullwidth `ＨＴＳ`, ligatures, superscripts), accents and case are dropped, format characters
 * (zero-width spaces and joiners, soft hyphens, direction marks) and the Arabic tatweel vanish so
 * they never split a word, apostrophes are removed ("Ja'afari" ~ "Jaafari"), and every other
 * run of non-alphanumerics reads as one space ("al-Sham" ~ "al Sham").
 */
export function foldForSearch(text: string): string {
  return (
    text
      // NFKD applies NFKC's compatibility mapping and also splits accents off, to be dropped.
      .normalize('NFKD')
      .replace(/[\p{M}\p{Cf}\u0640]+/gu, '')
      .toLowerCase()
      .replace(/['’‘ʿʾ`]/g, '')
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim()
  );
}

/**
 * The `actors(search:)` argument folded for the store, or null for no search. A search longer than
 * the limit is LIMIT_EXCEEDED; one with no letter or digit (punctuation, `%`, emoji, zero-width
 * characters) would match every actor, so it is BAD_USER_INPUT rather than a silent "everything".
 */
export function searchTerm(search: string | null | undefined, field: string): string | null {
  if (search === null || search === undefined) return null;
  if (search.length > MAX_SEARCH_LENGTH)
    throw limitExceeded('search-length', `${field} is longer than ${MAX_SEARCH_LENGTH} characters`, field);
  const folded = foldForSearch(search);
  if (folded === '') {
    if (search === '') return null;
    throw new ClientError(
      `${field} needs at least one letter or digit; ${JSON.stringify(search)} has none (omit ${field} to list every actor)`,
      'BAD_USER_INPUT',
      field,
    );
  }
  return folded;
}

/** Whether the folded query occurs in the actor's name or any alias. */
export function matchesSearch(foldedQuery: string, names: readonly string[]): boolean {
  return names.some((name) => foldForSearch(name).includes(foldedQuery));
}

/**
 * An actor's name and aliases, folded and joined by `|` (which folded text never contains, so no
 * match spans two names): what Neo4j's text index holds for search, and what its size limit counts.
 */
export const searchTextOf = (actor: { name: string; aliases: readonly string[] }) =>
  [actor.name, ...actor.aliases].map(foldForSearch).join('|');

/** Alphabets whose letters look alike across them; a word mixing two of them is likely a lookalike. */
const ALPHABETS = ['Latin', 'Cyrillic', 'Greek', 'Armenian', 'Georgian', 'Arabic', 'Hebrew'] as const;
const ALPHABET_PATTERNS = ALPHABETS.map((name) => [name, new RegExp(`\\p{Script=${name}}`, 'u')] as const);

/**
 * The alphabets mixed inside one word of `text` (a word that is part Latin, part Cyrillic, such as
 * "Dаesh" with a Cyrillic "а"), or null when every word keeps to one. Words in different scripts
 * side by side ("Hayat Tahrir al-Sham (هيئة تحرير الشام)") are not a mix.
 */
export function mixedScripts(text: string): { word: string; scripts: string[] } | null {
  for (const word of text.normalize('NFC').split(/[^\p{L}\p{M}\p{N}]+/u)) {
    const scripts = new Set<string>();
    for (const char of word) {
      for (const [name, pattern] of ALPHABET_PATTERNS) if (pattern.test(char)) scripts.add(name);
    }
    if (scripts.size > 1) return { word, scripts: [...scripts] };
  }
  return null;
}

/** An actor as the suggestions see it. */
export interface Candidate {
  id: string;
  name: string;
  aliases: readonly string[];
}

/**
 * The ids of the actors closest to an unknown id, best first: by edit distance between the id given
 * (folded) and each actor's id, name and aliases (folded), so "Russia" suggests `russia`, "turky"
 * `turkey` and "ISIS" `daesh`. Only close ones count: at most a third of the given text's length in
 * edits (one at least), a folded name that contains it whole, or one it contains whole.
 */
export function closestIds(given: string, candidates: readonly Candidate[], max = 3): string[] {
  const folded = foldForSearch(given);
  if (folded === '') return [];
  const asId = folded.replace(/ /g, '-');
  const allowed = Math.max(1, Math.floor(folded.length / 3));
  const scored: { id: string; score: number }[] = [];
  for (const actor of candidates) {
    let best = distance(asId, actor.id);
    for (const name of [actor.name, ...actor.aliases]) {
      const n = foldForSearch(name);
      if (n === '') continue;
      best = Math.min(best, distance(folded, n));
      // Part of a longer name ("assad" in "bashar al assad"): a weaker hint, ranked after typos.
      if ((folded.length >= 3 && n.includes(folded)) || (n.length >= 3 && folded.includes(n)))
        best = Math.min(best, allowed);
    }
    if (best <= allowed) scored.push({ id: actor.id, score: best });
  }
  return scored
    .sort((a, b) => a.score - b.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, max)
    .map((s) => s.id);
}
