import {
  mergedActor,
  patchActor,
  repointRelation,
  touched,
  type WriteCommand,
  type WriteResult,
} from '../../domain/commands.js';
import { deriveRelation, factsOf } from '../../domain/evidence.js';
import { EVERYTHING } from '../../domain/reading.js';
import { otherEnd } from '../../domain/relation-kinds.js';
import { UNGRADED, type Relation } from '../../domain/types.js';
import type { Lookups, Run } from './lookups.js';
import { actorParams, citationParams, editParams, evidenceParams, relationParams, toNumber } from './mapping.js';
import { editOf, subjectOf, type Stamp } from '../edit-record.js';
import type { StatementName } from './statements.js';

const deleteRelation = (run: Run, r: Relation) => run('delete-relation', { id: r.id, from: r.from, to: r.to });

/**
 * Runs a statement that answers a count, and fails the transaction when it touched fewer than
 * expected: a write that silently did less (an end that was not found) must not commit.
 */
async function expectCount(run: Run, name: StatementName, params: Record<string, unknown>, expected: number) {
  const [row] = await run<Record<string, unknown>>(name, params);
  const count = row ? toNumber(Object.values(row)[0]) : 0;
  if (count !== expected) throw new Error(`${name} touched ${count} of ${expected}; the write is rolled back`);
}

/**
 * Applies a checked command (as `checkCommand` answered it: actor ids live) inside the caller's
 * write transaction, which holds the write lock, then sets anew what the citations of every
 * relation it touched vouch for (`refreshEvidence`), in the same transaction.
 */
export async function applyCommand(run: Run, lookups: Lookups, command: WriteCommand): Promise<WriteResult> {
  const result = await applyOne(run, lookups, command);
  await refreshEvidence(run, lookups, result);
  return result;
}

/**
 * `applyCommand`, and the command's edit kept in the same transaction (`create-edit`), with what
 * the changed record was before and after.
 */
export async function applyAndRecord(run: Run, lookups: Lookups, command: WriteCommand, stamp: Stamp) {
  const before = await subjectOf(lookups, command, 'before');
  const result = await applyCommand(run, lookups, command);
  const after = await subjectOf(lookups, command, 'after');
  const { seq: _seq, ...edit } = editOf(0, stamp, command, result, { before, after });
  await run('create-edit', { edit: editParams(edit) });
  return result;
}

/**
 * The relations a write touched, and those of the citations it touched, take what their citations
 * now vouch for (`deriveRelation`, the rule's one home), read inside the write transaction: a
 * relation recorded or re-created by a merge, a citation added, retracted or regraded, a source
 * regraded, a claimant merged into one of the relation's own actors.
 */
export async function refreshEvidence(run: Run, lookups: Lookups, result: WriteResult): Promise<void> {
  const ofCitations = (await lookups.citationsByIds(result.citationIds)).flatMap((c) => (c ? [c.relationId] : []));
  const ids = [...new Set([...result.relationIds, ...ofCitations])];
  const relations = (await lookups.relationsByIds(ids)).filter((r): r is Relation => r !== null);
  if (relations.length === 0) return;
  const citations = await lookups.citationsOfRelations(relations.map((r) => r.id));
  const sourceIds = [...new Set(citations.flat().map((c) => c.sourceId))];
  const sources = await lookups.sourcesByIds(sourceIds);
  const grade = new Map(sources.map((s, i) => [sourceIds[i], s?.reliability ?? UNGRADED]));
  const derived = relations.map((r, i) => deriveRelation(factsOf(r), citations[i], (id) => grade.get(id) ?? UNGRADED));
  await expectCount(run, 'set-relation-evidence', { relations: derived.map(evidenceParams) }, derived.length);
}

/**
 * One command's change. New nodes and relationships are CREATEd, so the uniqueness constraints
 * refuse a duplicate even if a check were wrong. Relationship types and endpoints cannot change in
 * place, so a merge re-creates the merged actor's relations on the survivor.
 */
