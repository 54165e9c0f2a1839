import { limitExceeded } from '../domain/errors.js';
import { MAX_CAMP_RELATIONS } from '../domain/limits.js';
import type { IsoDate, Reading, Relation, RelationKind } from '../domain/types.js';
import type { GraphStore } from '../store/port.js';

/**
 * The relations a camps sample reads on day `at` (`reading` is that day's), of the kinds given: at
 * most `maxRelations`. The store is asked for one page of that many (it reads at most one more), so
 * a day of the whole `large` graph is refused without being read: LIMIT_EXCEEDED (`camps-size`),
 * naming the argument `field` and saying how to narrow the sample.
 */
export async function campSample(
  store: GraphStore,
  at: IsoDate,
  reading: Reading,
  kinds: RelationKind[] | null,
  field: string,
  maxRelations = MAX_CAMP_RELATIONS,
): Promise<Relation[]> {
  const page = await store.listRelations({ kinds, reading, actorId: null, after: null, limit: maxRelations });
  if (page.hasMore)
    throw limitExceeded(
      'camps-size',
      `${at} has more than ${maxRelations} relations read with these filters, the most one camps sample may ` +
        'split: narrow it with `kinds` (e.g. [FIGHTS, SUPPORTS]) or an evidence filter ' +
        '(e.g. `evidence: { minPublishers: 2 }`)' +
        (field === 'at' ? '.' : ', or sample a span where fewer relations are active.'),
      field,
    );
  return page.items;
}
