import type { WriteCommand } from '../domain/commands.js';
import { badInput, ClientError, notFound } from '../domain/errors.js';
import type { Actor, Citation, Relation, Source } from '../domain/types.js';

/** What a store must answer, inside its write transaction, to check a command. */
export interface WriteView {
  actorsByIds(ids: readonly string[]): Promise<(Actor | null)[]>;
  relationsByIds(ids: readonly string[]): Promise<(Relation | null)[]>;
  sourcesByIds(ids: readonly string[]): Promise<(Source | null)[]>;
  citationsByIds(ids: readonly string[]): Promise<(Citation | null)[]>;
  citationsOfRelations(relationIds: readonly string[]): Promise<Citation[][]>;
}

const duplicate = (field: string, what: string, id: string) =>
  new ClientError(`A ${what} with id "${id}" already exists`, 'DUPLICATE_ID', field);

async function requireOne<T>(
  load: (ids: string[]) => Promise<(T | null)[]>,
  id: string,
  field: string,
  what: string,
): Promise<T> {
  const [found] = await load([id]);
  if (!found) throw notFound(field, what, [id]);
  return found;
}

/**
 * Checks a command against the graph as it is, throwing the client error a caller can fix: an
 * unknown id, a duplicate id, an interval that would end before it starts, a last citation.
 * Both stores run it before they change anything, so a refused write leaves no trace.
 */
export async function checkCommand(view: WriteView, command: WriteCommand): Promise<void> {
  switch (command.op) {
    case 'addSource': {
      if ((await view.sourcesByIds([command.source.id]))[0]) throw duplicate('id', 'source', command.source.id);
      return;
    }
    case 'createActor': {
      if ((await view.actorsByIds([command.actor.id]))[0]) throw duplicate('id', 'actor', command.actor.id);
      return;
    }
    case 'updateActor': {
      await requireOne((ids) => view.actorsByIds(ids), command.id, 'id', 'actor');
      return;
    }
    case 'recordRelation': {
      const { relation, citations } = command;
      if ((await view.relationsByIds([relation.id]))[0]) throw duplicate('id', 'relation', relation.id);
      await checkEnds(view, relation);
      for (const [i, citation] of citations.entries()) await checkCitation(view, citation, `citations.${i}`);
      return;
    }
    case 'closeRelation': {
      const relation = await requireOne((ids) => view.relationsByIds(ids), command.id, 'id', 'relation');
      if (command.until < relation.since)
        throw badInput('until', `until (${command.until}) is before the relation's since (${relation.since})`);
      return;
    }
    case 'retractRelation': {
      await requireOne((ids) => view.relationsByIds(ids), command.id, 'id', 'relation');
      return;
    }
    case 'addCitation': {
      const { citation } = command;
      await requireOne((ids) => view.relationsByIds(ids), citation.relationId, 'relationId', 'relation');
      if ((await view.citationsByIds([citation.id]))[0]) {
        throw new ClientError(
          `Relation "${citation.relationId}" already cites source "${citation.sourceId}"`,
          'DUPLICATE_ID',
          'citation.source',
        );
      }
      await checkCitation(view, citation, 'citation');
      return;
    }
    case 'retractCitation': {
      const citation = await requireOne((ids) => view.citationsByIds(ids), command.id, 'id', 'citation');
      const [all] = await view.citationsOfRelations([citation.relationId]);
      if (all.length <= 1)
        throw badInput(
          'id',
          `Citation "${command.id}" is the last one of relation "${citation.relationId}": a relation needs a citation, so retract the relation instead`,
        );
      return;
    }
    case 'mergeActors': {
      if (command.survivorId === command.mergedId)
        throw badInput('merged', 'survivor and merged must be different actors');
      const [survivor, merged] = await view.actorsByIds([command.survivorId, command.mergedId]);
      if (!survivor) throw notFound('survivor', 'actor', [command.survivorId]);
      if (!merged) throw notFound('merged', 'actor', [command.mergedId]);
      if (survivor.id === merged.id)
        throw badInput('merged', `"${command.mergedId}" was already merged into "${survivor.id}"`);
      return;
    }
  }
}

async function checkEnds(view: WriteView, relation: Relation) {
  const [from, to] = await view.actorsByIds([relation.from, relation.to]);
  if (!from) throw notFound('from', 'actor', [relation.from]);
  if (!to) throw notFound('to', 'actor', [relation.to]);
  if (from.id !== relation.from || to.id !== relation.to)
    throw badInput(
      from.id !== relation.from ? 'from' : 'to',
      'a merged actor id was given; use the id it was merged into',
    );
}

async function checkCitation(view: WriteView, citation: Citation, field: string) {
  if (!(await view.sourcesByIds([citation.sourceId]))[0])
    throw notFound(`${field}.source`, 'source', [citation.sourceId]);
  if (citation.claimantActorId && !(await view.actorsByIds([citation.claimantActorId]))[0])
    throw notFound(`${field}.claimantActor`, 'actor', [citation.claimantActorId]);
}
