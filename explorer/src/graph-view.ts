// The Cytoscape graph: one stable layout for every date, the snapshot of the day drawn on it, what
// began fading in and what ended fading out, the relations only assumed to continue drawn faded and
// dashed, and the highlights (path, selected actor's neighbourhood, selected relation).

import cytoscape, {
  type Core,
  type ElementDefinition,
  type EventObject,
  type NodeSingular,
  type StylesheetJson,
} from 'cytoscape';
import cola from 'cytoscape-cola';
import fcose, { type FcoseLayoutOptions } from 'cytoscape-fcose';
import { formatDay } from './dates.js';
import { h } from './dom.js';
import type { ActorRef, EdgeRef, Path, Subgraph } from './queries.js';
import { ACTOR_KINDS, CAMP_COLORS, HIGHLIGHT, RELATION_KINDS } from './theme.js';

cytoscape.use(fcose);
cytoscape.use(cola);

export interface GraphHandlers {
  onActor(id: string): void;
  onRelation(id: string): void;
  onBackground(): void;
}

/** How long a relation or actor takes to fade in or out. */
export const FADE_MS = 450;
const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** How opaque a relation only assumed to continue is drawn (a relation reported that day: 0.9). */
const ASSUMED_OPACITY = 0.38;

/** The camera does not zoom in further than this on a small graph. */
const MAX_FIT_ZOOM = 1.3;

interface Point {
  x: number;
  y: number;
}

interface Focus {
  actorId: string;
  nodeIds: Set<string>;
  edgeIds: Set<string>;
}

function stylesheet(): StylesheetJson {
  const actorRules = Object.entries(ACTOR_KINDS).map(([kind, style]) => ({
    selector: `node[kind = "${kind}"]`,
    style: { 'background-color': style.color, shape: style.shape, width: style.size, height: style.size },
  }));
  const relationRules = Object.entries(RELATION_KINDS).map(([kind, style]) => ({
    selector: `edge[kind = "${kind}"]`,
    style: {
      'line-color': style.color,
      'target-arrow-color': style.color,
      'line-style': style.line,
      'target-arrow-shape': style.directed ? 'triangle' : 'none',
      ...(style.line === 'dashed' ? { 'line-dash-pattern': [7, 4] } : {}),
      ...(style.line === 'dotted' ? { 'line-dash-pattern': [2, 4] } : {}),
    },
  }));
  return [
    {
      selector: 'node',
      style: {
        label: 'data(label)',
        'font-family': 'system-ui, -apple-system, "Segoe UI", Roboto, Ubuntu, sans-serif',
        'font-size': 11,
        'font-weight': 600,
        color: '#1f2430',
        'text-valign': 'bottom',
        'text-halign': 'center',
        'text-margin-y': 4,
        'text-wrap': 'wrap',
        'text-max-width': '112px',
        'text-outline-color': '#ffffff',
        'text-outline-width': 2.5,
        'text-outline-opacity': 0.9,
        'border-width': 1.5,
        'border-color': '#1f2430',
        'border-opacity': 0.75,
        'transition-property': 'opacity',
        'transition-duration': FADE_MS,
        'overlay-opacity': 0,
      },
    },
    {
      selector: 'edge',
      style: {
        width: 2.4,
        'curve-style': 'bezier',
        // Parallel relations fan out this far apart, so each can be seen and clicked.
        'control-point-step-size': 22,
        'arrow-scale': 1.15,
        opacity: 0.9,
        'transition-property': 'opacity',
        'transition-duration': FADE_MS,
        'overlay-opacity': 0,
      },
    },
    ...actorRules,
    // Its camp that day (blocs): a thick ring in the camp's colour, the fill keeping the actor's kind.
    ...CAMP_COLORS.map((color, camp) => ({
      selector: `node[camp = ${camp}]`,
      style: { 'border-width': 4, 'border-color': color, 'border-opacity': 1 },
    })),
    ...relationRules,
    // Several relations between the same two actors: drawn apart (bezier bundle), one of them says how many.
    {
      selector: 'edge[bundle]',
      style: {
        label: 'data(bundle)',
        'font-size': 10,
        'font-weight': 700,
        color: '#1f2430',
        'text-background-color': '#ffffff',
        'text-background-opacity': 0.9,
        'text-background-padding': '2px',
        'text-background-shape': 'roundrectangle',
        'text-border-width': 1,
        'text-border-color': '#9aa3b5',
        'text-border-opacity': 1,
      },
    },
    // Past its last report and assumed to continue (reading ONGOING): faded and dashed whatever its kind.
    {
      selector: 'edge.assumed',
      style: { opacity: ASSUMED_OPACITY, 'line-style': 'dashed', 'line-dash-pattern': [10, 6], width: 2 },
    },
    // Drawn for a found path although not active on the day shown.
    { selector: 'node.extra', style: { 'border-style': 'dashed', 'background-opacity': 0.45 } },
    { selector: 'edge.extra', style: { opacity: 0.6, 'line-style': 'dashed', 'line-dash-pattern': [3, 3] } },
    { selector: 'node.hover', style: { 'border-width': 3 } },
    { selector: 'edge.hover', style: { width: 4.5 } },
    {
      selector: 'node.on-path',
      style: {
        'underlay-color': HIGHLIGHT,
        'underlay-padding': 7,
        'underlay-opacity': 0.85,
        'underlay-shape': 'ellipse',
        'z-index': 20,
      },
    },
    {
      selector: 'edge.on-path',
      style: {
        width: 4.5,
        'underlay-color': HIGHLIGHT,
        'underlay-padding': 5,
        'underlay-opacity': 0.85,
        'z-index': 20,
      },
    },
    {
      selector: 'node.selected-actor',
      style: {
        'border-width': 3.5,
        'border-color': '#111111',
        'border-opacity': 1,
        'underlay-color': '#1f2430',
        'underlay-padding': 6,
        'underlay-opacity': 0.18,
        'underlay-shape': 'ellipse',
      },
    },
    {
      selector: 'edge.selected-relation',
      style: {
        width: 5.5,
        'underlay-color': '#1f2430',
        'underlay-padding': 4,
        'underlay-opacity': 0.22,
        'z-index': 30,
      },
    },
    { selector: '.faded', style: { opacity: 0.13 } },
    { selector: '.entering, .leaving', style: { opacity: 0 } },
  ] as StylesheetJson;
}

