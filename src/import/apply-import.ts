import { isDeepStrictEqual } from 'node:util';
import type { RelationPatch, WriteCommand } from '../domain/commands.js';
import { ClientError } from '../domain/errors.js';
import type { Actor, Citation, RelationFacts } from '../domain/types.js';
import { factsOf } from '../domain/evidence.js';
import type { Notice } from '../service/notices.js';
import { WriteService } from '../service/write-service.js';
import type { GraphStore } from '../store/port.js';
import type { ImportBatch, RowProblem } from './batch.js';

export type Counts = { sources: number; actors: number; relations: number; citations: number };
const zero = (): Counts => ({ sources: 0, actors: 0, relations: 0, citations: 0 });

export interface ImportOptions {
  /** Write nothing; the counts say what would be written. */
  dryRun: boolean;
  /** All or nothing: any problem row, or any refusal by the graph, and nothing is written. */
  strict: boolean;
  /** Rewrite actors and relations the graph holds differently, instead of reporting them as conflicts. */
  update?: boolean;
  /** The writer the import's edits are kept under; default `IMPORT_WRITER`. */
  by?: string;
}

/** Who the command-line importer writes as, in the edit history. */
export const IMPORT_WRITER = 'import';

export interface ImportReport {
  /** What was written (for a dry run: what would be). */
  created: Counts;
  updated: Counts;
  unchanged: Counts;
  /** Records the graph already holds differently: left as the graph has them. */
  conflicts: RowProblem[];
  problems: RowProblem[];
  ignored: RowProblem[];
  /** Input that could not be read at all; nothing was imported. */
  unreadable: RowProblem[];
  /** What the write policy did that the file did not literally say (a merged actor id used for its survivor). */
  notices: RowProblem[];
  /** Whether anything was written (false for a dry run, unreadable input, or a strict run with problems). */
  written: boolean;
}

/** One write the import plans, with where it comes from and what it counts once written. */
interface Step {
  command: WriteCommand;
  where: string;
  counts: { created?: Partial<Counts>; updated?: Partial<Counts> };
}

/**
 * Compares a batch with the graph and writes what is new through the write service, the API's own:
 * new sources, actors and relations are created, new aliases and citations are added, and what the
 * graph already holds the same way is left alone, so importing a file twice changes nothing. An
 * actor or relation the graph holds differently is a conflict, left as it is unless `update`. A
 * merged actor id stands for its survivor (a notice line). Each write is atomic; with `strict`
 * all of them are one write (`writeBatch`), refused as a whole on any problem. The report counts
 * only what was written.
 */
export async function applyImport(
  store: GraphStore,
  batch: ImportBatch,
  options: ImportOptions,
): Promise<ImportReport> {
  const report: ImportReport = {
    created: zero(),
    updated: zero(),
    unchanged: zero(),
    conflicts: [],
    problems: [...batch.problems],
    ignored: batch.ignored,
    unreadable: batch.unreadable,
    notices: [],
    written: false,
  };
  if (batch.unreadable.length > 0) return report;
  const steps = await plan(store, batch, options, report);
  const service = new WriteService(store, { by: options.by ?? IMPORT_WRITER });
  const tell = (where: string, notices: Notice[]) =>
    report.notices.push(...notices.map((n) => ({ where, message: `${n.field}: ${n.message}` })));

  if (options.dryRun) {
    for (const step of steps) {
      count(report, step);
      tell(step.where, await service.noticesFor(step.command));
    }
    return report;
  }
  if (options.strict) {
    if (report.problems.length > 0 || steps.length === 0) return report;
    try {
      const { notices } = await service.executeBatch(steps.map((s) => s.command));
      steps.forEach((step, i) => {
        count(report, step);
        tell(step.where, notices[i]);
      });
      report.written = true;
    } catch (error) {
      if (!(error instanceof ClientError)) throw error;
      report.problems.push({ where: 'the whole import', message: `refused by the graph: ${error.message}` });
    }
    return report;
  }
  for (const step of steps) {
    try {
      const { notices } = await service.execute(step.command);
      count(report, step);
      tell(step.where, notices);
      report.written = true;
    } catch (error) {
      if (!(error instanceof ClientError)) throw error;
      report.problems.push({ where: step.where, message: `refused by the graph: ${error.message}` });
    }
  }
  return report;
}

function count(report: ImportReport, step: Step) {
  for (const [tally, counts] of [
    [report.created, step.counts.created],
    [report.updated, step.counts.updated],
  ] as const)
    for (const [key, n] of Object.entries(counts ?? {})) tally[key as keyof Counts] += n;
}

