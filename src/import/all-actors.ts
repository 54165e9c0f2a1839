import type { Actor } from '../domain/types.js';
import type { GraphStore } from '../store/port.js';

/** Every actor, page by page (to match names against aliases). */
export async function allActors(store: GraphStore): Promise<Actor[]> {
  const actors: Actor[] = [];
  for (let afterId: string | null = null; ;) {
    const page = await store.searchActors({ foldedSearch: null, kinds: null, afterId, limit: 500 });
    actors.push(...page.items);
    if (!page.hasMore) return actors;
    afterId = page.items.at(-1)!.id;
  }
}