/**
 * A node's label: the name without a long parenthetical ("Syrian government (Assad regime)" is
 * drawn "Syrian government"; "Hayat Tahrir al-Sham (HTS)" keeps its "(HTS)"). The full name is in
 * the tooltip and the details panel.
 */
function labelOf(actor: ActorRef): string {
  return actor.name.replace(/ \(([^)]*)\)$/, (whole, inner: string) => (inner.length <= 8 ? whole : ''));
}

function distanceToSegment(p: Point, a: Point, b: Point): number {
  const [dx, dy] = [b.x - a.x, b.y - a.y];
  const length = dx * dx + dy * dy;
  const t = length === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / length));
  return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

/** The same key for both directions between two actors. */
const pairKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

export class GraphView {
  readonly cy: Core;
  private readonly container: HTMLElement;
  private readonly tooltip: HTMLElement;
  private readonly positions = new Map<string, Point>();
  private readonly actors = new Map<string, ActorRef>();
  private snapshot: Subgraph = { nodes: [], edges: [] };
  /** Ids of the snapshot's relations only assumed to continue on the day shown. */
  private assumed: ReadonlySet<string> = new Set();
  private path: Path | null = null;
  private focus: Focus | null = null;
  private selectedRelation: string | null = null;
  /** Each actor's camp on the day shown (an index into the day's camps), when camps are shown. */
  private camps = new Map<string, number>();
  private settled: Promise<void> = Promise.resolve();
  private layoutBox = { x1: 0, y1: 0, x2: 1, y2: 1 };
  /** The camera follows the actors of the day until the user pans or zooms; "Fit" resumes it. */
  private follow = true;

