import { stringify } from 'csv-stringify/sync';
import { createCB } from 'xmlbuilder2';
import { endUnder } from '../domain/reading.js';
import { isMutual } from '../domain/relation-kinds.js';
import { hopsFrom } from '../domain/subgraph.js';
import type { Actor, IsoDate, OpenEnd, Relation } from '../domain/types.js';
import type { GraphStore } from '../store/port.js';
import type { ExportQuery } from './export-query.js';

export const EXPORT_FORMATS = {
  'graph.gexf': { type: 'application/gexf+xml; charset=utf-8', write: gexf },
  'graph.graphml': { type: 'application/graphml+xml; charset=utf-8', write: graphml },
  'graph.json': { type: 'application/json; charset=utf-8', write: cytoscapeJson },
  'nodes.csv': { type: 'text/csv; charset=utf-8; header=present', write: nodesCsv },
  'edges.csv': { type: 'text/csv; charset=utf-8; header=present', write: edgesCsv },
} as const;
export type ExportFormat = keyof typeof EXPORT_FORMATS;

/** Actors looked up per store call while writing nodes. */
const ACTOR_BATCH = 1_000;
/** Text is handed to the response in chunks of about this many characters. */
const CHUNK = 64 * 1024;

interface Node {
  actor: Actor;
  /**
   * The actor's own spell: from its first relation's start to its last relation's end (null: open).
   * Both null for an actor no relation touches (a neighbourhood's lone centre): always there.
   */
  start: IsoDate | null;
  end: IsoDate | null;
  /** Distance from a neighbourhood's centre; null for a whole-graph export. */
  hops: number | null;
}

interface Edge {
  relation: Relation;
  /** The last day it holds under the export's reading; null: open. */
  end: IsoDate | null;
}

/**
 * The graph an export writes, walked twice: once to find the actors the relations touch (and
 * their spells), then again to write the relations. Only the actors are held, never the relations
 * of a whole-graph export: those stream from the store (`streamRelations`) page by page.
 */
export interface ExportGraph {
  openEnd: OpenEnd;
  relations(): AsyncIterable<Relation>;
  /** Actors to list even when no relation touches them (a neighbourhood's lone centre). */
  alsoActors: readonly string[];
  hops: ReadonlyMap<string, number> | null;
}

/** The export's graph: the whole graph under the reading, or a neighbourhood (bounded by its hops). */
export async function exportGraph(store: GraphStore, query: ExportQuery): Promise<ExportGraph> {
  const { reading, kinds, neighborhood } = query;
  if (neighborhood === null)
    return {
      openEnd: reading.openEnd,
      relations: () => store.streamRelations(reading, kinds),
      alsoActors: [],
      hops: null,
    };
  const sub = await store.neighborhood(neighborhood.actor, neighborhood.hops, kinds, reading);
  async function* relations() {
    yield* sub.relations;
  }
  return {
    openEnd: reading.openEnd,
    relations,
    alsoActors: sub.actorIds,
    hops: hopsFrom(neighborhood.actor, sub.relations),
  };
}

async function* nodesOf(store: GraphStore, graph: ExportGraph): AsyncIterable<Node> {
  const spells = new Map<string, { start: IsoDate; end: IsoDate | null } | null>();
  for (const id of graph.alsoActors) spells.set(id, null);
  for await (const relation of graph.relations()) {
    const end = endUnder(relation, graph.openEnd);
    for (const id of [relation.from, relation.to]) {
      const spell = spells.get(id);
      if (!spell) spells.set(id, { start: relation.since, end });
      else {
        if (relation.since < spell.start) spell.start = relation.since;
        if (spell.end !== null && (end === null || end > spell.end)) spell.end = end;
      }
    }
  }
  const ids = [...spells.keys()].sort();
  for (let i = 0; i < ids.length; i += ACTOR_BATCH) {
    const batch = ids.slice(i, i + ACTOR_BATCH);
    const actors = await store.actorsByIds(batch);
    for (const [j, actor] of actors.entries()) {
      if (!actor) continue;
      const spell = spells.get(batch[j]);
      yield { actor, start: spell?.start ?? null, end: spell?.end ?? null, hops: graph.hops?.get(batch[j]) ?? null };
    }
  }
}

