import type { WriteCommand } from '../domain/commands.js';
import type { GraphStore } from '../store/port.js';

/**
 * Something a write did that the caller did not literally ask for, but that the write policy
 * says to do (docs/writing.md): today, an actor id that was merged into another actor standing
 * for that actor. The API returns notices in the response's `extensions.notices`; the importer
 * prints them as lines of its report.
 */
export interface Notice {
  code: 'MERGED_ID';
  /** The field of the command (the API prefixes it as it does an error's field). */
  field: string;
  message: string;
  /** The id given, and the id of the live actor it was written on. */
  given: string;
  used: string;
}

/** Every actor id a command names, with the field that names it. */
function actorIdsOf(command: WriteCommand): { field: string; id: string }[] {
  switch (command.op) {
    case 'updateActor':
      return [{ field: 'id', id: command.id }];
    case 'recordRelation':
      return [
        { field: 'from', id: command.relation.from },
        { field: 'to', id: command.relation.to },
        ...command.citations.flatMap((c, i) =>
          c.claimantActorId ? [{ field: `citations.${i}.claimantActor`, id: c.claimantActorId }] : [],
        ),
      ];
    case 'addCitation':
      return command.citation.claimantActorId
        ? [{ field: 'citation.claimantActor', id: command.citation.claimantActorId }]
        : [];
    case 'mergeActors':
      return [
        { field: 'survivor', id: command.survivorId },
        { field: 'merged', id: command.mergedId },
      ];
    default:
      return [];
  }
}

/**
 * The notices a command will earn: one per merged actor id it names. The store resolves the ids
 * again inside its write lock, so what is written is right even if a merge lands in between; this
 * read only tells the caller.
 */
export async function mergedIdNotices(store: GraphStore, command: WriteCommand): Promise<Notice[]> {
  const named = actorIdsOf(command);
  if (named.length === 0) return [];
  const actors = await store.actorsByIds(named.map((n) => n.id));
  return named.flatMap(({ field, id }, i) => {
    const live = actors[i];
    if (!live || live.id === id) return [];
    return [
      {
        code: 'MERGED_ID' as const,
        field,
        given: id,
        used: live.id,
        message: `"${id}" was merged into "${live.id}", so "${live.id}" was used`,
      },
    ];
  });
}