  constructor(container: HTMLElement, handlers: GraphHandlers) {
    this.container = container;
    this.cy = cytoscape({
      container,
      style: stylesheet(),
      minZoom: 0.25,
      maxZoom: 3,
      boxSelectionEnabled: false,
      selectionType: 'single',
      autounselectify: true,
    });
    this.tooltip = h('div', { class: 'graph-tooltip', role: 'tooltip', hidden: true });
    container.appendChild(this.tooltip);

    this.cy.on('tap', 'node', (event: EventObject) => handlers.onActor(event.target.id()));
    this.cy.on('tap', 'edge', (event: EventObject) => handlers.onRelation(event.target.id()));
    this.cy.on('tap', (event: EventObject) => {
      if (event.target === this.cy) handlers.onBackground();
    });
    this.cy.on('mouseover', 'node, edge', (event: EventObject) => {
      event.target.addClass('hover');
      this.container.style.cursor = 'pointer';
      this.showTooltip(event);
    });
    this.cy.on('mousemove', 'node, edge', (event: EventObject) => this.moveTooltip(event));
    this.cy.on('mouseout', 'node, edge', (event: EventObject) => {
      event.target.removeClass('hover');
      this.container.style.cursor = '';
      this.tooltip.hidden = true;
    });
    container.addEventListener('mouseleave', () => {
      this.tooltip.hidden = true;
      this.cy.elements('.hover').removeClass('hover');
    });
    this.cy.on('dragpan scrollzoom pinchzoom', () => {
      this.follow = false;
    });
    new ResizeObserver(() => {
      this.cy.resize();
      if (this.follow) void this.fit(false);
    }).observe(container);
  }

  /**
   * Lays out every actor that ever has a relation, once, so that an actor keeps its place on every
   * date and the animation shows only what began and ended. Deterministic: the force layout starts
   * from a circle ordered by id.
   */
  layout(actors: ActorRef[], relations: EdgeRef[]): void {
    for (const actor of actors) this.actors.set(actor.id, actor);
    const related = new Set(relations.flatMap((r) => [r.from.id, r.to.id]));
    const placed = actors.filter((a) => related.has(a.id)).sort((a, b) => (a.id < b.id ? -1 : 1));
    // One layout edge per pair of actors, however many relations they have.
    const pairs = new Map<string, [string, string]>();
    for (const r of relations) {
      const [a, b] = [r.from.id, r.to.id].sort();
      pairs.set(`${a}|${b}`, [a, b]);
    }
    const radius = 12 * placed.length;
    const elements: ElementDefinition[] = [
      ...placed.map((actor, i) => ({
        group: 'nodes' as const,
        data: { id: actor.id, kind: actor.kind, label: labelOf(actor) },
        position: {
          x: radius * Math.cos((2 * Math.PI * i) / placed.length),
          y: radius * Math.sin((2 * Math.PI * i) / placed.length),
        },
      })),
      ...[...pairs.values()].map(([a, b]) => ({
        group: 'edges' as const,
        data: { id: `layout:${a}|${b}`, source: a, target: b },
      })),
    ];
    const added = this.cy.add(elements);
    // fCoSE (a force-directed layout that keeps nodes apart) with each actor's label counted in its
    // size, so that no two actors nor their labels overlap; longer edges around busy actors, so the
    // hubs (Russia, the Syrian government, the rebels) do not crush their neighbours together.
    // Deterministic: it starts from the circle above, not from random positions.
    this.cy
      .layout({
        name: 'fcose',
        quality: 'proof',
        randomize: false,
        animate: false,
        fit: false,
        nodeDimensionsIncludeLabels: true,
        packComponents: false,
        idealEdgeLength: (edge: cytoscape.EdgeSingular) =>
          40 + 6 * Math.sqrt(edge.source().degree(false) * edge.target().degree(false)),
        nodeRepulsion: (node: NodeSingular) => 9_000 * (1 + 0.2 * node.degree(false)),
        nodeSeparation: 60,
        gravity: 0.5,
        gravityRange: 2,
        numIter: 5000,
      } as FcoseLayoutOptions)
      .run();
    // fCoSE's repulsion keeps actors apart but promises nothing; cola's non-overlap constraints do.
    // Started from fCoSE's positions, with edges half as long as fCoSE drew them (cola spreads a
    // graph more), a few constrained iterations move apart what still overlaps (labels included,
    // with a margin). Not animated, it runs synchronously: `maxSimulationTime` cannot stop it, the
    // iteration counts and the loose convergence threshold keep it to about a second.
    this.cy
      .layout({
        name: 'cola',
        animate: false,
        fit: false,
        randomize: false,
        centerGraph: false,
        handleDisconnected: true,
        avoidOverlap: true,
        nodeDimensionsIncludeLabels: true,
        nodeSpacing: () => 6,
        edgeLength: (edge: cytoscape.EdgeSingular) => {
          const [a, b] = [edge.source().position(), edge.target().position()];
          return 0.5 * Math.hypot(a.x - b.x, a.y - b.y);
        },
        unconstrIter: 0,
        userConstIter: 0,
        allConstIter: 10,
        maxSimulationTime: 1500,
        convergenceThreshold: 1,
      } as cytoscape.LayoutOptions)
      .run();
    // Stretch the layout to the graph area's shape, so a wide screen is used across its width.
    const bare = this.cy.nodes().boundingBox({ includeLabels: false });
    const areaAspect = this.container.clientWidth / Math.max(1, this.container.clientHeight);
    const layoutAspect = bare.w / Math.max(1, bare.h);
    const stretch =
      Number.isFinite(areaAspect) && areaAspect > 0 ? Math.min(2, Math.max(0.5, areaAspect / layoutAspect)) : 1;
    const cx = (bare.x1 + bare.x2) / 2;
    const cy = (bare.y1 + bare.y2) / 2;
    this.positions.clear();
    this.cy.nodes().forEach((node: NodeSingular) => {
      const p = node.position();
      const placed = stretch >= 1 ? { x: cx + (p.x - cx) * stretch, y: p.y } : { x: p.x, y: cy + (p.y - cy) / stretch };
      node.position(placed);
      this.positions.set(node.id(), placed);
    });
    const box = this.cy.nodes().boundingBox({ includeLabels: true });
    this.layoutBox = { x1: box.x1, y1: box.y1, x2: box.x2, y2: box.y2 };
    added.remove();
  }

