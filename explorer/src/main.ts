// The explorer page: wires the graph, the time slider, the reading controls, the details panel, the
// changes list and the path finder to the public GraphQL API. Every view is one request (see queries.ts).

import './styles.css';
import { describeError, gql } from './api.js';
import { renderCamps } from './camps-panel.js';
import { renderChanges } from './changes-panel.js';
import { formatDay, isDate, monthIndex, monthStart, sliderDate } from './dates.js';
import { DetailsPanel, gradesOf, type DayShown } from './details-panel.js';
import { byId, fill, h } from './dom.js';
import { EXPORTS, exportUrl, saveBlob } from './downloads.js';
import { GraphView } from './graph-view.js';
import { PathFinder, pathDay } from './path-finder.js';
import {
  ACTOR_DETAIL,
  ALIGNMENT,
  type Alignment,
  type AlignmentData,
  BOOTSTRAP,
  MORE_ACTORS,
  MORE_RELATIONS,
  RELATION,
  snapshotQuery,
  type ActorDetailData,
  type ActorRef,
  type BootstrapData,
  type EdgeRef,
  type MoreActorsData,
  type MoreRelationsData,
  type Path,
  type RelationData,
  type SnapshotData,
} from './queries.js';
import {
  assumedContinuing,
  describeReading,
  MIN_PUBLISHERS_CHOICES,
  readingFromParams,
  readingKey,
  readingVariables,
  writeReading,
  type Reading,
} from './reading.js';
import type {} from './test-hooks.js';
import { ACTOR_KINDS, actorIcon, CAMP_COLORS, RELATION_KINDS, relationIcon } from './theme.js';
import { densePeriod, TimeSlider } from './time-slider.js';

type Tab = 'details' | 'paths' | 'changes' | 'camps';
type Selection = { kind: 'actor'; id: string } | { kind: 'relation'; id: string } | null;

const graphEl = byId('graph');
const statusEl = byId('graph-status');

// ---- errors: always a readable message in the page, never a blank page

const errorEl = byId('error');

function showError(message: string, retry?: () => void): void {
  fill(
    errorEl,
    h('span', { class: 'error-text' }, message),
    retry
      ? h(
          'button',
          {
            type: 'button',
            onclick: () => {
              clearError();
              retry();
            },
          },
          'Retry',
        )
      : null,
    h('button', { type: 'button', class: 'dismiss', 'aria-label': 'Dismiss', onclick: clearError }, '×'),
  );
  errorEl.hidden = false;
}

function clearError(): void {
  errorEl.hidden = true;
}

window.addEventListener('error', (event) => showError(`Something went wrong in the page: ${event.message}`));
window.addEventListener('unhandledrejection', (event) =>
  showError(`Something went wrong: ${describeError(event.reason)}`),
);

// ---- tabs

function showTab(tab: Tab): void {
  if (tab === 'camps') void loadCamps();
  document.querySelectorAll<HTMLButtonElement>('[role="tab"]').forEach((button) => {
    const selected = button.dataset.tab === tab;
    button.setAttribute('aria-selected', String(selected));
    button.tabIndex = selected ? 0 : -1;
    byId(`panel-${button.dataset.tab}`).hidden = !selected;
  });
}
const tabs = [...document.querySelectorAll<HTMLButtonElement>('[role="tab"]')];
for (const [i, button] of tabs.entries()) {
  button.addEventListener('click', () => showTab(button.dataset.tab as Tab));
  // Arrow keys move between tabs, as in any tab list.
  button.addEventListener('keydown', (event) => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    const next = tabs[(i + step + tabs.length) % tabs.length];
    showTab(next.dataset.tab as Tab);
    next.focus();
  });
}

// ---- legend

