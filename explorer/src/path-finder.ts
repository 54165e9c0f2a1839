// The path finder: two actors and a window; the shortest path and the time-respecting paths
// between them under the page's reading (only relations it keeps are walked), one of which is
// highlighted on the graph.

import { ApiError, describeError, gql } from './api.js';
import { formatDay, formatSpan, isDate, monthEnd, monthIndex, monthStart } from './dates.js';
import { byId, fill, h } from './dom.js';
import { API_LIMITS } from './limits.js';
import { PATHS, type ActorRef, type Path, type PathsData } from './queries.js';
import { describeReading, readingVariables, type Reading } from './reading.js';
import { actorIcon, relationIcon, RELATION_KINDS } from './theme.js';

export interface PathFinderHandlers {
  /** Highlight this path on the graph (null clears); `window` is the one it was searched in. */
  onPath(path: Path | null, window?: { from: string; to: string }): void;
}

/** How a relation reads walking from `actorId` along it: "supports", "is supported by", "fights". */
function stepVerb(relation: Path['relations'][number], actorId: string): string {
  const style = RELATION_KINDS[relation.kind];
  if (!style.directed || relation.from.id === actorId) return style.verb;
  return relation.kind === 'SUPPORTS' ? 'is supported by' : 'has as member';
}

/** A path as a vertical list: actor, relation (kind, how it reads, dates), actor, ... */
function describePath(path: Path) {
  return h(
    'ol',
    { class: 'path-steps' },
    path.actors.flatMap((actor, i) => {
      const relation = path.relations[i];
      return [
        h('li', { class: 'step-actor' }, actorIcon(actor.kind, 12), actor.name),
        relation
          ? h(
              'li',
              { class: 'step-relation' },
              relationIcon(relation.kind, 22),
              h('span', {}, stepVerb(relation, actor.id)),
              h('span', { class: 'muted' }, formatSpan(relation.since, relation.until, relation.precision)),
            )
          : null,
      ];
    }),
  );
}

/**
 * The day of `window` on which most of the path's relations are active (the earliest of those):
 * where the view goes to show a path found in a window it is not on.
 */
export function pathDay(path: Path, window: { from: string; to: string }): string {
  const candidates = [window.from, ...path.relations.map((r) => r.since), window.to].filter(
    (d) => d >= window.from && d <= window.to,
  );
  const active = (day: string) =>
    path.relations.filter((r) => r.since <= day && (r.until === null || r.until >= day)).length;
  return candidates.sort().reduce((best, day) => (active(day) > active(best) ? day : best));
}

export class PathFinder {
  private readonly from = byId<HTMLSelectElement>('path-from');
  private readonly to = byId<HTMLSelectElement>('path-to');
  private readonly windowFrom = byId<HTMLInputElement>('path-window-from');
  private readonly windowTo = byId<HTMLInputElement>('path-window-to');
  private readonly maxHops = byId<HTMLSelectElement>('path-max-hops');
  private readonly directed = byId<HTMLInputElement>('path-directed');
  private readonly results = byId('path-results');
  private controller: AbortController | null = null;
  private paths: { label: string; path: Path }[] = [];
  /** The window the paths shown were searched in. */
  private searched: { from: string; to: string } | undefined;

  constructor(
    actors: ActorRef[],
    range: { min: string; max: string },
    shownDate: () => string,
    private readonly reading: () => Reading,
    private readonly handlers: PathFinderHandlers,
  ) {
    const byName = [...actors].sort((a, b) => a.name.localeCompare(b.name));
    const options = () => byName.map((a) => h('option', { value: a.id }, a.name));
    fill(this.from, h('option', { value: '' }, 'Choose an actor…'), options());
    fill(this.to, h('option', { value: '' }, 'Choose an actor…'), options());
    for (const input of [this.windowFrom, this.windowTo]) {
      input.min = range.min;
      input.max = range.max;
    }
    this.useMonth(shownDate());
    // The page offers a few lengths; none beyond what the API accepts for both queries it sends.
    const hopsCap = Math.min(API_LIMITS.shortestPathMaxHops.max, API_LIMITS.pathsMaxHops.max);
    for (const option of [...this.maxHops.options]) if (Number(option.value) > hopsCap) option.remove();

    byId('path-form').addEventListener('submit', (event) => {
      event.preventDefault();
      void this.search();
    });
    byId('path-swap').addEventListener('click', () => {
      [this.from.value, this.to.value] = [this.to.value, this.from.value];
    });
    byId('path-use-month').addEventListener('click', () => this.useMonth(shownDate()));
    byId('path-clear').addEventListener('click', () => this.clear());
  }

