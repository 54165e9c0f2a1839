import { limitExceeded } from '../domain/errors.js';
import { MAX_GRAPH_EDGES } from '../domain/limits.js';
import { endpoints } from '../domain/subgraph.js';
import type { Reading, RelationKind, Subgraph } from '../domain/types.js';
import type { GraphStore } from '../store/port.js';

/**
 * Every relation read in the reading (active at some point in its window, sourced as it asks), of
 * the kinds given, and the actors they touch: `graph(window:)`. At most `maxEdges` relations; a
 * window holding more is LIMIT_EXCEEDED (`graph-size`), pointing to the exports, which stream.
 */
export async function graphOver(
  store: GraphStore,
  reading: Reading,
  kinds: RelationKind[] | null,
  maxEdges = MAX_GRAPH_EDGES,
): Promise<Subgraph> {
  const page = await store.listRelations({ kinds, reading, actorId: null, after: null, limit: maxEdges });
  if (page.hasMore)
    throw limitExceeded(
      'graph-size',
      `The window holds more than ${maxEdges} relations: narrow it or filter it, or download it whole from ` +
        `/export/graph.gexf (or .graphml, .json, edges.csv), which have no cap.`,
      'window',
    );
  return { actorIds: endpoints(page.items), relations: page.items };
}