function drawLegend(): void {
  fill(
    byId('legend'),
    h(
      'div',
      { class: 'legend-row' },
      h('span', { class: 'legend-title' }, 'Actors'),
      Object.entries(ACTOR_KINDS).map(([kind, style]) =>
        h('span', { class: 'legend-item' }, actorIcon(kind as keyof typeof ACTOR_KINDS), style.label),
      ),
    ),
    h(
      'div',
      { class: 'legend-row' },
      h('span', { class: 'legend-title' }, 'Relations'),
      Object.entries(RELATION_KINDS).map(([kind, style]) =>
        h('span', { class: 'legend-item' }, relationIcon(kind as keyof typeof RELATION_KINDS), style.label),
      ),
      h(
        'span',
        {
          class: 'legend-item',
          id: 'legend-assumed',
          title:
            'It has no known end, and no source reports it since a day before the one shown (hover a line for that day)',
        },
        h('span', { class: 'swatch-assumed' }),
        'Assumed continuing: no source reports it since an earlier date ',
        h('span', { class: 'count', id: 'legend-assumed-count' }, '0'),
      ),
      h('span', { class: 'legend-item' }, h('span', { class: 'swatch-path' }), 'Found path'),
      h('span', { class: 'legend-item', id: 'legend-camps' }),
      h('span', { class: 'legend-item' }, h('span', { class: 'swatch-extra' }), 'Path relation inactive that day'),
    ),
  );
}

// ---- the reading: how a relation with no known end is read, and which relations are sourced well enough

let reading: Reading = readingFromParams(new URLSearchParams(location.search));
const openEndInput = byId<HTMLInputElement>('open-end');
const minPublishersInput = byId<HTMLSelectElement>('min-publishers');
const statedOnlyInput = byId<HTMLInputElement>('stated-only');

function drawReadingControls(): void {
  fill(
    minPublishersInput,
    MIN_PUBLISHERS_CHOICES.map((n) => h('option', { value: n }, n === 1 ? 'any' : `${n} or more`)),
  );
  if (reading.evidence.minPublishers && !MIN_PUBLISHERS_CHOICES.some((n) => n === reading.evidence.minPublishers)) {
    const n = reading.evidence.minPublishers;
    minPublishersInput.append(h('option', { value: n }, `${n} or more`));
  }
  openEndInput.checked = reading.openEnd === 'LAST_REPORTED';
  minPublishersInput.value = String(reading.evidence.minPublishers ?? 1);
  statedOnlyInput.checked = reading.evidence.statedOnly === true;
  const onChange = () => {
    const minPublishers = Number(minPublishersInput.value);
    void setReading({
      openEnd: openEndInput.checked ? 'LAST_REPORTED' : 'ONGOING',
      evidence: {
        ...(minPublishers > 1 ? { minPublishers } : {}),
        ...(statedOnlyInput.checked ? { statedOnly: true } : {}),
      },
    });
  };
  for (const input of [openEndInput, minPublishersInput, statedOnlyInput]) input.addEventListener('change', onChange);
}

/** Redraws everything the reading changes: the day, the selected actor or relation, the found paths. */
async function setReading(next: Reading): Promise<void> {
  reading = next;
  updateUrl();
  if (!shownDate) return;
  pathFinder?.refresh();
  if (!byId('panel-camps').hidden) void loadCamps();
  // The panel says what is active on the day under the reading, so it follows the new snapshot.
  await showDate(shownDate, changesSpan ?? undefined);
  if (selection?.kind === 'actor') await selectActor(selection.id);
  else if (selection?.kind === 'relation') await selectRelation(selection.id);
}

// ---- state

let shownDate: string | null = null;
/** Ids of the relations active on `shownDate`: the snapshot the API answered for that day. */
let shownActive: ReadonlySet<string> = new Set();
/** The span the Changes tab lists (from the date the user came from to this one). */
let changesSpan: { from: string; to: string } | null = null;
/** The last date the user settled on (not one the slider passed while dragged): Changes compares with it. */
let cameFrom: string | null = null;
let pathFinder: PathFinder | null = null;
/** The months the Camps tab charts (the slider's dense period), and the series read for them. */
let campsSpan: { from: string; to: string } | null = null;
let campsSeries: { key: string; series: Alignment[] } | null = null;
let campsSeq = 0;
let selection: Selection = null;
let hops = 1;
let snapshotSeq = 0;
let detailSeq = 0;
let slider: TimeSlider | null = null;

const graph = new GraphView(graphEl, {
  onActor: (id) => void selectActor(id),
  onRelation: (id) => void selectRelation(id),
  onBackground: () => clearSelection(),
});

const details = new DetailsPanel(byId('panel-details'), {
  onActor: (id) => void selectActor(id),
  onRelation: (id) => void selectRelation(id),
  onHops: (n) => {
    hops = n;
    if (selection?.kind === 'actor') void selectActor(selection.id);
  },
});