  /**
   * Frames the actors drawn (those fading out excluded), or the whole layout when none is; the
   * actors never move, only the camera. Resolves when the camera has arrived.
   */
  fit(animate = true): Promise<void> {
    this.follow = true;
    const width = this.container.clientWidth;
    const height = this.container.clientHeight;
    if (width === 0 || height === 0) return Promise.resolve();
    const shown = this.cy.nodes().filter((n) => !n.hasClass('leaving'));
    const box = shown.nonempty()
      ? shown.boundingBox({ includeLabels: true, includeOverlays: false })
      : { ...this.layoutBox, w: this.layoutBox.x2 - this.layoutBox.x1, h: this.layoutBox.y2 - this.layoutBox.y1 };
    const pad = 24;
    const zoom = Math.min(
      MAX_FIT_ZOOM,
      Math.max(0.25, Math.min((width - 2 * pad) / Math.max(1, box.w), (height - 2 * pad) / Math.max(1, box.h))),
    );
    const pan = { x: width / 2 - zoom * ((box.x1 + box.x2) / 2), y: height / 2 - zoom * ((box.y1 + box.y2) / 2) };
    this.cy.stop(true, false);
    if (!animate) {
      this.cy.viewport({ zoom, pan });
      return Promise.resolve();
    }
    this.cy.animate({ zoom, pan }, { duration: FADE_MS, easing: 'ease-in-out-cubic' });
    // Not the animation's own promise: a newer move stops this one, and a stopped animation never resolves.
    return delay(FADE_MS + 30);
  }

  /**
   * Draws the graph of a day, `assumed` (ids among its relations) as only assumed to continue.
   * Resolves once what began has faded in and what ended has faded out.
   */
  showSnapshot(snapshot: Subgraph, assumed: ReadonlySet<string> = new Set()): Promise<void> {
    for (const actor of snapshot.nodes) this.actors.set(actor.id, actor);
    this.snapshot = snapshot;
    this.assumed = assumed;
    return this.reconcile();
  }

  /** Rings each actor in its camp's colour (camps largest first, as `blocs` answers); null clears. */
  showCamps(camps: { id: string }[][] | null): void {
    this.camps = new Map((camps ?? []).flatMap((camp, i) => camp.map((actor) => [actor.id, i] as const)));
    this.cy.batch(() => this.cy.nodes().forEach((n) => this.paintCamp(n)));
  }

  /** Each actor drawn and its camp (null: in none). */
  campOf(): Record<string, number | null> {
    return Object.fromEntries(
      this.cy
        .nodes()
        .filter((n) => !n.hasClass('leaving'))
        .map((n) => [n.id(), (n.data('camp') as number | undefined) ?? null]),
    );
  }

  private paintCamp(node: NodeSingular): void {
    const camp = this.camps.get(node.id());
    if (camp === undefined) node.removeData('camp');
    else node.data('camp', camp);
  }

  /** Highlights a path (null clears). Its actors and relations not active on the day shown are drawn dashed. */
  showPath(path: Path | null): Promise<void> {
    if (path) for (const actor of path.actors) this.actors.set(actor.id, actor);
    this.path = path;
    return this.reconcile();
  }

