import { dateWindow, dayWindow, isIsoDate } from '../domain/dates.js';
import { badInput } from '../domain/errors.js';
import { LIMITS, withinLimit } from '../domain/limits.js';
import { graphReading } from '../domain/reading.js';
import { OPEN_ENDS, RELATION_KINDS, type OpenEnd, type Reading, type RelationKind } from '../domain/types.js';

/** What an export covers: a reading and kinds, over the whole graph or one actor's neighbourhood. */
export interface ExportQuery {
  reading: Reading;
  kinds: RelationKind[] | null;
  neighborhood: { actor: string; hops: number } | null;
}

/** The query parameters an export takes (`token` is the page token of API_READS=token). */
export const EXPORT_PARAMETERS = [
  'from',
  'to',
  'at',
  'kinds',
  'openEnd',
  'minSources',
  'minPublishers',
  'statedOnly',
  'actor',
  'hops',
  'token',
] as const;

const BOOLEANS: Record<string, boolean> = { true: true, false: false, '1': true, '0': false };

/**
 * Reads an export's query parameters into the same values the GraphQL API builds from its
 * arguments, through the same domain checks (`dateWindow`, `graphReading`, `withinLimit`): a bad
 * parameter is a ClientError whose `field` is the parameter's name. Whether `actor` exists is
 * the caller's question (it needs the store).
 */
export function exportQuery(params: URLSearchParams): ExportQuery {
  for (const name of params.keys()) {
    if (!(EXPORT_PARAMETERS as readonly string[]).includes(name))
      throw badInput(name, `Unknown parameter ${JSON.stringify(name)}; allowed: ${EXPORT_PARAMETERS.join(', ')}.`);
  }
  const get = (name: (typeof EXPORT_PARAMETERS)[number]) => {
    const value = params.get(name);
    return value === null || value === '' ? null : value;
  };
  const date = (name: 'from' | 'to' | 'at') => {
    const value = get(name);
    if (value !== null && !isIsoDate(value))
      throw badInput(name, `${name} must be a real date written YYYY-MM-DD; got ${JSON.stringify(value)}.`);
    return value;
  };
  const [from, to, at] = [date('from'), date('to'), date('at')];
  if (at !== null && (from !== null || to !== null))
    throw badInput('at', 'at (one day) cannot go with from or to (a window); give one or the other.');
  const window = at !== null ? dayWindow(at, 'at') : dateWindow({ from, to }, 'from');

  const kindsText = get('kinds');
  const kinds =
    kindsText === null
      ? null
      : kindsText.split(',').map((given) => {
          const kind = given.trim().toUpperCase();
          if (!(RELATION_KINDS as readonly string[]).includes(kind))
            throw badInput(
              'kinds',
              `kinds: unknown relation kind ${JSON.stringify(given)}; allowed, comma-separated: ${RELATION_KINDS.join(',')}.`,
            );
          return kind as RelationKind;
        });

  const openEndText = get('openEnd');
  if (openEndText !== null && !(OPEN_ENDS as readonly string[]).includes(openEndText))
    throw badInput('openEnd', `openEnd must be one of ${OPEN_ENDS.join(', ')}; got ${JSON.stringify(openEndText)}.`);

  const count = (name: 'minSources' | 'minPublishers') => {
    const value = get(name);
    if (value !== null && !/^\d+$/.test(value))
      throw badInput(name, `${name} must be a whole number; got ${JSON.stringify(value)}.`);
    return value === null ? null : Number(value);
  };
  const statedText = get('statedOnly');
  if (statedText !== null && !(statedText in BOOLEANS))
    throw badInput('statedOnly', `statedOnly must be true or false; got ${JSON.stringify(statedText)}.`);
  const reading = graphReading(
    window,
    openEndText as OpenEnd | null,
    {
      minSources: count('minSources'),
      minPublishers: count('minPublishers'),
      statedOnly: statedText === null ? null : BOOLEANS[statedText],
    },
    null,
  );

  const actor = get('actor');
  const hopsText = get('hops');
  if (actor === null && hopsText !== null) throw badInput('hops', 'hops needs actor: the neighbourhood of whom?');
  if (hopsText !== null && !/^-?\d+$/.test(hopsText))
    throw badInput('hops', `hops must be a whole number; got ${JSON.stringify(hopsText)}.`);
  const neighborhood =
    actor === null
      ? null
      : { actor, hops: withinLimit(hopsText === null ? null : Number(hopsText), LIMITS.neighborhoodHops, 'hops') };
  return { reading, kinds, neighborhood };
}
