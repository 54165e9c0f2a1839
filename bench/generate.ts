/**
 * A seeded generator of realistic dated conflict graphs, at benchmark scale.
 *
 * - Degrees are skewed: each relation's two ends are drawn from a Zipf–Mandelbrot law over
 *   actors (weight 1 / (rank + q)), so a few hubs have thousands of relations and most actors a
 *   handful. Ranks are shuffled, so hub ids are scattered.
 * - Intervals spread over 2011–2020: `since` uniform over the decade; 10% open-ended, 15%
 *   one-day events, the rest last an exponential time (mean 120 days). MONTH and YEAR precision
 *   dates are widened to the month or year, as the dataset format says.
 * - Kinds are mixed (FIGHTS 40%, SUPPORTS 30%, NEGOTIATES 15%, MEMBER_OF 15%).
 * - Each relation has 1 or 2 citations (60/40) over a few hundred sources, themselves drawn
 *   with a milder skew (some outlets are cited far more); 20% of citations name a claimant,
 *   half of those an actor of the graph.
 *
 * Same size and seed, same dataset, in any process.
 */
import { citationOf, type Dataset } from '../src/dataset/dataset.js';
import {
  UNGRADED,
  type Actor,
  type ActorKind,
  type Citation,
  type DatePrecision,
  type RelationFacts as Relation,
  type RelationKind,
  type Source,
} from '../src/domain/types.js';
import { Random } from './random.js';
import { SIZES, type SizeName } from './sizes.js';

/** Bump when the generator changes, so a reused Neo4j graph is never a stale one. */
export const GENERATOR_VERSION = 1;

export const DECADE = { from: '2011-01-01', to: '2020-12-31' } as const;
const DAY_MS = 86_400_000;
const DECADE_START = Date.UTC(2011, 0, 1);
const DECADE_DAYS = Math.round((Date.UTC(2020, 11, 31) - DECADE_START) / DAY_MS) + 1;

const KIND_WEIGHTS: Record<RelationKind, number> = { FIGHTS: 40, SUPPORTS: 30, NEGOTIATES: 15, MEMBER_OF: 15 };
const ACTOR_KIND_WEIGHTS: Record<ActorKind, number> = {
  ARMED_GROUP: 35,
  MILITIA: 20,
  PERSON: 15,
  STATE: 5,
  COALITION: 8,
  POLITICAL_DELEGATION: 5,
  INTERNATIONAL_ORGANIZATION: 4,
  MONITOR: 4,
  MEDIA: 4,
};
const PRECISION_WEIGHTS: Record<DatePrecision, number> = { DAY: 60, MONTH: 30, YEAR: 10 };

const SYLLABLES = [
  'al',
  'ba',
  'dar',
  'fa',
  'ha',
  'jab',
  'ka',
  'lat',
  'ma',
  'nur',
  'qa',
  'ra',
  'sham',
  'ta',
  'wa',
  'za',
  'ish',
  'un',
  'ar',
  'mi',
];
const GROUP_WORDS = [
  'Brigade',
  'Front',
  'Battalion',
  'Movement',
  'Council',
  'Legion',
  'Army',
  'Alliance',
  'Division',
  'Committee',
];
const PLACES = [
  'Idlib',
  'Saraqib',
  'Maarat al-Numan',
  'Khan Shaykhun',
  'Jisr al-Shughur',
  'Ariha',
  'Abu al-Duhur',
  'Sarmin',
  'Binnish',
  'Kafr Nabl',
  'Hama',
  'Aleppo',
  'Latakia',
  'Afrin',
  'Azaz',
  'al-Bab',
  'Manbij',
  'Raqqa',
  'Deir ez-Zor',
  'Homs',
  'Damascus',
  'Daraa',
  'Quneitra',
  'Tal Rifaat',
  'Atarib',
  'Darat Izza',
  'Harem',
  'Salqin',
  'Taftanaz',
  'Kafr Takharim',
  'Astana',
  'Sochi',
  'Geneva',
  'Ankara',
  'Moscow',
  'Tehran',
  'Amman',
  'Beirut',
  'Gaziantep',
  'Hatay',
];
const VERBS: Record<RelationKind, string[]> = {
  FIGHTS: ['clashed with', 'shelled positions of', 'launched an offensive against', 'ambushed a convoy of', 'fought'],
  SUPPORTS: ['supplied weapons to', 'provided air cover for', 'funded', 'trained fighters of', 'backed'],
  NEGOTIATES: [
    'held talks with',
    'agreed a ceasefire with',
    'exchanged prisoners with',
    'mediated with',
    'negotiated with',
  ],
  MEMBER_OF: ['joined', 'merged into', 'pledged allegiance to', 'sent a delegation into', 'became part of'],
};
const CONTEXTS = [
  'near the front line',
  'according to local reports',
  'after weeks of escalation',
  'during the winter campaign',
  'in the countryside',
  'amid a fragile truce',
  'along the main highway',
  'as displacement grew',
];
const PUBLISHERS = [
  'Arab News',
  'Middle East Monitor',
  'Yeni Şafak',
  'Al Jazeera',
  'Reuters',
  'Enab Baladi',
  'SANA',
  'TASS',
  'Anadolu',
  null,
];