  /** Fades everything but an actor's neighbourhood (null clears). */
  setFocus(actorId: string | null, neighbourhood?: Subgraph): void {
    this.focus =
      actorId && neighbourhood
        ? {
            actorId,
            nodeIds: new Set(neighbourhood.nodes.map((n) => n.id)),
            edgeIds: new Set(neighbourhood.edges.map((e) => e.id)),
          }
        : null;
    this.applyHighlights();
  }

  selectRelation(id: string | null): void {
    this.selectedRelation = id;
    this.applyHighlights();
  }

  /** Resolves when no fade is running. */
  idle(): Promise<void> {
    return this.settled;
  }

  /** Ids of the actors drawn for the day (not those fading out, not those drawn only for a path). */
  nodeIds(): string[] {
    return this.cy
      .nodes()
      .filter((n) => !n.hasClass('leaving') && !n.hasClass('extra'))
      .map((n) => n.id())
      .sort();
  }

  edgeIds(): string[] {
    return this.cy
      .edges()
      .filter((e) => !e.hasClass('leaving') && !e.hasClass('extra'))
      .map((e) => e.id())
      .sort();
  }

  /** Each actor drawn and its box on the graph, label included (graph coordinates). */
  nodeBoxes(): { id: string; x1: number; y1: number; x2: number; y2: number }[] {
    return this.cy
      .nodes()
      .filter((n) => !n.hasClass('leaving'))
      .map((n) => {
        const box = n.boundingBox({ includeLabels: true, includeOverlays: false, includeUnderlays: false } as object);
        return { id: n.id(), x1: box.x1, y1: box.y1, x2: box.x2, y2: box.y2 };
      });
  }

  /**
   * The bundles of parallel relations drawn (two or more between the same two actors): their
   * relations, the count the graph shows on them, and each relation's midpoint on the page.
   */
  bundles(): { pair: string; edges: string[]; label: string | null; midpoints: Point[] }[] {
    const byPair = new Map<string, cytoscape.EdgeSingular[]>();
    this.cy.edges().forEach((e) => {
      if (e.hasClass('leaving')) return;
      const key = pairKey(e.source().id(), e.target().id());
      byPair.set(key, [...(byPair.get(key) ?? []), e]);
    });
    return [...byPair]
      .filter(([, edges]) => edges.length > 1)
      .map(([pair, edges]) => ({
        pair,
        edges: edges.map((e) => e.id()).sort(),
        label: edges.map((e) => e.data('bundle') as string | undefined).find(Boolean) ?? null,
        midpoints: edges.map((e) => e.renderedMidpoint()),
      }));
  }

  /** The whole drawing (not only what the camera frames) as a PNG, at twice the screen's scale. */
  png(): Blob {
    return this.cy.png({ output: 'blob', full: true, scale: 2, bg: '#ffffff' });
  }

  /** Ids of the relations drawn as only assumed to continue. */
  assumedIds(): string[] {
    return this.cy
      .edges('.assumed')
      .filter((e) => !e.hasClass('leaving'))
      .map((e) => e.id())
      .sort();
  }

  /** How a relation is drawn (null when it is not): for the tests, which check what a person sees. */
  edgeStyle(id: string): { lineStyle: string; opacity: number; width: number } | null {
    const edge = this.cy.getElementById(id);
    if (edge.empty() || !edge.isEdge()) return null;
    return {
      lineStyle: String(edge.style('line-style')),
      opacity: edge.numericStyle('opacity'),
      width: edge.numericStyle('width'),
    };
  }

  /** Ids of the actors and relations drawn highlighted as the path. */
  highlighted(): { nodes: string[]; edges: string[] } {
    return {
      nodes: this.cy
        .nodes('.on-path')
        .map((n) => n.id())
        .sort(),
      edges: this.cy
        .edges('.on-path')
        .map((e) => e.id())
        .sort(),
    };
  }

  /** Where an actor (its centre) or a relation (its midpoint) is on the page, in CSS pixels. */
  clientPoint(id: string): Point | null {
    const element = this.cy.getElementById(id);
    if (element.empty()) return null;
    const rect = this.container.getBoundingClientRect();
    const p = element.isEdge() ? this.clearPointOn(element) : this.cy.$id(id).nodes()[0].renderedPosition();
    return { x: rect.left + p.x, y: rect.top + p.y };
  }

