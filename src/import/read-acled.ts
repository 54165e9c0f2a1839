import { basename, extname } from 'node:path';
import { citationOf } from '../domain/citations.js';
import { isIsoDate } from '../domain/dates.js';
import { isMutual } from '../domain/relation-kinds.js';
import { foldForSearch } from '../domain/search.js';
import { UNGRADED, type Actor, type RelationFacts, type RelationKind, type Source } from '../domain/types.js';
import { relationRecord } from '../service/records.js';
import { emptyBatch, type ImportBatch } from './batch.js';
import { listCell, readCsv, validRow } from './csv.js';

export const ACLED_COLUMNS = [
  'event_id_cnty',
  'event_date',
  'event_type',
  'sub_event_type',
  'actor1',
  'assoc_actor_1',
  'actor2',
  'assoc_actor_2',
  'source',
] as const;

/**
 * How ACLED events become relations. Battles and explosions/remote violence between two armed
 * parties are FIGHTS; a strategic development of sub-type "Agreement" is NEGOTIATES. Everything
 * else (violence against civilians, protests, riots, other strategic developments) names no
 * second party to relate, and is ignored with the reason.
 */
export function acledKind(eventType: string, subEventType: string): RelationKind | string {
  const type = eventType.trim().toLowerCase();
  if (type === 'battles' || type === 'explosions/remote violence') return 'FIGHTS';
  if (type === 'strategic developments' && subEventType.trim().toLowerCase() === 'agreement') return 'NEGOTIATES';
  return `event type "${eventType}${subEventType ? ` / ${subEventType}` : ''}" relates no two parties`;
}

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/** ACLED writes dates as `2018-02-09` or `09 February 2018`. */
export function acledDate(text: string): string | null {
  const trimmed = text.trim();
  if (isIsoDate(trimmed)) return trimmed;
  const m = /^(\d{1,2}) ([A-Za-z]+) (\d{4})$/.exec(trimmed);
  const month = m ? MONTHS.indexOf(m[2].toLowerCase()) + 1 : 0;
  if (!m || month === 0) return null;
  const iso = `${m[3]}-${String(month).padStart(2, '0')}-${m[1].padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : null;
}

/**
 * Matches ACLED actor names to actor ids: the mapping file first, then any actor whose name or
 * alias folds to the same text, then the same without ACLED's trailing "(2000-)" or "(Syria)".
 */
export function actorMatcher(actors: readonly Actor[], mapping: ReadonlyMap<string, string>) {
  const byName = new Map<string, string>();
  for (const actor of actors)
    for (const name of [actor.name, actor.aliases].flat())
      if (!byName.has(foldForSearch(name))) byName.set(foldForSearch(name), actor.id);
  return (name: string): string | null =>
    mapping.get(name.trim()) ??
    byName.get(foldForSearch(name)) ??
    byName.get(foldForSearch(name.replace(/\s*\([^)]*\)\s*$/, ''))) ??
    null;
}

interface Aggregate {
  kind: RelationKind;
  from: string;
  to: string;
  since: string;
  until: string;
  events: string[];
  fatalities: number;
  places: Set<string>;
  reporters: Set<string>;
}

/** An ACLED export: rows become dated relations spanning their events, citing the export. */
export async function readAcledImport(file: string, match: (name: string) => string | null): Promise<ImportBatch> {
  const batch = emptyBatch();
  const { rows, unreadable } = await readCsv(file, ACLED_COLUMNS);
  batch.unreadable.push(...unreadable);
  const groups = new Map<string, Aggregate>();
  for (const { line, values } of rows) {
    const where = `line ${line} (event ${values.event_id_cnty || '?'})`;
    const kind = acledKind(values.event_type, values.sub_event_type ?? '');
    if (kind !== 'FIGHTS' && kind !== 'NEGOTIATES') {
      batch.ignored.push({ where, message: kind });
      continue;
    }
    const date = acledDate(values.event_date);
    if (!date) {
      batch.problems.push({
        where,
        message: `column "event_date": ${JSON.stringify(values.event_date)} is not a date (YYYY-MM-DD or "09 February 2018")`,
      });
      continue;
    }
    if (!values.event_id_cnty) {
      batch.problems.push({ where, message: 'column "event_id_cnty" is empty' });
      continue;
    }
    const fatalities = acledCount(values.fatalities);
    if (fatalities === null) {
      batch.problems.push({
        where,
        message: `column "fatalities": ${JSON.stringify(values.fatalities)} is not a count (a whole number from 0)`,
      });
      continue;
    }
    if (!values.actor2) {
      batch.ignored.push({ where, message: 'no second actor (actor2 is empty)' });
      continue;
    }
    const names = {
      side1: [values.actor1, ...listCell(values.assoc_actor_1)],
      side2: [values.actor2, ...listCell(values.assoc_actor_2)],
    };
    const unknown = [...names.side1, ...names.side2].filter((name) => !match(name));
    if (unknown.length) {
      batch.problems.push({
        where,
        message:
          `unknown actor${unknown.length > 1 ? 's' : ''} ${unknown.map((n) => JSON.stringify(n)).join(', ')}: ` +
          `add an alias to an actor, or map it with --map`,
      });
      continue;
    }
    const side1 = [...new Set(names.side1.map((n) => match(n)!))];
    const side2 = [...new Set(names.side2.map((n) => match(n)!))];
    for (const a of side1) {
      for (const b of side2) {
        if (a === b) continue;
        const [from, to] = isMutual(kind) && b < a ? [b, a] : [a, b];
        const key = `${kind} ${from} ${to}`;
        const group = groups.get(key) ?? {
          kind,
          from,
          to,
          since: date,
          until: date,
          events: [],
          fatalities: 0,
          places: new Set(),
          reporters: new Set(),
        };
        group.since = date < group.since ? date : group.since;
        group.until = date > group.until ? date : group.until;
        if (!group.events.includes(values.event_id_cnty)) {
          group.events.push(values.event_id_cnty);
          group.fatalities += fatalities;
        }
        for (const place of [values.location, values.admin1]) if (place) group.places.add(place);
        for (const reporter of listCell(values.source)) group.reporters.add(reporter);
        groups.set(key, group);
      }
    }
  }
  if (groups.size === 0) return batch;

  const name = basename(file, extname(file));
  const source: Source = {
    id: `acled-${foldForSearch(name).replace(/ /g, '-') || 'export'}`,
    file: basename(file),
    title: `ACLED export ${basename(file)}`,
    publisher: 'ACLED',
    published: [...groups.values()]
      .map((g) => g.until)
      .sort()
      .at(-1)!,
    publishedApproximate: false,
    reliability: UNGRADED,
  };
  batch.sources.push(source);
  for (const g of [...groups.values()].sort((x, y) => (x.from + x.to < y.from + y.to ? -1 : 1))) {
    const id = `acled-${g.from}-${g.kind === 'FIGHTS' ? 'fights' : 'negotiates'}-${g.to}`;
    const verb = g.kind === 'FIGHTS' ? 'Clashed or struck' : 'Reached an agreement';
    const events = g.events.length === 1 ? 'one ACLED event' : `${g.events.length} ACLED events`;
    const relation: RelationFacts = {
      id,
      kind: g.kind,
      from: g.from,
      to: g.to,
      since: g.since,
      until: g.until,
      precision: 'DAY',
      sinceBound: 'EXACT',
      summary: `${verb} in ${events} from ${g.since} to ${g.until}${g.kind === 'FIGHTS' ? `, with ${g.fatalities} reported fatalities` : ''}.`,
      places: [...g.places].sort(),
    };
    const citation = citationOf(id, source, {
      claimant: g.reporters.size ? [...g.reporters].sort().join('; ') : null,
      claimantActorId: null,
      locator: `ACLED events ${[...g.events].sort().join(', ')}`,
    });
    // What the rows add up to meets the same rules and limits as any relation (place names, sizes).
    const record = {
      ...relation,
      citations: [{ source: source.id, claimant: citation.claimant, locator: citation.locator }],
    };
    if (!Number.isSafeInteger(g.fatalities))
      batch.problems.push({
        where: `relation ${id}`,
        message: 'the fatalities add up to more than can be counted exactly',
      });
    else if (validRow(relationRecord, record, `relation ${id}`, batch.problems))
      batch.relations.push({ relation, citations: [citation] });
  }
  return batch;
}

/** ACLED's `fatalities`: empty is 0; otherwise a whole number from 0 that JavaScript holds exactly, or null. */
export function acledCount(cell: string | undefined): number | null {
  const text = (cell ?? '').trim();
  if (text === '') return 0;
  if (!/^\d+$/.test(text)) return null;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : null;
}

/** A mapping file: `acled_actor,actor_id` rows. */
export async function readActorMapping(
  file: string,
): Promise<{ mapping: Map<string, string>; unreadable: ImportBatch['unreadable'] }> {
  const { rows, unreadable } = await readCsv(file, ['acled_actor', 'actor_id']);
  return { mapping: new Map(rows.map((r) => [r.values.acled_actor, r.values.actor_id])), unreadable };
}
