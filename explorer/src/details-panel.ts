// The details panel: a clicked actor (aliases, neighbourhood on the day, every relation it had with
// its citations) or a clicked relation (dates and how they are bounded, precision, last report,
// summary, evidence, citations with their grading and who claims them).

import { daysBetween, formatDay, formatSpan } from './dates.js';
import { fill, h } from './dom.js';
import { grade, RELIABILITY_TEXT } from './grading.js';
import { API_LIMITS } from './limits.js';
import type {
  ActorDetailData,
  ActorRef,
  Citation,
  Evidence,
  RelationDetail,
  Reliability,
  SourceGrade,
  Subgraph,
} from './queries.js';
import { assumedContinuing, type Reading } from './reading.js';
import { ACTOR_KINDS, actorIcon, RELATION_KINDS, relationIcon } from './theme.js';

/**
 * The day shown and how it is read: `active` holds the ids of the relations active that day, as the
 * API's snapshot of that day under `reading` answered (the panel never decides for itself what is active).
 */
export interface DayShown {
  at: string;
  active: ReadonlySet<string>;
  reading: Reading;
}

/** Each source's reliability, by source id. */
export type Grades = ReadonlyMap<string, Reliability>;

export function gradesOf(sources: SourceGrade[]): Grades {
  return new Map(sources.map((s) => [s.id, s.reliability]));
}

export interface DetailsHandlers {
  onActor(id: string): void;
  onRelation(id: string): void;
  onHops(hops: number): void;
}

type ActorDetail = NonNullable<ActorDetailData['actor']>;

const BOUND_TEXT =
  'The start is the date of the first report that mentions it, not of the event: it began on or before then.';

const PRECISION_TEXT = {
  DAY: 'Day: the sources give the exact day.',
  MONTH: 'Month: the sources give only the month; dates run from its first to its last day.',
  YEAR: 'Year: the sources give only the year; dates run from its first to its last day.',
} as const;

function actorLink(actor: ActorRef, handlers: DetailsHandlers) {
  return h(
    'button',
    { type: 'button', class: 'link actor-link', 'data-actor': actor.id, onclick: () => handlers.onActor(actor.id) },
    actorIcon(actor.kind, 12),
    actor.name,
  );
}

function kindBadge(kind: keyof typeof RELATION_KINDS) {
  return h('span', { class: `badge rel-${kind}` }, kind.replace('_', ' '));
}

