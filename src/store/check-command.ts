import { citationId } from '../domain/citations.js';
import { mergedActor, patchActor, uniqueAliases, type WriteCommand } from '../domain/commands.js';
import { badInput, ClientError, notFound } from '../domain/errors.js';
import { INPUT_LIMITS as L, searchTextBytes } from '../domain/input-limits.js';
import type { Actor, Citation, Relation, Source } from '../domain/types.js';

/** What a store must answer, inside its write transaction, to check a command. */
export interface WriteView {
  /** Resolves merged ids to the live actor they were merged into, as the port's `actorsByIds` does. */
  actorsByIds(ids: readonly string[]): Promise<(Actor | null)[]>;
  relationsByIds(ids: readonly string[]): Promise<(Relation | null)[]>;
  sourcesByIds(ids: readonly string[]): Promise<(Source | null)[]>;
  citationsByIds(ids: readonly string[]): Promise<(Citation | null)[]>;
  citationsOfRelations(relationIds: readonly string[]): Promise<Citation[][]>;
}

export const duplicate = (field: string, what: string, id: string) =>
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
 * unknown id, a duplicate id, a value past the limits a store checks (below), an interval that would end before it
 * starts, a source cited twice, a last citation. Both stores run it inside their write lock before
 * they change anything, so a refused write leaves no trace and a passed check still holds when the
 * command is applied.
 *
 * Answers the command as the store must apply it: every actor id resolved to the live actor (an id
 * merged into another actor stands for that actor, see docs/writing.md), so a merge never starts
 * from an actor that is gone and never leaves a redirect chain or fork.
 */
export async function checkCommand(view: WriteView, command: WriteCommand): Promise<WriteCommand> {
  switch (command.op) {
    case 'addSource': {
      checkId(command.source.id, 'id');
      if ((await view.sourcesByIds([command.source.id]))[0]) throw duplicate('id', 'source', command.source.id);
      return command;
    }
    case 'updateSource': {
      await requireOne((ids) => view.sourcesByIds(ids), command.id, 'id', 'source');
      return command;
    }
    case 'updateCitation': {
      await requireOne((ids) => view.citationsByIds(ids), command.id, 'id', 'citation');
      return command;
    }
    case 'createActor': {
      const actor = { ...command.actor, aliases: uniqueAliases(command.actor.aliases, command.actor.name) };
      checkActor(actor);
      if ((await view.actorsByIds([actor.id]))[0]) throw duplicate('id', 'actor', actor.id);
      return { op: 'createActor', actor };
    }
    case 'updateActor': {
      const actor = await requireOne((ids) => view.actorsByIds(ids), command.id, 'id', 'actor');
      checkActor(patchActor(actor, command.patch), command.patch.addAliases ? 'addAliases' : 'aliases');
      return { ...command, id: actor.id };
    }
    case 'recordRelation':
    case 'restoreRelation': {
      const { relation, citations } = command;
      checkId(relation.id, 'id');
      if ((await view.relationsByIds([relation.id]))[0]) throw duplicate('id', 'relation', relation.id);
      const [from, to] = await view.actorsByIds([relation.from, relation.to]);
      if (!from) throw notFound('from', 'actor', [relation.from]);
      if (!to) throw notFound('to', 'actor', [relation.to]);
      if (from.id === to.id)
        throw badInput(
          'to',
          `an actor cannot be related to itself ("${relation.from}" and "${relation.to}" are one actor)`,
        );
      if (citations.length === 0) throw badInput('citations', 'a relation needs at least one citation');
      if (citations.length > L.citationsPerRelation)
        throw badInput('citations', `a relation has at most ${L.citationsPerRelation} citations`);
      const written = { ...relation, from: from.id, to: to.id };
      const cited = new Set<string>();
      const resolved: Citation[] = [];
      for (const [i, citation] of citations.entries()) {
        if (citation.relationId !== relation.id) throw new Error(`citation ${citation.id} is not of ${relation.id}`);
        if (cited.has(citation.sourceId))
          throw badInput(
            `citations.${i}.source`,
            `source "${citation.sourceId}" is cited twice: a relation cites each source once`,
          );
        cited.add(citation.sourceId);
        resolved.push(await checkCitation(view, citation, `citations.${i}`));
      }
      return { op: command.op, relation: written, citations: resolved };
    }
    case 'closeRelation': {
      const relation = await requireOne((ids) => view.relationsByIds(ids), command.id, 'id', 'relation');
      if (command.until < relation.since)
        throw badInput('until', `until (${command.until}) is before the relation's since (${relation.since})`);
      return command;
    }
    case 'updateRelation': {
      const relation = await requireOne((ids) => view.relationsByIds(ids), command.id, 'id', 'relation');
      const next = { ...relation, ...command.patch };
      if (next.until !== null && next.until < next.since)
        throw badInput('until', `until (${next.until}) would be before since (${next.since})`);
      return command;
    }
    case 'retractRelation': {
      await requireOne((ids) => view.relationsByIds(ids), command.id, 'id', 'relation');
      return command;
    }
    case 'addCitation': {
      const { citation } = command;
      await requireOne((ids) => view.relationsByIds(ids), citation.relationId, 'relationId', 'relation');
      const [existing] = await view.citationsOfRelations([citation.relationId]);
      if (existing.some((c) => c.sourceId === citation.sourceId) || (await view.citationsByIds([citation.id]))[0]) {
        throw new ClientError(
          `Relation "${citation.relationId}" already cites source "${citation.sourceId}"`,
          'DUPLICATE_ID',
          'citation.source',
        );
      }
      if (existing.length >= L.citationsPerRelation)
        throw badInput(
          'citation',
          `relation "${citation.relationId}" already has ${L.citationsPerRelation} citations, the most it may have`,
        );
      return { op: 'addCitation', citation: await checkCitation(view, citation, 'citation') };
    }
    case 'retractCitation': {
      const citation = await requireOne((ids) => view.citationsByIds(ids), command.id, 'id', 'citation');
      const [all] = await view.citationsOfRelations([citation.relationId]);
      if (all.length <= 1)
        throw badInput(
          'id',
          `Citation "${command.id}" is the last one of relation "${citation.relationId}": a relation needs a citation, so retract the relation instead`,
        );
      return command;
    }
    case 'mergeActors': {
      if (command.survivorId === command.mergedId)
        throw badInput('merged', 'survivor and merged must be different actors');
      const [survivor, merged] = await view.actorsByIds([command.survivorId, command.mergedId]);
      if (!survivor) throw notFound('survivor', 'actor', [command.survivorId]);
      if (!merged) throw notFound('merged', 'actor', [command.mergedId]);
      if (survivor.id === merged.id)
        throw badInput(
          'merged',
          `"${command.mergedId}" and "${command.survivorId}" are already one actor, "${survivor.id}": nothing to merge`,
        );
      checkActor(mergedActor(survivor, merged), 'merged');
      return { op: 'mergeActors', survivorId: survivor.id, mergedId: merged.id };
    }
  }
}