/** Points the download links at the graph shown. */
function updateDownloads(): void {
  if (!shownDate) return;
  byId<HTMLAnchorElement>('download-gexf').href = exportUrl(EXPORTS.gexf, shownDate, reading);
  byId<HTMLAnchorElement>('download-edges-csv').href = exportUrl(EXPORTS.edgesCsv, shownDate, reading);
}

function updateUrl(): void {
  updateDownloads();
  const params = new URLSearchParams();
  if (shownDate) params.set('at', shownDate);
  writeReading(params, reading);
  if (selection) params.set(selection.kind, selection.id);
  history.replaceState(null, '', `${location.pathname}?${params}`);
}

function dayShown(): DayShown {
  return { at: shownDate!, active: shownActive, reading };
}

/**
 * Draws the graph of a day under the reading: one request for the snapshot, what changed since the
 * date the user came from (or over `span`), and the selected actor's neighbourhood. A date the
 * slider only `passing`es while dragged is not one the user comes from.
 */
async function showDate(date: string, span?: { from: string; to: string }, passing = false): Promise<void> {
  const seq = ++snapshotSeq;
  const previous = cameFrom ?? monthStart(monthIndex(date));
  const { from, to } = span ?? (previous <= date ? { from: previous, to: date } : { from: date, to: previous });
  const actorId = selection?.kind === 'actor' ? selection.id : null;
  const shownReading = reading;
  graphEl.dataset.state = 'loading';
  let data: SnapshotData;
  try {
    data = await gql<SnapshotData>(snapshotQuery(actorId !== null), {
      at: date,
      from,
      to,
      ...(actorId ? { actor: actorId, hops } : {}),
      ...readingVariables(shownReading),
    });
  } catch (error) {
    if (seq !== snapshotSeq) return;
    graphEl.dataset.state = 'error';
    slider?.stop();
    statusEl.textContent = `The graph for ${formatDay(date)} could not be loaded.`;
    showError(
      `Could not load the graph for ${formatDay(date)}: ${describeError(error)}`,
      () => void showDate(date, span),
    );
    return;
  }
  if (seq !== snapshotSeq) return;
  shownDate = date;
  if (!passing) cameFrom = date;
  changesSpan = { from, to };
  shownActive = new Set(data.snapshot.edges.map((e) => e.id));
  const assumed = new Set(
    data.snapshot.edges.filter((e) => assumedContinuing(e, date, shownReading.openEnd)).map((e) => e.id),
  );
  graph.showCamps(data.blocs.camps);
  drawCampsLegend(data.blocs);
  const drawn = graph.showSnapshot(data.snapshot, assumed);
  if (campsSeries) drawCamps(campsSeries.series);
  byId('legend-assumed').hidden = shownReading.openEnd !== 'ONGOING';
  byId('legend-assumed-count').textContent = String(assumed.size);
  if (actorId && data.neighborhood) {
    graph.setFocus(actorId, data.neighborhood);
    details.updateNeighbourhood(data.neighborhood, dayShown());
  }
  renderChanges(byId('panel-changes'), data.changes, from, to, (id) => void selectRelation(id));
  byId('tab-changes-count').textContent = String(data.changes.length);
  statusEl.textContent = `${data.snapshot.nodes.length} actors · ${data.snapshot.edges.length} relations active on ${formatDay(date)}`;
  statusEl.title = `Read with ${describeReading(shownReading)}`;
  updateUrl();
  await drawn;
  if (seq !== snapshotSeq) return;
  graphEl.dataset.date = date;
  graphEl.dataset.reading = readingKey(shownReading);
  graphEl.dataset.nodeCount = String(data.snapshot.nodes.length);
  graphEl.dataset.state = 'ready';
}

function drawCampsLegend(blocs: SnapshotData['blocs']): void {
  fill(
    byId('legend-camps'),
    'Camps: ',
    blocs.camps.map((camp, i) =>
      h(
        'span',
        { class: 'camp-key' },
        h('span', { class: 'camp-chip', style: `background:${CAMP_COLORS[i]}` }),
        String(camp.length),
      ),
    ),
    h(
      'span',
      { class: 'muted', title: 'Relations that break the split (a fight inside a camp, support across camps)' },
      ` · ${blocs.frustration} break${blocs.frustration === 1 ? 's' : ''} the split${blocs.optimal ? '' : ' (best found)'}`,
    ),
  );
}