async function* edgesOf(graph: ExportGraph, written: ReadonlySet<string>): AsyncIterable<Edge> {
  for await (const relation of graph.relations()) {
    // A relation written between the two walks may touch an actor the first walk did not see.
    if (!written.has(relation.from) || !written.has(relation.to)) continue;
    yield { relation, end: endUnder(relation, graph.openEnd) };
  }
}

/** Collects small pieces of text and hands them on in chunks of about CHUNK characters. */
class Chunks {
  private parts: string[] = [];
  private size = 0;
  push = (text: string) => {
    this.parts.push(text);
    this.size += text.length;
  };
  get full() {
    return this.size >= CHUNK;
  }
  take(): string {
    const text = this.parts.join('');
    this.parts = [];
    this.size = 0;
    return text;
  }
}

/** Writes nodes then edges through `emit`, yielding text whenever a chunk is full, and the rest at the end. */
async function* twoPass(
  store: GraphStore,
  graph: ExportGraph,
  out: Chunks,
  parts: { head(): void; node(n: Node): void; between(): void; edge(e: Edge): void; tail(): void },
): AsyncIterable<string> {
  parts.head();
  const written = new Set<string>();
  for await (const node of nodesOf(store, graph)) {
    written.add(node.actor.id);
    parts.node(node);
    if (out.full) yield out.take();
  }
  parts.between();
  for await (const edge of edgesOf(graph, written)) {
    parts.edge(edge);
    if (out.full) yield out.take();
  }
  parts.tail();
  yield out.take();
}

const aliasText = (actor: Actor) => actor.aliases.join('; ');

/**
 * An XML attribute value, escaped. GEXF keeps every value in attributes, and an XML parser turns a
 * line break or tab inside an attribute into a space (XML 1.0, 3.3.3) unless it is written as a
 * character reference; xmlbuilder2 escapes `&`, `<` and `"` but leaves line breaks as they are, so a
 * description over two lines came back as one. Hence this function for GEXF (GraphML keeps values
 * in element text, where xmlbuilder2's escaping is right).
 */