/** A citation with its source checked and its claimant resolved to the live actor. */
async function checkCitation(view: WriteView, citation: Citation, field: string): Promise<Citation> {
  if (citation.id !== citationId(citation.relationId, citation.sourceId))
    throw new Error(`citation id ${citation.id} is not derived from its relation and source`);
  if (!(await view.sourcesByIds([citation.sourceId]))[0])
    throw notFound(`${field}.source`, 'source', [citation.sourceId]);
  if (!citation.claimantActorId) return citation;
  const [claimant] = await view.actorsByIds([citation.claimantActorId]);
  if (!claimant) throw notFound(`${field}.claimantActor`, 'actor', [citation.claimantActorId]);
  return { ...citation, claimantActorId: claimant.id };
}

/*
 * The limits a store checks itself: those that keep a value within what Neo4j indexes (ids, an
 * actor's folded names) and those only the store can count, because they depend on what it holds
 * when the command is applied (aliases after an addition or a merge, citations of a relation). The
 * sizes of text fields are checked where input enters (src/service/records.ts), for every caller;
 * not here, so data written before a limit existed still loads and migrates.
 */

function checkId(id: string, field: string) {
  if (id.length > L.idLength) throw badInput(field, `${field} must be at most ${L.idLength} characters`);
}

/** An actor as it would be stored; `aliasField` names what brought its aliases (a patch, a merge). */
function checkActor(actor: Actor, aliasField = 'aliases') {
  checkId(actor.id, 'id');
  if (actor.aliases.length > L.aliasesPerActor)
    throw badInput(
      aliasField,
      `actor "${actor.id}" would have ${actor.aliases.length} aliases; an actor has at most ${L.aliasesPerActor}`,
    );
  const bytes = searchTextBytes(actor);
  if (bytes > L.searchTextBytes)
    throw badInput(
      aliasField,
      `actor "${actor.id}"'s name and aliases would take ${bytes} bytes to index; at most ${L.searchTextBytes}`,
    );
}