function drawCamps(series: Alignment[]): void {
  renderCamps(
    byId('panel-camps'),
    series,
    shownDate,
    (date) => void slider?.go(date),
    (id) => void selectRelation(id),
  );
}

/** Reads the camps month by month (once per reading) and draws the Camps tab. */
async function loadCamps(): Promise<void> {
  if (!campsSpan) return;
  const key = readingKey(reading);
  if (campsSeries?.key === key) return drawCamps(campsSeries.series);
  const seq = ++campsSeq;
  const panel = byId('panel-camps');
  panel.dataset.state = 'loading';
  fill(panel, h('p', { class: 'muted' }, 'Reading the camps month by month…'));
  try {
    const data = await gql<AlignmentData>(ALIGNMENT, { ...campsSpan, ...readingVariables(reading) });
    if (seq !== campsSeq) return;
    campsSeries = { key, series: data.alignmentSeries };
    drawCamps(data.alignmentSeries);
    panel.dataset.state = 'ready';
  } catch (error) {
    if (seq !== campsSeq) return;
    panel.dataset.state = 'error';
    fill(panel, h('p', { class: 'inline-error', role: 'alert' }, `Could not read the camps: ${describeError(error)}`));
  }
}

async function selectActor(id: string): Promise<void> {
  if (!shownDate) return;
  const seq = ++detailSeq;
  selection = { kind: 'actor', id };
  showTab('details');
  details.loading();
  try {
    const data = await gql<ActorDetailData>(ACTOR_DETAIL, { id, at: shownDate, hops, ...readingVariables(reading) });
    if (seq !== detailSeq) return;
    if (!data.actor) {
      details.message(`There is no actor "${id}".`);
      return;
    }
    details.showActor(data.actor, data.neighborhood, dayShown(), hops, gradesOf(data.sources));
    graph.selectRelation(null);
    graph.setFocus(id, data.neighborhood);
    updateUrl();
  } catch (error) {
    if (seq !== detailSeq) return;
    details.message(`Could not load this actor: ${describeError(error)}`);
    showError(`Could not load actor "${id}": ${describeError(error)}`, () => void selectActor(id));
  }
}

async function selectRelation(id: string): Promise<void> {
  if (!shownDate) return;
  const seq = ++detailSeq;
  selection = { kind: 'relation', id };
  showTab('details');
  details.loading();
  graph.setFocus(null);
  graph.selectRelation(id);
  try {
    const data = await gql<RelationData>(RELATION, { id });
    if (seq !== detailSeq) return;
    if (!data.relation) {
      details.message(`There is no relation "${id}".`);
      return;
    }
    details.showRelation(data.relation, dayShown(), gradesOf(data.sources));
    updateUrl();
  } catch (error) {
    if (seq !== detailSeq) return;
    details.message(`Could not load this relation: ${describeError(error)}`);
    showError(`Could not load relation "${id}": ${describeError(error)}`, () => void selectRelation(id));
  }
}

function clearSelection(): void {
  detailSeq++;
  selection = null;
  details.empty();
  graph.setFocus(null);
  graph.selectRelation(null);
  updateUrl();
}

// ---- opening the page

async function loadAll(): Promise<{ actors: ActorRef[]; relations: EdgeRef[]; changes: BootstrapData['changes'] }> {
  const data = await gql<BootstrapData>(BOOTSTRAP);
  const actors = data.actors.edges.map((e) => e.node);
  const relations = data.relations.edges.map((e) => e.node);
  for (let page = data.actors.pageInfo; page.hasNextPage;) {
    const more = await gql<MoreActorsData>(MORE_ACTORS, { after: page.endCursor });
    actors.push(...more.actors.edges.map((e) => e.node));
    page = more.actors.pageInfo;
  }
  for (let page = data.relations.pageInfo; page.hasNextPage;) {
    const more = await gql<MoreRelationsData>(MORE_RELATIONS, { after: page.endCursor });
    relations.push(...more.relations.edges.map((e) => e.node));
    page = more.relations.pageInfo;
  }
  return { actors, relations, changes: data.changes };
}