/** How a relation reads from one of its actors: "supports", "is supported by", "fights". */
function verbFor(relation: RelationDetail, actorId: string): string {
  const style = RELATION_KINDS[relation.kind];
  if (!style.directed || relation.from.id === actorId) return style.verb;
  return relation.kind === 'SUPPORTS' ? 'is supported by' : 'has as member';
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Each citation with its grading ("F6": the source's reliability, the report's credibility) and stance. */
export function citationList(citations: Citation[], grades: Grades) {
  return h(
    'ul',
    { class: 'citations' },
    citations.map((c) => {
      const g = grade(grades.get(c.source) ?? 'F', c.credibility);
      return h(
        'li',
        { class: c.stance === 'DISPUTES' ? 'disputes' : null },
        h('span', { class: 'grade', 'data-testid': 'grade', title: g.text }, g.code),
        ' ',
        c.stance === 'DISPUTES' ? h('span', { class: 'stance' }, 'Disputes it: ') : null,
        h('span', { class: 'cite-title' }, `“${c.title}”`),
        h(
          'span',
          { class: 'cite-meta' },
          `${c.publisher ?? 'Publisher not named'}, ${formatDay(c.published)}${c.publishedApproximate ? ' (date inferred)' : ''}`,
        ),
        c.claimant
          ? h('span', { class: 'claimant' }, 'Claimed by ', h('strong', {}, c.claimant))
          : h('span', { class: 'cite-own' }, 'Stated by the article itself'),
      );
    }),
  );
}

/** How well a relation is sourced (the API's `evidence`). */
function evidenceFacts(e: Evidence) {
  return h(
    'section',
    { class: 'evidence', 'data-testid': 'evidence' },
    h('h3', {}, 'Evidence'),
    h(
      'dl',
      { class: 'facts' },
      h('dt', {}, 'Reported by'),
      h(
        'dd',
        { 'data-testid': 'evidence-reports' },
        `${plural(e.sources, 'source')}, ${plural(e.publishers, 'publisher')}`,
      ),
      h('dt', {}, 'Stated'),
      h(
        'dd',
        { 'data-testid': 'evidence-stated' },
        e.stated ? 'Yes: a source states it itself' : 'No: every report is someone’s claim',
      ),
      h('dt', {}, 'Claimed by'),
      h(
        'dd',
        { 'data-testid': 'evidence-claimants' },
        e.claimants.length ? e.claimants.join(', ') : h('span', { class: 'muted' }, 'no one'),
      ),
      h('dt', {}, 'Self-reported'),
      h(
        'dd',
        { 'data-testid': 'evidence-self-reported' },
        e.selfReported ? 'Yes: every report is a claim by one of its own two actors' : 'No',
      ),
      h('dt', {}, 'Disputed'),
      h(
        'dd',
        { 'data-testid': 'evidence-disputed', class: e.disputed ? 'disputed' : null },
        e.disputed ? 'Yes: a source disputes it' : 'No',
      ),
      h('dt', {}, 'Best source'),
      h(
        'dd',
        { 'data-testid': 'evidence-reliability' },
        `${e.bestReliability}: ${RELIABILITY_TEXT[e.bestReliability]}`,
      ),
    ),
  );
}

/** Whether a relation holds on the day shown, and why, under the reading. */
function onTheDay(relation: RelationDetail, day: DayShown): string {
  if (!day.active.has(relation.id)) {
    return day.reading.openEnd === 'LAST_REPORTED' && relation.until === null && relation.lastReported < day.at
      ? `Not active: last reported ${formatDay(relation.lastReported)}`
      : 'Not active';
  }
  return assumedContinuing(relation, day.at, day.reading.openEnd)
    ? `Assumed continuing: no source reports it since ${formatDay(relation.lastReported)}`
    : 'Active';
}

export class DetailsPanel {
  private actor: ActorDetail | null = null;
  private grades: Grades = new Map();
  private hops = 1;
  /** The shown actor's timeline track: its first day and length in days. */
  private track: { start: string; span: number } | null = null;

  constructor(
    private readonly root: HTMLElement,
    private readonly handlers: DetailsHandlers,
  ) {
    this.empty();
  }

  empty(): void {
    this.actor = null;
    fill(
      this.root,
      h(
        'div',
        { class: 'placeholder' },
        h(
          'p',
          {},
          h('strong', {}, 'Click an actor'),
          ' to see its names, its neighbourhood on the day shown and every relation it had, with sources.',
        ),
        h(
          'p',
          {},
          h('strong', {}, 'Click a relation'),
          ' (a line) for its dates, how precise they are, a summary and who says so.',
        ),
      ),
    );
  }

  loading(): void {
    this.root.setAttribute('aria-busy', 'true');
  }

  message(text: string): void {
    this.root.removeAttribute('aria-busy');
    fill(this.root, h('p', { class: 'placeholder' }, text));
  }

  /** The actor currently shown, if any. */
  actorId(): string | null {
    return this.actor?.id ?? null;
  }

  showActor(actor: ActorDetail, neighbourhood: Subgraph, day: DayShown, hops: number, grades: Grades): void {
    this.root.removeAttribute('aria-busy');
    this.actor = actor;
    this.hops = hops;
    this.grades = grades;
    const kind = ACTOR_KINDS[actor.kind];
    fill(
      this.root,
      h(
        'article',
        { class: 'detail', 'data-actor': actor.id },
        h(
          'header',
          { class: 'detail-head' },
          actorIcon(actor.kind, 18),
          h('h2', {}, actor.name),
          h('span', { class: 'kind', style: `--kind:${kind.color}` }, kind.label),
        ),
        actor.description ? h('p', { class: 'description' }, actor.description) : null,
        h(
          'section',
          { class: 'aliases' },
          h('h3', {}, 'Also known as'),
          actor.aliases.length
            ? h(
                'ul',
                { class: 'chips', 'data-testid': 'aliases' },
                actor.aliases.map((a) => h('li', {}, a)),
              )
            : h('p', { class: 'muted' }, 'No other names in the sources.'),
        ),
        h('section', { class: 'neighbourhood', id: 'neighbourhood' }),
        this.relationsTimeline(actor, day),
      ),
    );
    this.updateNeighbourhood(neighbourhood, day);
  }

  /** Redraws the neighbourhood list for another day (the relations timeline only moves its marker). */
  updateNeighbourhood(neighbourhood: Subgraph, day: DayShown): void {
    const { at, active } = day;
    const actor = this.actor;
    const section = this.root.querySelector<HTMLElement>('#neighbourhood');
    if (!actor || !section) return;
    const others = neighbourhood.nodes.filter((n) => n.id !== actor.id);
    const direct = new Map<string, Set<keyof typeof RELATION_KINDS>>();
    for (const e of neighbourhood.edges) {
      const other = e.from.id === actor.id ? e.to.id : e.to.id === actor.id ? e.from.id : null;
      if (other) direct.set(other, (direct.get(other) ?? new Set()).add(e.kind));
    }
    const hopsSelect = h(
      'select',
      {
        'aria-label': 'Hops',
        onchange: (event: Event) => this.handlers.onHops(Number((event.target as HTMLSelectElement).value)),
      },
      Array.from({ length: API_LIMITS.neighborhoodHops.max }, (_, i) => i + 1).map((n) =>
        h('option', { value: n, selected: n === this.hops }, `${n} hop${n > 1 ? 's' : ''}`),
      ),
    );
    fill(
      section,
      h('h3', {}, `Neighbourhood on ${formatDay(at)} `, hopsSelect),
      others.length === 0
        ? h('p', { class: 'muted' }, 'No active relation that day.')
        : h(
            'ul',
            { class: 'neighbours' },
            others.map((n) =>
              h(
                'li',
                {},
                h(
                  'span',
                  {
                    class: 'neighbour-kinds',
                    title: direct.has(n.id) ? [...direct.get(n.id)!].join(', ') : 'Reached through another actor',
                  },
                  direct.has(n.id)
                    ? [...direct.get(n.id)!].map((k) => relationIcon(k, 22))
                    : h('span', { class: 'muted' }, '2+ hops'),
                ),
                actorLink(n, this.handlers),
              ),
            ),
          ),
    );
    this.root
      .querySelectorAll<HTMLElement>('.timeline-row')
      .forEach((row) => row.classList.toggle('active', active.has(row.dataset.relationId!)));
    this.placeNowMarker(at);
  }

  showRelation(relation: RelationDetail, day: DayShown, grades: Grades): void {
    this.root.removeAttribute('aria-busy');
    this.actor = null;
    this.grades = grades;
    const style = RELATION_KINDS[relation.kind];
    fill(
      this.root,
      h(
        'article',
        { class: 'detail', 'data-relation': relation.id },
        h(
          'header',
          { class: 'detail-head' },
          relationIcon(relation.kind, 34),
          h('h2', {}, `${relation.from.name} ${style.verb} ${relation.to.name}`),
        ),
        h(
          'dl',
          { class: 'facts' },
          h('dt', {}, 'Kind'),
          h('dd', {}, kindBadge(relation.kind), style.directed ? ' (directed: from → to)' : ' (mutual)'),
          h('dt', {}, 'From'),
          h('dd', {}, actorLink(relation.from, this.handlers)),
          h('dt', {}, 'To'),
          h('dd', {}, actorLink(relation.to, this.handlers)),
          h('dt', {}, 'When'),
          h(
            'dd',
            { 'data-testid': 'relation-dates' },
            formatSpan(relation.since, relation.until, relation.precision, relation.sinceBound),
            h('br'),
            h(
              'span',
              { class: 'muted' },
              `since ${relation.sinceBound === 'ON_OR_BEFORE' ? 'on or before ' : ''}${relation.since}, until ${relation.until ?? 'unknown'}`,
            ),
            relation.sinceBound === 'ON_OR_BEFORE' ? [h('br'), h('span', { class: 'muted' }, BOUND_TEXT)] : null,
          ),
          h('dt', {}, 'Precision'),
          h('dd', {}, PRECISION_TEXT[relation.precision]),
          h('dt', {}, 'Last reported'),
          h('dd', { 'data-testid': 'last-reported' }, formatDay(relation.lastReported)),
          h('dt', {}, `On ${formatDay(day.at)}`),
          h('dd', { 'data-testid': 'on-the-day' }, onTheDay(relation, day)),
          relation.places.length ? [h('dt', {}, 'Places'), h('dd', {}, relation.places.join(', '))] : null,
        ),
        h('p', { class: 'summary' }, relation.summary),
        evidenceFacts(relation.evidence),
        h('h3', {}, `Citations (${relation.citations.length})`),
        citationList(relation.citations, grades),
      ),
    );
  }

  private relationsTimeline(actor: ActorDetail, day: DayShown) {
    const { at, active } = day;
    const relations = actor.relations;
    if (relations.length === 0) return h('section', {}, h('h3', {}, 'Relations'), h('p', { class: 'muted' }, 'None.'));
    // The track spans this actor's relations and the day shown.
    const start = [at, ...relations.map((r) => r.since)].sort()[0];
    const end = [at, ...relations.map((r) => r.until ?? r.since)].sort().at(-1)!;
    const span = Math.max(1, daysBetween(start, end));
    const pct = (date: string) => (100 * daysBetween(start, date)) / span;
    this.track = { start, span };
    return h(
      'section',
      { class: 'timeline' },
      h('h3', {}, `Relations over time (${relations.length}), oldest first`),
      h('div', { class: 'timeline-axis' }, h('span', {}, formatDay(start)), h('span', {}, formatDay(end))),
      h(
        'ol',
        { class: 'timeline-list' },
        relations.map((r) => {
          const other = r.from.id === actor.id ? r.to : r.from;
          const verb = verbFor(r, actor.id);
          const left = pct(r.since);
          const right = r.until === null ? 100 : pct(r.until);
          // Past its last report a relation with no known end is only assumed (ONGOING) or not drawn at all.
          const reported = r.until === null ? pct(r.lastReported) : right;
          return h(
            'li',
            {
              class: `timeline-row${active.has(r.id) ? ' active' : ''}`,
              'data-relation-id': r.id,
            },
            h(
              'div',
              { class: 'timeline-track' },
              h('span', {
                class: `bar rel-${r.kind}`,
                style: `left:${left}%;width:max(3px, ${reported - left}%)`,
              }),
              r.until === null && day.reading.openEnd === 'ONGOING'
                ? h('span', {
                    class: `bar rel-${r.kind} open`,
                    title: `Assumed continuing: no source reports it since ${formatDay(r.lastReported)}`,
                    style: `left:${reported}%;width:${right - reported}%`,
                  })
                : null,
              h('span', { class: 'now' }),
            ),
            h(
              'div',
              { class: 'timeline-text' },
              h(
                'div',
                { class: 'timeline-title' },
                kindBadge(r.kind),
                ' ',
                h('span', { class: 'verb' }, verb),
                ' ',
                actorLink(other, this.handlers),
              ),
              h(
                'div',
                { class: 'timeline-dates' },
                formatSpan(r.since, r.until, r.precision, r.sinceBound),
                r.until === null ? ` · last reported ${formatDay(r.lastReported)}` : null,
                ' · ',
                h(
                  'button',
                  { type: 'button', class: 'link', onclick: () => this.handlers.onRelation(r.id) },
                  'details',
                ),
              ),
              h('p', { class: 'summary' }, r.summary),
              citationList(r.citations, this.grades),
            ),
          );
        }),
      ),
    );
  }

  private placeNowMarker(at: string): void {
    if (!this.track) return;
    const left = Math.min(100, Math.max(0, (100 * daysBetween(this.track.start, at)) / this.track.span));
    this.root.querySelectorAll<HTMLElement>('.timeline-track .now').forEach((el) => (el.style.left = `${left}%`));
  }
}