export interface GenerateOptions {
  size: SizeName;
  seed: number;
}

/** Builds the dataset of a size from a seed (deterministic). */
export function generateDataset({ size, seed }: GenerateOptions): Dataset {
  const spec = SIZES[size];
  const rng = new Random(seed);
  const sources = makeSources(rng.fork('sources'), spec.sources);
  const actors = makeActors(rng.fork('actors'), spec.actors);
  const relations = makeRelations(rng.fork('relations'), actors, spec.relations);
  const citations = makeCitations(rng.fork('citations'), relations, sources, actors);
  return { sources, actors, relations, citations };
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const isoDay = (day: number) => new Date(DECADE_START + day * DAY_MS).toISOString().slice(0, 10);

function name(rng: Random, syllables: number): string {
  let s = '';
  for (let i = 0; i < syllables; i++) s += rng.pick(SYLLABLES);
  return s[0].toUpperCase() + s.slice(1);
}

function makeSources(rng: Random, count: number): Source[] {
  const width = String(count).length;
  return Array.from({ length: count }, (_, i) => {
    const published = isoDay(rng.int(DECADE_DAYS));
    return {
      id: `src-${pad(i, width)}`,
      file: `bench-${pad(i, width)}.txt`,
      title: `${name(rng, 2)} and ${name(rng, 3)}: report from ${rng.pick(PLACES)}`,
      publisher: rng.pick(PUBLISHERS),
      published,
      publishedApproximate: rng.chance(0.2),
      reliability: UNGRADED,
    };
  });
}

function makeActors(rng: Random, count: number): Actor[] {
  const width = String(count - 1).length;
  return Array.from({ length: count }, (_, i) => {
    const kind = rng.weighted(ACTOR_KIND_WEIGHTS);
    const base = name(rng, 2 + rng.int(2));
    const display = kind === 'PERSON' ? `${base} ${name(rng, 2)}` : `${base} ${rng.pick(GROUP_WORDS)}`;
    const aliases = Array.from({ length: rng.int(3) }, () => `${name(rng, 2)} ${rng.pick(GROUP_WORDS)}`);
    return {
      id: `actor-${pad(i, width)}`,
      name: display,
      kind,
      aliases,
      description: rng.chance(0.5) ? `${display}, active around ${rng.pick(PLACES)} and ${rng.pick(PLACES)}.` : null,
    };
  });
}

/** Cumulative Zipf–Mandelbrot weights 1 / (rank + q) over `n` ranks. */
function zipfCdf(n: number, q: number): Float64Array {
  const cdf = new Float64Array(n);
  let total = 0;
  for (let r = 0; r < n; r++) cdf[r] = total += 1 / (r + 1 + q);
  for (let r = 0; r < n; r++) cdf[r] /= total;
  return cdf;
}

function drawRank(rng: Random, cdf: Float64Array): number {
  const x = rng.next();
  let lo = 0;
  let hi = cdf.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cdf[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function makeRelations(rng: Random, actors: Actor[], count: number): Relation[] {
  // q grows with the graph so the biggest hubs stay in the thousands (about 5k at 10^6 relations).
  const cdf = zipfCdf(actors.length, Math.max(1, actors.length / 2000));
  const byRank = rng.shuffle(actors.map((a) => a.id));
  const width = String(count - 1).length;
  const relations: Relation[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const kind = rng.weighted(KIND_WEIGHTS);
    const from = byRank[drawRank(rng, cdf)];
    let to = from;
    while (to === from) to = byRank[drawRank(rng, cdf)];
    const precision = rng.weighted(PRECISION_WEIGHTS);
    const { since, until } = interval(rng, precision);
    const places = Array.from({ length: rng.int(3) }, () => rng.pick(PLACES));
    relations[i] = {
      id: `rel-${pad(i, width)}`,
      kind,
      from,
      to,
      since,
      until,
      precision,
      summary: `${from} ${rng.pick(VERBS[kind])} ${to} ${rng.pick(CONTEXTS)}${places.length ? ` around ${places.join(' and ')}` : ''}.`,
      places: [...new Set(places)],
      sinceBound: 'EXACT',
    };
  }
  return relations;
}

function interval(rng: Random, precision: DatePrecision): { since: string; until: string | null } {
  const start = rng.int(DECADE_DAYS);
  const roll = rng.next();
  const length = roll < 0.1 ? null : roll < 0.25 ? 0 : Math.round(-Math.log(1 - rng.next()) * 120);
  const startDate = new Date(DECADE_START + start * DAY_MS);
  const endDate = length === null ? null : new Date(DECADE_START + (start + length) * DAY_MS);
  if (precision === 'DAY') return { since: iso(startDate), until: endDate && iso(endDate) };
  if (precision === 'MONTH') {
    return {
      since: iso(new Date(Date.UTC(startDate.getUTCFullYear(), startDate.getUTCMonth(), 1))),
      until: endDate && iso(new Date(Date.UTC(endDate.getUTCFullYear(), endDate.getUTCMonth() + 1, 0))),
    };
  }
  return {
    since: `${startDate.getUTCFullYear()}-01-01`,
    until: endDate && `${endDate.getUTCFullYear()}-12-31`,
  };
}

const iso = (date: Date) => date.toISOString().slice(0, 10);

function makeCitations(rng: Random, relations: Relation[], sources: Source[], actors: Actor[]): Citation[] {
  const cdf = zipfCdf(sources.length, 10);
  const citations: Citation[] = [];
  for (const relation of relations) {
    const count = rng.chance(0.6) ? 1 : 2;
    const first = drawRank(rng, cdf);
    let second = first;
    while (count === 2 && second === first) second = drawRank(rng, cdf);
    for (const index of count === 1 ? [first] : [first, second]) {
      const source = sources[index];
      const claimed = rng.chance(0.2);
      const claimantActor = claimed && rng.chance(0.5) ? rng.pick(actors) : null;
      const claimant = claimed
        ? claimantActor
          ? `${claimantActor.name} spokesperson`
          : `a ${rng.pick(['local', 'military', 'opposition'])} source`
        : null;
      citations.push(citationOf(relation.id, source, { claimant, claimantActorId: claimantActor?.id ?? null }));
    }
  }
  return citations;
}

/** Relations per actor, for picking workload arguments and for the report. */
export function degrees(dataset: Dataset): Map<string, number> {
  const degree = new Map<string, number>(dataset.actors.map((a) => [a.id, 0]));
  for (const r of dataset.relations) {
    degree.set(r.from, degree.get(r.from)! + 1);
    degree.set(r.to, degree.get(r.to)! + 1);
  }
  return degree;
}