/** The month where most relations began or ended: the page opens there. */
function busiestMonth(dates: string[]): string {
  const counts = new Map<number, number>();
  for (const date of dates) counts.set(monthIndex(date), (counts.get(monthIndex(date)) ?? 0) + 1);
  const [index] = [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0];
  return sliderDate(index);
}

async function start(): Promise<void> {
  graphEl.dataset.state = 'loading';
  statusEl.textContent = 'Loading the graph…';
  let all: Awaited<ReturnType<typeof loadAll>>;
  try {
    all = await loadAll();
  } catch (error) {
    graphEl.dataset.state = 'error';
    statusEl.textContent = 'The graph could not be loaded.';
    showError(`Could not open the explorer: ${describeError(error)}`, () => void start());
    return;
  }
  const { actors, relations, changes } = all;
  const changeDates = changes.map((c) => c.date);
  if (changeDates.length === 0) {
    graphEl.dataset.state = 'ready';
    statusEl.textContent = 'The graph has no relations yet.';
    return;
  }
  const range = { min: changeDates[0], max: changeDates[changeDates.length - 1] };
  byId('range').textContent = `${formatDay(range.min)} – ${formatDay(range.max)}`;
  graph.layout(actors, relations);

  const params = new URLSearchParams(location.search);
  const asked = params.get('at');
  const askedOk = asked !== null && isDate(asked) && asked >= range.min && asked <= range.max;
  const initial = askedOk ? asked : busiestMonth(changeDates);
  if (asked !== null && !askedOk) {
    showError(
      isDate(asked)
        ? `The address asks for ${formatDay(asked)} (at=${asked}), outside the data (${formatDay(range.min)} – ${formatDay(range.max)}); showing ${formatDay(initial)} instead.`
        : `The address asks for "at=${asked}", which is not a date (YYYY-MM-DD); showing ${formatDay(initial)} instead.`,
    );
  }

  pathFinder = new PathFinder(
    actors,
    range,
    () => shownDate ?? initial,
    () => reading,
    {
      // A path is read against the whole graph: a selected actor's focus would hide its context.
      onPath: (path: Path | null, window?: { from: string; to: string }) => {
        if (path && selection?.kind === 'actor') clearSelection();
        void graph.showPath(path);
        // A path found in another window is shown on a day of that window.
        if (path && window && shownDate && (shownDate < window.from || shownDate > window.to)) {
          void slider?.go(pathDay(path, window));
        }
      },
    },
  );
  const dense = densePeriod(changes.filter((c) => c.change === 'BEGAN').map((c) => c.date));
  // alignmentSeries takes 60 samples at most: the last 60 months of the dense period, on the slider's days.
  campsSpan = {
    from: sliderDate(Math.max(monthIndex(dense.from), monthIndex(dense.to) - 59)),
    to: dense.to,
  };
  slider = new TimeSlider(
    {
      slider: byId<HTMLInputElement>('slider'),
      marks: byId('slider-marks'),
      label: byId<HTMLOutputElement>('date-label'),
      dateInput: byId<HTMLInputElement>('date-input'),
      play: byId<HTMLButtonElement>('play'),
      span: byId<HTMLButtonElement>('slider-span'),
    },
    {
      ...range,
      dense,
      initial,
      changes,
      onDate: (date, passing) => showDate(date, undefined, passing),
    },
  );
  await slider.go(initial);
  const actor = params.get('actor');
  const relation = params.get('relation');
  if (actor) await selectActor(actor);
  else if (relation) await selectRelation(relation);
}

byId('fit').addEventListener('click', () => void graph.fit());
byId('download-png').addEventListener('click', () => {
  if (shownDate) saveBlob(graph.png(), `idlib-graph-${shownDate}.png`);
});
drawLegend();
drawReadingControls();
showTab('details');
const ready = start();

/** Hooks for the browser tests (and for curious developers in the console). */
window.__explorer = {
  ready,
  date: () => shownDate,
  nodeIds: () => graph.nodeIds(),
  edgeIds: () => graph.edgeIds(),
  assumedEdgeIds: () => graph.assumedIds(),
  edgeStyle: (id) => graph.edgeStyle(id),
  reading: () => reading,
  highlighted: () => graph.highlighted(),
  nodeBoxes: () => graph.nodeBoxes(),
  bundles: () => graph.bundles(),
  camps: () => graph.campOf(),
  clientPoint: (id) => graph.clientPoint(id),
  idle: () => graph.idle(),
};
