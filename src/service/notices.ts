import type { WriteCommand } from '../domain/commands.js';
import { mixedScripts } from '../domain/search.js';
import type { GraphStore } from '../store/port.js';

/**
 * Something about a write the caller should know, though the write was done (docs/writing.md):
 * an actor id that was merged into another actor stood for that actor (`MERGED_ID`), or a name
 * mixes alphabets inside one word, as a lookalike of another name would (`MIXED_SCRIPTS`). The API
 * returns notices in the response's `extensions.notices`; the importer prints them as lines of
 * its report.
 */
export type Notice =
  | {
      code: 'MERGED_ID';
      /** The field of the command (the API prefixes it as it does an error's field). */
      field: string;
      message: string;
      /** The id given, and the id of the live actor it was written on. */
      given: string;
      used: string;
    }
  | {
      code: 'MIXED_SCRIPTS';
      field: string;
      message: string;
      /** The name or alias as written (and kept). */
      given: string;
    };

/** Every notice a command earns: merged ids it names, names that mix scripts. */
export async function noticesOf(store: GraphStore, command: WriteCommand): Promise<Notice[]> {
  return [...(await mergedIdNotices(store, command)), ...mixedScriptNotices(command)];
}

/** The names and aliases a command writes, with their fields. */
function namesOf(command: WriteCommand): { field: string; text: string }[] {
  const list = (field: string, texts: readonly string[] | undefined) =>
    (texts ?? []).map((text, i) => ({ field: `${field}.${i}`, text }));
  switch (command.op) {
    case 'createActor':
      return [{ field: 'name', text: command.actor.name }, ...list('aliases', command.actor.aliases)];
    case 'updateActor':
      return [
        ...(command.patch.name !== undefined ? [{ field: 'name', text: command.patch.name }] : []),
        ...list('aliases', command.patch.aliases),
        ...list('addAliases', command.patch.addAliases),
      ];
    default:
      return [];
  }
}

/**
 * A notice for each name or alias with a word that mixes alphabets ("Dаesh" with a Cyrillic "а"):
 * kept as written, since real names can, but the caller hears that it may be a lookalike.
 */
export function mixedScriptNotices(command: WriteCommand): Notice[] {
  return namesOf(command).flatMap(({ field, text }) => {
    const mixed = mixedScripts(text);
    if (!mixed) return [];
    const scripts = mixed.scripts.join(' and ');
    return [
      {
        code: 'MIXED_SCRIPTS' as const,
        field,
        given: text,
        message: `"${mixed.word}" mixes ${scripts} letters in one word: kept as written; check it is not a lookalike of another name`,
      },
    ];
  });
}

/** Every actor id a command names, with the field that names it. */
function actorIdsOf(command: WriteCommand): { field: string; id: string }[] {
  switch (command.op) {
    case 'updateActor':
      return [{ field: 'id', id: command.id }];
    case 'recordRelation':
    case 'restoreRelation':
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