async function applyOne(run: Run, lookups: Lookups, command: WriteCommand): Promise<WriteResult> {
  switch (command.op) {
    case 'addSource':
      await run('create-source', { source: command.source });
      return touched({ sourceIds: [command.source.id] });
    case 'updateSource': {
      const [source] = await lookups.sourcesByIds([command.id]);
      const next = { ...source!, ...command.patch };
      await expectCount(run, 'update-source', { id: next.id, reliability: next.reliability }, 1);
      // The relations citing it are touched: their evidence (best reliability) is read anew.
      const citing = await run<{ id: string }>('relations-citing-source', { id: command.id });
      return touched({ sourceIds: [command.id], relationIds: citing.map((row) => row.id) });
    }
    case 'updateCitation': {
      const [citation] = await lookups.citationsByIds([command.id]);
      const next = citationParams({ ...citation!, ...command.patch });
      await expectCount(run, 'update-citation', { id: next.id, stance: next.stance, credibility: next.credibility }, 1);
      return touched({ citationIds: [command.id], relationIds: [citation!.relationId] });
    }
    case 'createActor':
      await run('create-actor', { actor: actorParams(command.actor) });
      return touched({ actorIds: [command.actor.id] });
    case 'updateActor': {
      const [actor] = await lookups.actorsByIds([command.id]);
      await expectCount(run, 'update-actor', { actor: actorParams(patchActor(actor!, command.patch)) }, 1);
      return touched({ actorIds: [command.id] });
    }
    case 'recordRelation':
    case 'restoreRelation':
      await expectCount(run, 'create-relations', { relations: [relationParams(command.relation)] }, 1);
      await expectCount(
        run,
        'create-citations',
        { citations: command.citations.map(citationParams) },
        command.citations.length,
      );
      return touched({
        relationIds: [command.relation.id],
        actorIds: [command.relation.from, command.relation.to],
        citationIds: command.citations.map((c) => c.id),
      });
    case 'closeRelation': {
      const [relation] = await lookups.relationsByIds([command.id]);
      const { id, from, to } = relation!;
      await expectCount(run, 'close-relation', { id, from, to, until: command.until }, 1);
      return touched({ relationIds: [command.id], actorIds: [from, to] });
    }
    case 'updateRelation': {
      const [relation] = await lookups.relationsByIds([command.id]);
      const next = { ...factsOf(relation!), ...command.patch };
      await expectCount(run, 'update-relation', next, 1);
      return touched({ relationIds: [command.id], actorIds: [next.from, next.to] });
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
        removed: { relations: [relation!], citations },
      });
    }
    case 'addCitation':
      await expectCount(run, 'create-citations', { citations: [citationParams(command.citation)] }, 1);
      return touched({ citationIds: [command.citation.id], relationIds: [command.citation.relationId] });
    case 'retractCitation': {
      const [citation] = await lookups.citationsByIds([command.id]);
      await run('delete-citations', { ids: [command.id] });
      return touched({
        citationIds: [command.id],
        relationIds: [citation!.relationId],
        removed: { relations: [], citations: [citation!] },
      });
    }
    case 'mergeActors':
      return merge(run, lookups, command.survivorId, command.mergedId);
  }
}

async function merge(run: Run, lookups: Lookups, survivorId: string, mergedId: string): Promise<WriteResult> {
  const [survivor, merged] = await lookups.actorsByIds([survivorId, mergedId]);
  const [relations] = await lookups.relationsOfActors([mergedId], {
    kinds: null,
    reading: EVERYTHING,
    direction: 'ANY',
  });
  const between = relations.filter((r) => otherEnd(r, mergedId) === survivorId);
  const moved = relations.filter((r) => otherEnd(r, mergedId) !== survivorId);
  const dropped = (await lookups.citationsOfRelations(between.map((r) => r.id))).flat().map((c) => c.id);
  for (const relation of relations) await deleteRelation(run, relation);
  await run('delete-citations', { ids: dropped });
  await expectCount(
    run,
    'create-relations',
    { relations: moved.map((r) => relationParams(repointRelation(r, mergedId, survivorId))) },
    moved.length,
  );
  const claimed = await run<{ id: string }>('repoint-claimants', { mergedId, survivorId });
  // Every id that resolved to the merged actor now resolves to the survivor, in one step.
  await run('repoint-redirects', { mergedId, survivorId });
  await run('delete-actor', { id: mergedId });
  await expectCount(run, 'add-redirect', { mergedId, survivorId }, 1);
  await expectCount(run, 'update-actor', { actor: actorParams(mergedActor(survivor!, merged!)) }, 1);
  return touched({
    actorIds: [survivorId, mergedId],
    relationIds: relations.map((r) => r.id),
    citationIds: [...dropped, ...claimed.map((c) => c.id)],
  });
}