  /**
   * A point of a relation where a click lands on it: its midpoint, unless another relation crosses
   * there or an actor covers it; then a point further along a straight relation that is clear.
   */
  private clearPointOn(edge: cytoscape.EdgeSingular): Point {
    const mid = edge.renderedMidpoint();
    const [a, b] = [edge.renderedSourceEndpoint(), edge.renderedTargetEndpoint()];
    const along = (t: number) => ({ x: a.x + t * (b.x - a.x), y: a.y + t * (b.y - a.y) });
    const straight = Math.hypot(mid.x - along(0.5).x, mid.y - along(0.5).y) < 1;
    const candidates = [mid, ...(straight ? [0.4, 0.6, 0.3, 0.7, 0.25, 0.75].map(along) : [])];
    const others = this.cy.edges().filter((e) => e.id() !== edge.id() && !e.hasClass('leaving'));
    const clearance = (p: Point) => {
      let least = Infinity;
      others.forEach((e) => {
        const [s, t] = [e.renderedSourceEndpoint(), e.renderedTargetEndpoint()];
        least = Math.min(least, distanceToSegment(p, s, t), distanceToSegment(p, e.renderedMidpoint(), s));
      });
      this.cy.nodes().forEach((n) => {
        const box = n.renderedBoundingBox({ includeLabels: false });
        const dx = Math.max(box.x1 - p.x, 0, p.x - box.x2);
        const dy = Math.max(box.y1 - p.y, 0, p.y - box.y2);
        least = Math.min(least, Math.hypot(dx, dy));
      });
      return least;
    };
    return candidates.find((p) => clearance(p) >= 8) ?? mid;
  }

  private reconcile(): Promise<void> {
    const cy = this.cy;
    const nodes = new Map<string, { actor: ActorRef; extra: boolean }>();
    const edges = new Map<string, { edge: EdgeRef; extra: boolean }>();
    for (const actor of this.snapshot.nodes) nodes.set(actor.id, { actor, extra: false });
    for (const edge of this.snapshot.edges) edges.set(edge.id, { edge, extra: false });
    if (this.path) {
      for (const actor of this.path.actors) if (!nodes.has(actor.id)) nodes.set(actor.id, { actor, extra: true });
      for (const edge of this.path.relations) if (!edges.has(edge.id)) edges.set(edge.id, { edge, extra: true });
    }

    const leaving = cy.collection();
    const entering = cy.collection();
    cy.batch(() => {
      cy.elements().forEach((element) => {
        const id = element.id();
        const wanted = element.group() === 'nodes' ? nodes.get(id) : edges.get(id);
        if (!wanted) {
          if (!element.hasClass('leaving')) leaving.merge(element);
          return;
        }
        element.removeClass('leaving');
        element.toggleClass('extra', wanted.extra);
        if (element.isEdge()) {
          element.toggleClass('assumed', !wanted.extra && this.assumed.has(id));
          element.data('lastReported', (wanted as { edge: EdgeRef }).edge.lastReported);
        }
      });
      for (const [id, { actor, extra }] of nodes) {
        if (!cy.getElementById(id).empty()) continue;
        const added = cy.add({
          group: 'nodes',
          data: { id, kind: actor.kind, label: labelOf(actor), name: actor.name },
          position: { ...(this.positions.get(id) ?? this.placeNear(id)) },
          classes: extra ? 'entering extra' : 'entering',
        });
        this.paintCamp(added);
        entering.merge(added);
      }
      for (const [id, { edge, extra }] of edges) {
        if (!cy.getElementById(id).empty()) continue;
        const added = cy.add({
          group: 'edges',
          data: {
            id,
            kind: edge.kind,
            source: edge.from.id,
            target: edge.to.id,
            since: edge.since,
            until: edge.until,
            lastReported: edge.lastReported,
          },
          classes: extra ? 'entering extra' : this.assumed.has(id) ? 'entering assumed' : 'entering',
        });
        entering.merge(added);
      }
      leaving.addClass('leaving');
      this.labelBundles();
    });
    this.applyHighlights();

    // Added transparent, then faded in: the style change from `.entering` runs the opacity transition.
    const fadeIn = delay(20).then(() => {
      entering.removeClass('entering');
    });
    const fadeOut = new Promise<void>((resolve) =>
      setTimeout(() => {
        // Only those still unwanted: a quick step back may have revived some.
        cy.remove(leaving.filter((e) => e.hasClass('leaving') && e.inside()));
        resolve();
      }, FADE_MS + 30),
    );
    const camera = this.follow ? this.fit() : Promise.resolve();
    const done = Promise.all([fadeIn, fadeOut, camera]).then(() => undefined);
    this.settled = Promise.all([this.settled, done, delay(FADE_MS + 60)]).then(() => undefined);
    return done;
  }

