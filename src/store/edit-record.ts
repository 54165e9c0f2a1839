import type { WriteCommand, WriteResult } from '../domain/commands.js';
import { editContent, type Edit } from '../domain/edits.js';
import { factsOf } from '../domain/evidence.js';
import type { Relation } from '../domain/types.js';
import type { WriteView } from './check-command.js';

export type RecordKind = 'source' | 'actor' | 'relation' | 'citation';
/** Reads one record by id, as the store holds it now; an actor id resolves as `actorsByIds` does. */
export type ReadRecord = (kind: RecordKind, id: string) => unknown;

/**
 * The record a command changes in place, read inside the write before and after it is applied, so
 * that its edit can say which fields changed: a source, an actor, a relation's facts, a citation;
 * for a merge both actors before and the survivor after. Null for the other commands, whose edit
 * holds what they created or removed. Synchronous, so the embedded store reads it in the same step
 * as its change.
 */
export function subjectIn(read: ReadRecord, command: WriteCommand, when: 'before' | 'after'): unknown {
  switch (command.op) {
    case 'updateSource':
      return read('source', command.id);
    case 'updateActor':
      return read('actor', command.id);
    case 'closeRelation':
    case 'updateRelation': {
      const relation = read('relation', command.id) as Relation | null;
      return relation ? factsOf(relation) : null;
    }
    case 'updateCitation':
      return read('citation', command.id);
    case 'mergeActors':
      return when === 'before'
        ? { survivor: read('actor', command.survivorId), merged: read('actor', command.mergedId) }
        : read('actor', command.survivorId);
    default:
      return null;
  }
}

/** `subjectIn` over a store's batched lookups (Neo4j, inside its write transaction). */
export async function subjectOf(view: WriteView, command: WriteCommand, when: 'before' | 'after'): Promise<unknown> {
  const wanted: [RecordKind, string][] = [];
  subjectIn((kind, id) => (wanted.push([kind, id]), null), command, when);
  const load = async ([kind, id]: [RecordKind, string]) => {
    const lookup = {
      source: (ids: string[]) => view.sourcesByIds(ids),
      actor: (ids: string[]) => view.actorsByIds(ids),
      relation: (ids: string[]) => view.relationsByIds(ids),
      citation: (ids: string[]) => view.citationsByIds(ids),
    }[kind];
    return (await lookup([id]))[0];
  };
  const values: unknown[] = [];
  for (const key of wanted) values.push(await load(key));
  let next = 0;
  return subjectIn(() => values[next++], command, when);
}

/** Who makes a write and when: the writer's name travels with the write from the request that made it. */
export interface Stamp {
  by: string;
  at: string;
}

/** The edit a store keeps for one applied command (its `seq` the next in the store's history). */
export function editOf(
  seq: number,
  stamp: Stamp,
  command: WriteCommand,
  result: WriteResult,
  subject: { before: unknown; after: unknown },
): Edit {
  return {
    seq,
    at: stamp.at,
    by: stamp.by,
    operation: command.op,
    actorIds: result.actorIds,
    relationIds: result.relationIds,
    citationIds: result.citationIds,
    sourceIds: result.sourceIds,
    ...editContent(command, result, subject),
  };
}
