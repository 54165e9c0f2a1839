/**
 * Folds a name for matching: accents and case dropped, apostrophes removed ("Ja'afari" ~
 * "Jaafari"), every other non-alphanumeric run read as one space ("al-Sham" ~ "al Sham").
 */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/['’‘ʿʾ`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
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