export const xmlAttribute = (value: string | number): string =>
  String(value).replace(/[&<>"\n\r\t]/g, (c) => ATTRIBUTE_ESCAPES[c]);
const ATTRIBUTE_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '\n': '&#10;',
  '\r': '&#13;',
  '\t': '&#9;',
};

/** `name="value"` pairs, leaving out null values. */
const attributes = (entries: Record<string, string | number | null>) =>
  Object.entries(entries)
    .filter(([, value]) => value !== null)
    .map(([name, value]) => ` ${name}="${xmlAttribute(value!)}"`)
    .join('');

const attvalues = (entries: Record<string, string | number | null>) =>
  Object.entries(entries)
    .filter(([, value]) => value !== null)
    .map(([key, value]) => `\n        <attvalue${attributes({ for: key, value })}/>`)
    .join('');

const GEXF_ATTRIBUTES = {
  node: { kind: 'string', aliases: 'string', description: 'string', hops: 'integer' },
  edge: { kind: 'string', precision: 'string', summary: 'string', sources: 'integer', publishers: 'integer' },
} as const;

/**
 * GEXF 1.3, dynamic, dates as `yyyy-mm-dd`, spells as `start`/`end` attributes, an open end left
 * out. The graph is `directed`: SUPPORTS and MEMBER_OF are directed edges; FIGHTS and NEGOTIATES are
 * `mutual` edges, which Gephi draws as one edge both ways and networkx 3.x reads as two directed
 * edges sharing the relation's id. (An undirected edge inside a directed graph is refused by
 * networkx; a `mixed` graph it reads as undirected, losing who supports whom.)
 */
function gexf(store: GraphStore, graph: ExportGraph): AsyncIterable<string> {
  const out = new Chunks();
  const declare = (kind: 'node' | 'edge') =>
    `    <attributes class="${kind}" mode="static">\n` +
    Object.entries(GEXF_ATTRIBUTES[kind])
      .map(([id, type]) => `      <attribute${attributes({ id, title: id, type })}/>\n`)
      .join('') +
    '    </attributes>\n';
  return twoPass(store, graph, out, {
    head() {
      out.push(
        '<?xml version="1.0" encoding="UTF-8"?>\n' +
          '<gexf xmlns="http://gexf.net/1.3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ' +
          'xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">\n' +
          '  <meta>\n    <creator>idlib-actor-graph</creator>\n  </meta>\n' +
          '  <graph mode="dynamic" defaultedgetype="directed" timeformat="date" timerepresentation="interval">\n' +
          declare('node') +
          declare('edge') +
          '    <nodes>\n',
      );
    },
    node({ actor, start, end, hops }) {
      out.push(
        `      <node${attributes({ id: actor.id, label: actor.name, start, end })}>\n        <attvalues>` +
          attvalues({ kind: actor.kind, aliases: aliasText(actor), description: actor.description, hops }) +
          '\n        </attvalues>\n      </node>\n',
      );
    },
    between() {
      out.push('    </nodes>\n    <edges>\n');
    },
    edge({ relation: r, end }) {
      const type = isMutual(r.kind) ? 'mutual' : null;
      out.push(
        `      <edge${attributes({ id: r.id, source: r.from, target: r.to, type, label: r.kind, start: r.since, end })}>` +
          '\n        <attvalues>' +
          attvalues({
            kind: r.kind,
            precision: r.precision,
            summary: r.summary,
            sources: r.evidence.sources,
            publishers: r.evidence.publishers,
          }) +
          '\n        </attvalues>\n      </edge>\n',
      );
    },
    tail() {
      out.push('    </edges>\n  </graph>\n</gexf>\n');
    },
  });
}

/**
 * GraphML with typed keys. `edgedefault="directed"`: networkx refuses an edge marked
 * `directed="false"` inside a directed graph, so direction is told by `kind` and the boolean
 * `mutual` key (FIGHTS and NEGOTIATES hold both ways).
 */
function graphml(store: GraphStore, graph: ExportGraph): AsyncIterable<string> {
  const out = new Chunks();
  const xml = createCB({ data: out.push, prettyPrint: true });
  const data = (entries: [string, string | number | boolean | null][]) => {
    for (const [key, value] of entries) if (value !== null) xml.ele('data', { key }).txt(String(value)).up();
  };
  const keys: [string, 'node' | 'edge', string][] = [
    ['label', 'node', 'string'],
    ['kind', 'node', 'string'],
    ['aliases', 'node', 'string'],
    ['description', 'node', 'string'],
    ['start', 'node', 'string'],
    ['end', 'node', 'string'],
    ['hops', 'node', 'int'],
    ['edge_label', 'edge', 'string'],
    ['edge_kind', 'edge', 'string'],
    ['mutual', 'edge', 'boolean'],
    ['since', 'edge', 'string'],
    ['until', 'edge', 'string'],
    ['precision', 'edge', 'string'],
    ['summary', 'edge', 'string'],
    ['sources', 'edge', 'int'],
    ['publishers', 'edge', 'int'],
  ];
  return twoPass(store, graph, out, {
    head() {
      xml.dec({ version: '1.0', encoding: 'UTF-8' });
      xml.ele('graphml', {
        xmlns: 'http://graphml.graphdrawing.org/xmlns',
        'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
        'xsi:schemaLocation':
          'http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd',
      });
      for (const [id, kind, type] of keys)
        xml.ele('key', { id, for: kind, 'attr.name': id.replace(/^edge_/, ''), 'attr.type': type }).up();
      xml.ele('graph', { id: 'G', edgedefault: 'directed' });
    },
    node({ actor, start, end, hops }) {
      xml.ele('node', { id: actor.id });
      data([
        ['label', actor.name],
        ['kind', actor.kind],
        ['aliases', aliasText(actor)],
        ['description', actor.description],
        ['start', start],
        ['end', end],
        ['hops', hops],
      ]);
      xml.up();
    },
    between() {},
    edge({ relation: r, end }) {
      xml.ele('edge', { id: r.id, source: r.from, target: r.to });
      data([
        ['edge_label', r.kind],
        ['edge_kind', r.kind],
        ['mutual', isMutual(r.kind)],
        ['since', r.since],
        ['until', end],
        ['precision', r.precision],
        ['summary', r.summary],
        ['sources', r.evidence.sources],
        ['publishers', r.evidence.publishers],
      ]);
      xml.up();
    },
    tail() {
      xml.up().up();
      xml.end();
    },
  });
}

/** Cytoscape.js elements, `{ elements: { nodes: [{ data }], edges: [{ data }] } }`, as `cytoscape({ elements })` takes them. */
function cytoscapeJson(store: GraphStore, graph: ExportGraph): AsyncIterable<string> {
  const out = new Chunks();
  let first = true;
  const item = (data: Record<string, unknown>) => {
    out.push(`${first ? '' : ','}\n    ${JSON.stringify({ data })}`);
    first = false;
  };
  return twoPass(store, graph, out, {
    head: () => out.push('{\n  "elements": {\n  "nodes": ['),
    node: ({ actor, start, end, hops }) =>
      item({
        id: actor.id,
        label: actor.name,
        kind: actor.kind,
        aliases: actor.aliases,
        description: actor.description,
        start,
        end,
        ...(hops === null ? {} : { hops }),
      }),
    between: () => {
      out.push('\n  ],\n  "edges": [');
      first = true;
    },
    edge: ({ relation: r, end }) =>
      item({
        id: r.id,
        source: r.from,
        target: r.to,
        kind: r.kind,
        label: r.kind,
        mutual: isMutual(r.kind),
        start: r.since,
        end,
        precision: r.precision,
        summary: r.summary,
        sources: r.evidence.sources,
        publishers: r.evidence.publishers,
      }),
    tail: () => out.push('\n  ]\n  }\n}\n'),
  });
}

/** RFC 4180: CRLF line ends, fields with a comma, quote or line break quoted, quotes doubled. */
const csv = (rows: unknown[][]) => stringify(rows, { record_delimiter: 'windows' });

/** Gephi's spreadsheet import, node table: `Id,Label,...`. */
async function* nodesCsv(store: GraphStore, graph: ExportGraph): AsyncIterable<string> {
  const out = new Chunks();
  out.push(csv([['Id', 'Label', 'Kind', 'Aliases', 'Description', 'Start', 'End', 'Hops']]));
  for await (const { actor, start, end, hops } of nodesOf(store, graph)) {
    out.push(csv([[actor.id, actor.name, actor.kind, aliasText(actor), actor.description, start, end, hops]]));
    if (out.full) yield out.take();
  }
  yield out.take();
}

/**
 * Gephi's spreadsheet import, edge table: `Source,Target,Type,Id,Label,Kind,Start,End,...`; Type is
 * Directed (SUPPORTS, MEMBER_OF) or Undirected (FIGHTS, NEGOTIATES). Relations only: one walk.
 */
async function* edgesCsv(_store: GraphStore, graph: ExportGraph): AsyncIterable<string> {
  const out = new Chunks();
  out.push(
    csv([
      [
        'Source',
        'Target',
        'Type',
        'Id',
        'Label',
        'Kind',
        'Start',
        'End',
        'Precision',
        'Sources',
        'Publishers',
        'Summary',
      ],
    ]),
  );
  for await (const r of graph.relations()) {
    const type = isMutual(r.kind) ? 'Undirected' : 'Directed';
    const end = endUnder(r, graph.openEnd);
    out.push(
      csv([
        [
          r.from,
          r.to,
          type,
          r.id,
          r.kind,
          r.kind,
          r.since,
          end,
          r.precision,
          r.evidence.sources,
          r.evidence.publishers,
          r.summary,
        ],
      ]),
    );
    if (out.full) yield out.take();
  }
  yield out.take();
}
