import { isDeepStrictEqual } from 'node:util';
import type { WriteCommand } from '../domain/commands.js';
import { ClientError } from '../domain/errors.js';
import type { Actor, Relation } from '../domain/types.js';
import type { GraphStore } from '../store/port.js';
import type { ImportBatch, RowProblem } from './batch.js';

type Counts = { sources: number; actors: number; relations: number; citations: number };
const zero = (): Counts => ({ sources: 0, actors: 0, relations: 0, citations: 0 });

export interface ImportReport {
  created: Counts;
  updated: Counts;
  unchanged: Counts;
  /** Records the graph already holds differently: left as the graph has them. */
  conflicts: RowProblem[];
  problems: RowProblem[];
  ignored: RowProblem[];
  /** Whether anything was written (false for a dry run, or a strict run with problems). */
  written: boolean;
}

/**
 * Compares a batch with the graph and writes what is new, one atomic command at a time: new
 * sources, actors and relations are created, new aliases and citations are added, and what the
 * graph already holds the same way is left alone, so importing a file twice changes nothing.
 * With `strict`, any problem row stops the import before it writes; with `dryRun`, nothing is
 * written and the report says what would be.
 */
export async function applyImport(
  store: GraphStore,
  batch: ImportBatch,
  options: { dryRun: boolean; strict: boolean },
): Promise<ImportReport> {
  const report: ImportReport = {
    created: zero(),
    updated: zero(),
    unchanged: zero(),
    conflicts: [],
    problems: [...batch.problems],
    ignored: batch.ignored,
    written: false,
  };
  const commands: { command: WriteCommand; where: string }[] = [];

  const storedSources = await store.sourcesByIds(batch.sources.map((s) => s.id));
  batch.sources.forEach((source, i) => {
    const stored = storedSources[i];
    if (!stored) {
      commands.push({ command: { op: 'addSource', source }, where: `source ${source.id}` });
      report.created.sources++;
    } else if (isDeepStrictEqual(stored, source)) report.unchanged.sources++;
    else
      report.conflicts.push({
        where: `source ${source.id}`,
        message: 'the graph has it with other details; left unchanged',
      });
  });

  const storedActors = await store.actorsByIds(batch.actors.map((a) => a.id));
  batch.actors.forEach((actor, i) => {
    const stored = storedActors[i];
    if (!stored) {
      commands.push({ command: { op: 'createActor', actor }, where: `actor ${actor.id}` });
      report.created.actors++;
      return;
    }
    const patch = actorChanges(stored, actor);
    if (!patch) report.unchanged.actors++;
    else {
      commands.push({ command: { op: 'updateActor', id: stored.id, patch }, where: `actor ${actor.id}` });
      report.updated.actors++;
    }
  });

  const known = new Set([...batch.actors.map((a) => a.id)]);
  const endpoints = [
    ...new Set(batch.relations.flatMap(({ relation }) => [relation.from, relation.to]).filter((id) => !known.has(id))),
  ];
  (await store.actorsByIds(endpoints)).forEach((actor, i) => actor && known.add(endpoints[i]));
  const storedRelations = await store.relationsByIds(batch.relations.map((r) => r.relation.id));
  const storedCitations = await store.citationsByIds(batch.relations.flatMap((r) => r.citations.map((c) => c.id)));
  let c = 0;
  batch.relations.forEach(({ relation, citations }, i) => {
    const where = `relation ${relation.id}`;
    const cited = citations.map(() => storedCitations[c++]);
    const missingEnd = [relation.from, relation.to].find((id) => !known.has(id));
    if (missingEnd) {
      report.problems.push({ where, message: `unknown actor "${missingEnd}"` });
      return;
    }
    const stored = storedRelations[i];
    if (!stored) {
      commands.push({ command: { op: 'recordRelation', relation, citations }, where });
      report.created.relations++;
      report.created.citations += citations.length;
      return;
    }
    if (!sameRelation(stored, relation)) {
      report.conflicts.push({ where, message: 'the graph has it with other dates, ends or summary; left unchanged' });
      return;
    }
    report.unchanged.relations++;
    citations.forEach((citation, j) => {
      if (!cited[j]) {
        commands.push({ command: { op: 'addCitation', citation }, where: `citation ${citation.id}` });
        report.created.citations++;
      } else report.unchanged.citations++;
    });
  });

  if (options.dryRun || (options.strict && report.problems.length > 0)) return report;
  for (const { command, where } of commands) {
    try {
      await store.write(command);
      report.written = true;
    } catch (error) {
      if (!(error instanceof ClientError)) throw error;
      report.problems.push({ where, message: `refused by the graph: ${error.message}` });
    }
  }
  return report;
}

function actorChanges(stored: Actor, incoming: Actor) {
  const aliases = [
    ...stored.aliases,
    ...incoming.aliases.filter((a) => !stored.aliases.includes(a) && a !== stored.name),
  ];
  const same =
    stored.name === incoming.name &&
    stored.kind === incoming.kind &&
    (incoming.description === null || stored.description === incoming.description) &&
    aliases.length === stored.aliases.length;
  if (same) return null;
  return { name: incoming.name, kind: incoming.kind, description: incoming.description ?? stored.description, aliases };
}

const sameRelation = (a: Relation, b: Relation) =>
  isDeepStrictEqual({ ...a, places: [...a.places].sort() }, { ...b, places: [...b.places].sort() });
