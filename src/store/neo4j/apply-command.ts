import {
  mergedActor,
  patchActor,
  repointRelation,
  touched,
  type WriteCommand,
  type WriteResult,
} from '../../domain/commands.js';
import { ALL_TIME } from '../../domain/dates.js';
import { otherEnd } from '../../domain/relation-kinds.js';
import type { Relation } from '../../domain/types.js';
import type { Lookups, Run } from './lookups.js';
import { actorParams, citationParams } from './mapping.js';

const deleteRelation = (run: Run, r: Relation) => run('delete-relation', { id: r.id, from: r.from, to: r.to });

/**
 * Applies a checked command inside the caller's write transaction. Relationship types and
 * endpoints cannot change in place, so closing re-merges the relation by id and a merge
 * re-creates the merged actor's relations on the survivor.
 */
export async function applyCommand(run: Run, lookups: Lookups, command: WriteCommand): Promise<WriteResult> {
  switch (command.op) {
    case 'addSource':
      await run('merge-sources', { sources: [command.source] });
      return touched({ sourceIds: [command.source.id] });
    case 'createActor':
      await run('merge-actors', { actors: [actorParams(command.actor)] });
      return touched({ actorIds: [command.actor.id] });
    case 'updateActor': {
      const [actor] = await lookups.actorsByIds([command.id]);
      await run('merge-actors', { actors: [actorParams(patchActor(actor!, command.patch))] });
      return touched({ actorIds: [command.id] });
    }
    case 'recordRelation':
      await run('merge-relations', { relations: [command.relation] });
      await run('merge-citations', { citations: command.citations.map(citationParams) });
      return touched({
        relationIds: [command.relation.id],
        actorIds: [command.relation.from, command.relation.to],
        citationIds: command.citations.map((c) => c.id),
      });
    case 'closeRelation': {
      const [relation] = await lookups.relationsByIds([command.id]);
      await run('merge-relations', { relations: [{ ...relation!, until: command.until }] });
      return touched({ relationIds: [command.id], actorIds: [relation!.from, relation!.to] });
    }
    case 'retractRelation': {
      const [relation] = await lookups.relationsByIds([command.id]);
      const [citations] = await lookups.citationsOfRelations([command.id]);
      await deleteRelation(run, relation!);
      await run('delete-citations', { ids: citations.map((c) => c.id) });
      return touched({
        relationIds: [command.id],
        actorIds: [relation!.from, relation!.to],
        citationIds: citations.map((c) => c.id),
      });
    }
    case 'addCitation':
      await run('merge-citations', { citations: [citationParams(command.citation)] });
      return touched({ citationIds: [command.citation.id], relationIds: [command.citation.relationId] });
    case 'retractCitation': {
      const [citation] = await lookups.citationsByIds([command.id]);
      await run('delete-citations', { ids: [command.id] });
      return touched({ citationIds: [command.id], relationIds: [citation!.relationId] });
    }
    case 'mergeActors':
      return merge(run, lookups, command.survivorId, command.mergedId);
  }
}

async function merge(run: Run, lookups: Lookups, survivorId: string, mergedId: string): Promise<WriteResult> {
  const [survivor, merged] = await lookups.actorsByIds([survivorId, mergedId]);
  const [relations] = await lookups.relationsOfActors([mergedId], { kinds: null, window: ALL_TIME, direction: 'ANY' });
  const between = relations.filter((r) => otherEnd(r, mergedId) === survivorId);
  const moved = relations.filter((r) => otherEnd(r, mergedId) !== survivorId);
  const dropped = (await lookups.citationsOfRelations(between.map((r) => r.id))).flat().map((c) => c.id);
  for (const relation of relations) await deleteRelation(run, relation);
  await run('delete-citations', { ids: dropped });
  await run('merge-relations', { relations: moved.map((r) => repointRelation(r, mergedId, survivorId)) });
  const claimed = await run<{ id: string }>('repoint-claimants', { mergedId, survivorId });
  await run('repoint-redirects', { mergedId, survivorId });
  await run('add-redirect', { mergedId, survivorId });
  await run('delete-actor', { id: mergedId });
  await run('merge-actors', { actors: [actorParams(mergedActor(survivor!, merged!))] });
  return touched({
    actorIds: [survivorId, mergedId],
    relationIds: relations.map((r) => r.id),
    citationIds: [...dropped, ...claimed.map((c) => c.id)],
  });
}
