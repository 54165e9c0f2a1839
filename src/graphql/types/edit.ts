import { dateWindow } from '../../domain/dates.js';
import type { Edit } from '../../domain/edits.js';
import { badInput } from '../../domain/errors.js';
import { LIMITS, limitText, withinLimit } from '../../domain/limits.js';
import { decodeCursor } from '../args.js';
import { builder } from '../builder.js';
import { IDEMPOTENCY_KEY_DESCRIPTION, runWrite } from '../write.js';
import { connectionOf, toConnection } from './connection.js';
import { DateWindowInput } from './date.js';
import { RelationRef } from './refs.js';

const EditRef = builder.objectRef<Edit>('Edit').implement({
  description:
    'One acknowledged write: who made it, when, the operation, the ids it changed, and what it changed. ' +
    'A batch (an import) is one edit per command.',
  fields: (t) => ({
    id: t.id({
      resolve: (e) => String(e.seq),
      description: "The edit's place in the history: 1, 2, 3, ... in commit order.",
    }),
    at: t.exposeString('at', { description: 'When it was committed (ISO 8601 timestamp, UTC).' }),
    by: t.exposeString('by', {
      description:
        'Who made it: the name of the write token (`API_TOKEN` entry `name:token`; a bare token is `token-1`, ...), ' +
        '`import` for the command-line importer, `unknown` for writes kept before writers were named.',
    }),
    operation: t.exposeString('operation', {
      description: 'The mutation: recordRelation, retractRelation, mergeActors, ...',
    }),
    actorIds: t.exposeIDList('actorIds', { description: 'Actors created or changed, or whose relations changed.' }),
    relationIds: t.exposeIDList('relationIds', { description: 'Relations recorded, changed, retracted or restored.' }),
    citationIds: t.exposeIDList('citationIds', { description: 'Citations added, changed or removed.' }),
    sourceIds: t.exposeIDList('sourceIds', { description: 'Sources added or regraded.' }),
    before: t.exposeString('before', {
      nullable: true,
      description:
        "JSON: what a retraction removed (a relation with its citations, or a citation), a merge's two actors, " +
        'or for an update the fields that changed, as they were. Null for a creation.',
    }),
    after: t.exposeString('after', {
      nullable: true,
      description:
        'JSON: what a creation made (a relation is recorded or restored with its citations), the surviving actor of a merge, ' +
        'or for an update the fields that changed, as they are. Null for a retraction.',
    }),
  }),
});

const EditConnection = connectionOf('Edit', EditRef, 'A page of the edit history, newest first.');

builder.queryField('history', (t) =>
  t.field({
    type: EditConnection,
    description:
      'The edit history, newest first (pages continue to older edits). Filters combine: edits that touched ' +
      "`relation` or `actor`, made by `by` (a token's name), committed on a day in `window` (UTC). " +
      `\`first\` is at most ${LIMITS.historyFirst.max}.`,
    args: {
      relation: t.arg.id({ required: false }),
      actor: t.arg.id({ required: false, description: 'An id as the edits name it (a merged id is not resolved).' }),
      by: t.arg.string({ required: false }),
      window: t.arg({ type: DateWindowInput, required: false }),
      first: t.arg.int({
        defaultValue: LIMITS.historyFirst.default,
        description: `Page size. ${limitText(LIMITS.historyFirst)}`,
      }),
      after: t.arg.string({ required: false }),
    },
    resolve: async (_, args, context) => {
      const first = withinLimit(args.first, LIMITS.historyFirst, 'first');
      const window = dateWindow(args.window, 'window');
      const after = decodeCursor(args.after, ['seq'], 'after');
      const beforeSeq = after === null ? null : Number(after.seq);
      if (beforeSeq !== null && !(Number.isSafeInteger(beforeSeq) && beforeSeq > 0))
        throw badInput('after', 'after is not a cursor returned by this list');
      const page = await context.store.history({
        relationId: args.relation ?? null,
        actorId: args.actor ?? null,
        by: args.by ?? null,
        window,
        beforeSeq,
        limit: first,
      });
      return toConnection(page.items, page.hasMore, args.after, (e) => ({ seq: String(e.seq) }));
    },
  }),
);

builder.mutationField('restoreRelation', (t) =>
  t.field({
    type: RelationRef,
    description:
      'Brings a retracted relation back with the citations it had, as its retraction kept them (an end merged away since ' +
      'stands for the actor it was merged into); the restoration is an edit itself. Errors: NOT_FOUND (no relation had the id), ' +
      'NOT_RETRACTED (it is live, or went another way), DUPLICATE_ID (the id was taken again by a newer relation).',
    args: {
      id: t.arg.id({ required: true }),
      idempotencyKey: t.arg.string({ required: false, description: IDEMPOTENCY_KEY_DESCRIPTION }),
    },
    resolve: (_, { id, idempotencyKey }, context) =>
      runWrite(context, (service) => service.restoreRelation(id, { idempotencyKey })),
  }),
);
