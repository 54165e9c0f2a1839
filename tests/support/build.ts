import { citationOf, type Dataset } from '../../src/dataset/dataset.js';
import { derivedRelations } from '../../src/dataset/derived-relations.js';
import type {
  Actor,
  Citation,
  Relation as StoredRelation,
  RelationFacts as Relation,
  Source,
} from '../../src/domain/types.js';

export const buildSource = (overrides: Partial<Source> = {}): Source => ({
  id: 'test-source',
  file: 'test.txt',
  title: 'A test article',
  publisher: 'Test Wire',
  published: '2018-01-01',
  publishedApproximate: false,
  reliability: 'F',
  ...overrides,
});

export const buildActor = (overrides: Partial<Actor> & { id: string }): Actor => ({
  name: overrides.id.toUpperCase(),
  kind: 'ARMED_GROUP',
  aliases: [],
  description: null,
  ...overrides,
});

export const buildRelation = (overrides: Partial<Relation> & Pick<Relation, 'id' | 'from' | 'to'>): Relation => ({
  kind: 'FIGHTS',
  since: '2017-12-01',
  until: null,
  precision: 'DAY',
  sinceBound: 'EXACT',
  summary: `${overrides.from} and ${overrides.to}`,
  places: [],
  ...overrides,
});

export const buildCitation = (relationId: string, source: Source, overrides: Partial<Citation> = {}): Citation => ({
  ...citationOf(relationId, source, { claimant: null, claimantActorId: null }),
  ...overrides,
});

/** A dataset where every relation cites one test source, unless citations are given. */
export function buildDataset(parts: {
  actors: Actor[];
  relations?: Relation[];
  citations?: Citation[];
  sources?: Source[];
}): Dataset {
  const sources = parts.sources ?? [buildSource()];
  const relations = parts.relations ?? [];
  return {
    sources,
    actors: parts.actors,
    relations,
    citations: parts.citations ?? relations.map((r) => buildCitation(r.id, sources[0])),
  };
}

/**
 * A small conflict with every shape the contract needs: mutual and directed kinds, open and
 * closed intervals, a one-day event, accents and aliases.
 *
 *   gov --FIGHTS(2017-10-01..2017-12-31)-- rebels     ru --SUPPORTS(2015-09-30..)--> gov
 *   rebels --FIGHTS(2017-12-08..2017-12-08)-- daesh   ir --SUPPORTS(2017-10-01..2018-02-28)--> gov
 *   ru --NEGOTIATES(2017-05-04..)-- tr                tr --SUPPORTS(2018-01-01..)--> rebels
 *   cell --MEMBER_OF(2016-01-01..2016-12-31)--> daesh
 */
export function conflictDataset(): Dataset {
  const source = buildSource({
    id: 'wire-2017-12-10',
    title: 'Clashes in Idlib',
    publisher: 'Wire',
    published: '2017-12-10',
  });
  const second = buildSource({
    id: 'monitor-2018-02-09',
    title: 'Corridor opened',
    publisher: null,
    published: '2018-02-09',
    publishedApproximate: true,
  });
  const actors = [
    buildActor({ id: 'gov', name: 'Syrian Government', kind: 'STATE', aliases: ['Assad regime', 'Syrian Army'] }),
    buildActor({
      id: 'rebels',
      name: "Hay'at Taḥrīr al-Shām",
      aliases: ['HTS', 'Nusra Front'],
      description: 'Rebel alliance',
    }),
    buildActor({ id: 'daesh', name: 'Daesh', aliases: ['ISIS', 'Islamic State'] }),
    buildActor({ id: 'ru', name: 'Russia', kind: 'STATE', aliases: ['Moscow'] }),
    buildActor({ id: 'ir', name: 'Iran', kind: 'STATE' }),
    buildActor({ id: 'tr', name: 'Türkiye', kind: 'STATE', aliases: ['Turkey', 'Ankara'] }),
    buildActor({ id: 'cell', name: 'Desert cell', kind: 'MILITIA' }),
    buildActor({ id: 'loner', name: 'Unconnected monitor', kind: 'MONITOR' }),
  ];
  const relations = [
    buildRelation({
      id: 'gov-fights-rebels',
      from: 'gov',
      to: 'rebels',
      since: '2017-10-01',
      until: '2017-12-31',
      precision: 'MONTH',
    }),
    buildRelation({
      id: 'rebels-fight-daesh',
      from: 'rebels',
      to: 'daesh',
      since: '2017-12-08',
      until: '2017-12-08',
      places: ['Bashkun'],
    }),
    buildRelation({ id: 'ru-supports-gov', kind: 'SUPPORTS', from: 'ru', to: 'gov', since: '2015-09-30', until: null }),
    buildRelation({
      id: 'ir-supports-gov',
      kind: 'SUPPORTS',
      from: 'ir',
      to: 'gov',
      since: '2017-10-01',
      until: '2018-02-28',
      precision: 'MONTH',
    }),
    buildRelation({
      id: 'tr-supports-rebels',
      kind: 'SUPPORTS',
      from: 'tr',
      to: 'rebels',
      since: '2018-01-01',
      until: null,
    }),
    buildRelation({
      id: 'ru-negotiates-tr',
      kind: 'NEGOTIATES',
      from: 'ru',
      to: 'tr',
      since: '2017-05-04',
      until: null,
    }),
    buildRelation({
      id: 'cell-member-of-daesh',
      kind: 'MEMBER_OF',
      from: 'cell',
      to: 'daesh',
      since: '2016-01-01',
      until: '2016-12-31',
      precision: 'YEAR',
    }),
  ];
  const citations = [
    ...relations.map((r) => buildCitation(r.id, source)),
    buildCitation('gov-fights-rebels', second, { claimant: 'Observatory director', claimantActorId: 'loner' }),
  ];
  return { sources: [source, second], actors, relations, citations };
}

/** A ring of `n` actors, each fighting the next and supporting the one after: every actor has four relations. */
export function ringDataset(n: number): Dataset {
  const actors = Array.from({ length: n }, (_, i) => buildActor({ id: `a${String(i).padStart(3, '0')}` }));
  const relations: Relation[] = actors.flatMap((a, i) => [
    buildRelation({ id: `f${i}`, from: a.id, to: actors[(i + 1) % n].id }),
    buildRelation({ id: `s${i}`, kind: 'SUPPORTS', from: a.id, to: actors[(i + 2) % n].id, since: '2018-01-01' }),
  ]);
  return buildDataset({ actors, relations });
}

/** A dataset's relations as a store holds them: each with what its citations vouch for. */
export const storedRelations = derivedRelations;

/** One relation as a store would hold it, cited once by the test source. */
export const buildStoredRelation = (
  overrides: Partial<Relation> & Pick<Relation, 'id' | 'from' | 'to'>,
): StoredRelation => storedRelations(buildDataset({ actors: [], relations: [buildRelation(overrides)] }))[0];
