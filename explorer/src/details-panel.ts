// The details panel: a clicked actor (aliases, neighbourhood on the day, every relation it had with
// its citations) or a clicked relation (dates, precision, summary, citations and who claims them).

import { daysBetween, formatDay, formatSpan } from './dates.js';
import { fill, h } from './dom.js';
import { API_LIMITS } from './limits.js';
import type { ActorDetailData, ActorRef, Citation, RelationDetail, Subgraph } from './queries.js';
import { ACTOR_KINDS, actorIcon, RELATION_KINDS, relationIcon } from './theme.js';

export interface DetailsHandlers {
  onActor(id: string): void;
  onRelation(id: string): void;
  onHops(hops: number): void;
}

type ActorDetail = NonNullable<ActorDetailData['actor']>;

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

export function citationList(citations: Citation[]) {
  return h(
    'ul',
    { class: 'citations' },
    citations.map((c) =>
      h(
        'li',
        {},
        h('span', { class: 'cite-title' }, `“${c.title}”`),
        h(
          'span',
          { class: 'cite-meta' },
          `${c.publisher ?? 'Publisher not named'}, ${formatDay(c.published)}${c.publishedApproximate ? ' (date inferred)' : ''}`,
        ),
        c.claimant
          ? h('span', { class: 'claimant' }, 'Claimed by ', h('strong', {}, c.claimant))
          : h('span', { class: 'cite-own' }, 'Stated by the article itself'),
      ),
    ),
  );
}

export class DetailsPanel {
  private actor: ActorDetail | null = null;
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

  /**
   * `active`: the ids of the relations active on `at`, as the API's snapshot of that day answered
   * (the panel never decides for itself what is active).
   */
  showActor(actor: ActorDetail, neighbourhood: Subgraph, at: string, active: ReadonlySet<string>, hops: number): void {
    this.root.removeAttribute('aria-busy');
    this.actor = actor;
    this.hops = hops;
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
        this.relationsTimeline(actor, at, active),
      ),
    );
    this.updateNeighbourhood(neighbourhood, at, active);
  }

  /** Redraws the neighbourhood list for another day (the relations timeline only moves its marker). */
  updateNeighbourhood(neighbourhood: Subgraph, at: string, active: ReadonlySet<string>): void {
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

  /** `active`: as for `showActor`. */
  showRelation(relation: RelationDetail, at: string, active: ReadonlySet<string>): void {
    this.root.removeAttribute('aria-busy');
    this.actor = null;
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
            formatSpan(relation.since, relation.until, relation.precision),
            h('br'),
            h('span', { class: 'muted' }, `since ${relation.since}, until ${relation.until ?? 'unknown'}`),
          ),
          h('dt', {}, 'Precision'),
          h('dd', {}, PRECISION_TEXT[relation.precision]),
          h('dt', {}, `On ${formatDay(at)}`),
          h('dd', {}, active.has(relation.id) ? 'Active' : 'Not active'),
          relation.places.length ? [h('dt', {}, 'Places'), h('dd', {}, relation.places.join(', '))] : null,
        ),
        h('p', { class: 'summary' }, relation.summary),
        h('h3', {}, `Sources (${relation.citations.length})`),
        citationList(relation.citations),
      ),
    );
  }

  private relationsTimeline(actor: ActorDetail, at: string, active: ReadonlySet<string>) {
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
                class: `bar rel-${r.kind}${r.until === null ? ' open' : ''}`,
                style: `left:${left}%;width:max(3px, ${right - left}%)`,
              }),
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
                formatSpan(r.since, r.until, r.precision),
                ' · ',
                h(
                  'button',
                  { type: 'button', class: 'link', onclick: () => this.handlers.onRelation(r.id) },
                  'details',
                ),
              ),
              h('p', { class: 'summary' }, r.summary),
              citationList(r.citations),
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