  /** Sets the window to the month of a date. */
  useMonth(date: string): void {
    this.windowFrom.value = monthStart(monthIndex(date));
    this.windowTo.value = monthEnd(monthIndex(date));
  }

  /** Searches again (under a new reading) when paths are shown. */
  refresh(): void {
    if (this.results.dataset.state === 'ready') void this.search();
  }

  clear(): void {
    this.controller?.abort();
    this.paths = [];
    this.results.dataset.state = 'empty';
    fill(this.results);
    this.handlers.onPath(null);
  }

  async search(): Promise<void> {
    const from = this.from.value;
    const to = this.to.value;
    const window = { from: this.windowFrom.value, to: this.windowTo.value };
    if (!from || !to) return this.say('Choose two actors.');
    if (from === to) return this.say('Choose two different actors.');
    if (!isDate(window.from) || !isDate(window.to)) return this.say('Give the window as two dates.');

    this.controller?.abort();
    const controller = (this.controller = new AbortController());
    const reading = this.reading();
    this.results.dataset.state = 'loading';
    fill(this.results, h('p', { class: 'muted' }, 'Searching…'));
    let data: PathsData;
    try {
      data = await gql<PathsData>(
        PATHS,
        {
          from,
          to,
          window,
          maxHops: Number(this.maxHops.value),
          directed: this.directed.checked,
          ...readingVariables(reading),
        },
        controller.signal,
      );
    } catch (error) {
      if (controller.signal.aborted) return;
      this.results.dataset.state = 'error';
      fill(
        this.results,
        h('p', { class: 'inline-error', role: 'alert' }, `Path search failed: ${describeError(error)}`),
      );
      if (!(error instanceof ApiError)) console.error(error);
      return;
    }
    if (controller.signal.aborted) return;

    this.searched = window;
    const names = `${this.from.selectedOptions[0].text} → ${this.to.selectedOptions[0].text}`;
    const span = `${formatDay(window.from)} – ${formatDay(window.to)}`;
    this.paths = [];
    if (data.shortestPath)
      this.paths.push({
        label: `Shortest path · ${data.shortestPath.hops} hop${data.shortestPath.hops > 1 ? 's' : ''}`,
        path: data.shortestPath,
      });
    data.paths.forEach((path, i) =>
      this.paths.push({ label: `Time-respecting #${i + 1} · ${path.hops} hop${path.hops > 1 ? 's' : ''}`, path }),
    );

    const item = (entry: { label: string; path: Path }, index: number) =>
      h(
        'li',
        {},
        h(
          'button',
          {
            type: 'button',
            class: 'path-item',
            'data-path-index': index,
            'aria-pressed': 'false',
            onclick: () => this.highlight(index),
          },
          h('span', { class: 'path-label' }, entry.label),
          describePath(entry.path),
        ),
      );
    fill(
      this.results,
      h(
        'p',
        { class: 'path-query' },
        h('strong', {}, names),
        h('br'),
        `relations active in ${span}`,
        h('br'),
        h('span', { class: 'muted', 'data-testid': 'path-reading' }, describeReading(reading)),
      ),
      h('h3', {}, 'Shortest path'),
      data.shortestPath
        ? h('ol', { class: 'paths', 'data-kind': 'shortest' }, item(this.paths[0], 0))
        : h(
            'p',
            { class: 'muted', 'data-kind': 'shortest' },
            `No path of up to ${this.maxHops.value} hops in this window.`,
          ),
      h(
        'h3',
        {},
        'Time-respecting paths ',
        h('span', { class: 'muted' }, '(each relation starts no earlier than the one before)'),
      ),
      data.paths.length
        ? h(
            'ol',
            { class: 'paths', 'data-kind': 'time-respecting' },
            data.paths.map((_, i) =>
              item(this.paths[i + (data.shortestPath ? 1 : 0)], i + (data.shortestPath ? 1 : 0)),
            ),
          )
        : h('p', { class: 'muted' }, 'None in this window.'),
    );
    this.results.dataset.state = 'ready';
    if (this.paths.length) this.highlight(0);
    else this.handlers.onPath(null);
  }

  private highlight(index: number): void {
    const entry = this.paths[index];
    if (!entry) return;
    this.results
      .querySelectorAll<HTMLButtonElement>('.path-item')
      .forEach((button) => button.setAttribute('aria-pressed', String(Number(button.dataset.pathIndex) === index)));
    this.handlers.onPath(entry.path, this.searched);
  }

  private say(text: string): void {
    this.results.dataset.state = 'error';
    fill(this.results, h('p', { class: 'inline-error', role: 'alert' }, text));
  }
}