  /** Puts "×n" on one relation of each group of n > 1 drawn between the same two actors. */
  private labelBundles(): void {
    const byPair = new Map<string, cytoscape.EdgeSingular[]>();
    this.cy.edges().forEach((e) => {
      e.removeData('bundle');
      if (e.hasClass('leaving')) return;
      const key = pairKey(e.data('source') as string, e.data('target') as string);
      byPair.set(key, [...(byPair.get(key) ?? []), e]);
    });
    for (const edges of byPair.values()) {
      if (edges.length < 2) continue;
      // The middle one of the fan, whose label sits between the others.
      const sorted = [...edges].sort((a, b) => (a.id() < b.id() ? -1 : 1));
      sorted[Math.floor((sorted.length - 1) / 2)].data('bundle', `×${edges.length}`);
    }
  }

  /** A spot for an actor the stable layout does not know (it had no relation when the page opened). */
  private placeNear(id: string): Point {
    const point = { x: (this.layoutBox.x1 + this.layoutBox.x2) / 2, y: this.layoutBox.y1 };
    this.positions.set(id, point);
    return point;
  }

  private applyHighlights(): void {
    const cy = this.cy;
    // Highlights fade in and out through the opacity transition too.
    this.settled = Promise.all([this.settled, delay(FADE_MS + 60)]).then(() => undefined);
    cy.batch(() => {
      cy.elements().removeClass('on-path faded selected-actor selected-relation');
      if (this.path) {
        for (const actor of this.path.actors) cy.getElementById(actor.id).addClass('on-path');
        for (const relation of this.path.relations) cy.getElementById(relation.id).addClass('on-path');
      }
      // An actor not drawn on the day (no active relation) fades nothing.
      if (this.focus && cy.getElementById(this.focus.actorId).nonempty()) {
        const focus = this.focus;
        cy.getElementById(focus.actorId).addClass('selected-actor');
        cy.nodes().forEach((n) => {
          if (!focus.nodeIds.has(n.id()) && !n.hasClass('on-path')) n.addClass('faded');
        });
        cy.edges().forEach((e) => {
          if (!focus.edgeIds.has(e.id()) && !e.hasClass('on-path')) e.addClass('faded');
        });
      }
      if (this.selectedRelation) cy.getElementById(this.selectedRelation).addClass('selected-relation');
    });
  }

  private showTooltip(event: EventObject): void {
    const target = event.target;
    if (target.isNode()) {
      const actor = this.actors.get(target.id());
      if (!actor) return;
      this.tooltip.replaceChildren(h('strong', {}, actor.name), h('span', {}, ACTOR_KINDS[actor.kind].label));
    } else {
      const kind = target.data('kind') as keyof typeof RELATION_KINDS;
      const from = this.actors.get(target.data('source'))?.name ?? target.data('source');
      const to = this.actors.get(target.data('target'))?.name ?? target.data('target');
      const until = target.data('until') as string | null;
      const since = target.data('since') as string;
      const span =
        until === since ? formatDay(since) : `${formatDay(since)} – ${until ? formatDay(until) : 'no known end'}`;
      const note = target.hasClass('extra')
        ? ' · not active on the day shown'
        : target.hasClass('assumed')
          ? ` · assumed continuing: no source reports it since ${formatDay(target.data('lastReported') as string)}`
          : '';
      this.tooltip.replaceChildren(
        h('strong', {}, `${from} ${RELATION_KINDS[kind].verb} ${to}`),
        h('span', {}, span + note),
      );
    }
    this.tooltip.hidden = false;
    this.moveTooltip(event);
  }

  private moveTooltip(event: EventObject): void {
    const p = event.renderedPosition;
    if (!p) return;
    const width = this.container.clientWidth;
    const left = Math.min(p.x + 14, width - this.tooltip.offsetWidth - 8);
    this.tooltip.style.transform = `translate(${Math.max(8, left)}px, ${p.y + 16}px)`;
  }
}