/** The writes a batch needs, in order (sources, actors, relations, citations); conflicts and problems go to the report. */
async function plan(store: GraphStore, batch: ImportBatch, options: ImportOptions, report: ImportReport) {
  const steps: Step[] = [];
  const once = onlyOnce(report);

  const sources = batch.sources.filter((s) => once(`source ${s.id}`, s.id, 'sources'));
  const storedSources = await store.sourcesByIds(sources.map((s) => s.id));
  sources.forEach((source, i) => {
    const stored = storedSources[i];
    const where = `source ${source.id}`;
    if (!stored) steps.push({ command: { op: 'addSource', source }, where, counts: { created: { sources: 1 } } });
    else if (isDeepStrictEqual(stored, source)) report.unchanged.sources++;
    else report.conflicts.push({ where, message: 'the graph has it with other details; left unchanged' });
  });

  const actors = batch.actors.filter((a) => once(`actor ${a.id}`, a.id, 'actors'));
  const storedActors = await store.actorsByIds(actors.map((a) => a.id));
  actors.forEach((actor, i) => {
    const step = actorStep(actor, storedActors[i], options, report);
    if (step) steps.push(step);
  });

  // Relation ends and claimants resolve as the store resolves them: an actor of the file, or the
  // live actor an id names (a merged id names its survivor).
  const live = new Map<string, string>(actors.map((a) => [a.id, a.id]));
  const named = [
    ...new Set(
      batch.relations.flatMap(({ relation, citations }) => [
        relation.from,
        relation.to,
        ...citations.flatMap((c) => (c.claimantActorId ? [c.claimantActorId] : [])),
      ]),
    ),
  ].filter((id) => !live.has(id));
  (await store.actorsByIds(named)).forEach((actor, i) => actor && live.set(named[i], actor.id));
  const resolved = (r: RelationFacts): RelationFacts => ({ ...r, from: live.get(r.from)!, to: live.get(r.to)! });
  const resolvedCitation = (c: Citation): Citation => ({
    ...c,
    claimantActorId: c.claimantActorId === null ? null : (live.get(c.claimantActorId) ?? c.claimantActorId),
  });

  const relations = batch.relations.filter(({ relation }) => once(`relation ${relation.id}`, relation.id, 'relations'));
  const storedRelations = await store.relationsByIds(relations.map((r) => r.relation.id));
  const storedCitations = await store.citationsOfRelations(relations.map((r) => r.relation.id));
  relations.forEach(({ relation, citations }, i) => {
    const where = `relation ${relation.id}`;
    const missingEnd = [relation.from, relation.to].find((id) => !live.has(id));
    if (missingEnd) {
      report.problems.push({ where, message: `unknown actor "${missingEnd}"` });
      return;
    }
    const stored = storedRelations[i];
    if (!stored) {
      steps.push({
        command: { op: 'recordRelation', relation, citations },
        where,
        counts: { created: { relations: 1, citations: citations.length } },
      });
      return;
    }
    const incoming = resolved(relation);
    if (stored.kind !== incoming.kind || stored.from !== incoming.from || stored.to !== incoming.to) {
      report.conflicts.push({
        where,
        message: `the graph has it as ${stored.kind} from "${stored.from}" to "${stored.to}"; left unchanged (retract it to import it anew)`,
      });
      return;
    }
    if (!sameRelation(stored, incoming)) {
      if (!options.update) {
        report.conflicts.push({
          where,
          message: 'the graph has it with other dates, summary or places; left unchanged (--update rewrites it)',
        });
        return;
      }
      const { since, until, precision, summary, places, sinceBound } = incoming;
      const patch: RelationPatch = { since, until, precision, summary, places, sinceBound };
      steps.push({
        command: { op: 'updateRelation', id: stored.id, patch },
        where,
        counts: { updated: { relations: 1 } },
      });
    } else report.unchanged.relations++;
    const held = new Map(storedCitations[i].map((c) => [c.sourceId, c]));
    for (const citation of citations) {
      const existing = held.get(citation.sourceId);
      if (!existing)
        steps.push({
          command: { op: 'addCitation', citation },
          where: `citation ${citation.id}`,
          counts: { created: { citations: 1 } },
        });
      else if (isDeepStrictEqual(citationFields(existing), citationFields(resolvedCitation(citation))))
        report.unchanged.citations++;
      else
        report.conflicts.push({
          where: `citation ${citation.id}`,
          message: 'the graph has it with another claimant, locator, stance or credibility; left unchanged',
        });
    }
  });
  return steps;
}

/** A filter that lets the first record with an id through and reports every repeat as a problem. */
function onlyOnce(report: ImportReport) {
  const seen = new Set<string>();
  return (where: string, id: string, kind: string) => {
    const key = `${kind} ${id}`;
    if (!seen.has(key)) return (seen.add(key), true);
    report.problems.push({
      where,
      message: `the file has ${kind} with this id more than once; only the first is used`,
    });
    return false;
  };
}

/**
 * An actor the graph lacks is created; one it holds the same way is unchanged; new aliases are
 * added (by the store, to what it holds then). A different name, kind or description is a
 * conflict unless `update`. An id merged into another actor adds its names to that actor's aliases.
 */
function actorStep(actor: Actor, stored: Actor | null, options: ImportOptions, report: ImportReport): Step | null {
  const where = `actor ${actor.id}`;
  if (!stored) return { command: { op: 'createActor', actor }, where, counts: { created: { actors: 1 } } };
  const names = stored.id === actor.id ? actor.aliases : [actor.name, ...actor.aliases];
  const addAliases = names.filter((a) => !stored.aliases.includes(a) && a !== stored.name);
  const differs =
    stored.id === actor.id &&
    (stored.name !== actor.name ||
      stored.kind !== actor.kind ||
      (actor.description !== null && stored.description !== actor.description));
  if (differs && !options.update) {
    report.conflicts.push({
      where,
      message: 'the graph has it with another name, kind or description; left unchanged (--update rewrites it)',
    });
    return null;
  }
  if (!differs && addAliases.length === 0) {
    report.unchanged.actors++;
    return null;
  }
  const patch = differs
    ? { name: actor.name, kind: actor.kind, description: actor.description ?? stored.description, addAliases }
    : { addAliases };
  return { command: { op: 'updateActor', id: actor.id, patch }, where, counts: { updated: { actors: 1 } } };
}

const citationFields = (c: Citation) => ({
  claimant: c.claimant,
  claimantActorId: c.claimantActorId,
  locator: c.locator,
  stance: c.stance,
  credibility: c.credibility,
});

/** Whether two relations record the same facts (what a store derives from citations is not compared). */
const sameRelation = (a: RelationFacts, b: RelationFacts) =>
  isDeepStrictEqual({ ...factsOf(a), places: [...a.places].sort() }, { ...factsOf(b), places: [...b.places].sort() });
