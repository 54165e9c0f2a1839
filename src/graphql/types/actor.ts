import { IDEMPOTENCY_KEY_DESCRIPTION, runWrite } from '../write.js';
import { searchTerm } from '../../domain/search.js';
import { decodeCursor } from '../args.js';
import { dateWindow } from '../../domain/dates.js';
import { LIMITS, limitText, MAX_SEARCH_LENGTH, withinLimit } from '../../domain/limits.js';
import { builder } from '../builder.js';
import { connectionOf, toConnection } from './connection.js';
import { DateWindowInput } from './date.js';
import { readingArgs, readingOf } from './reading.js';
import { ActorKindEnum, DirectionEnum, RelationKindEnum } from './enums.js';
import { ActorRef, RelationRef } from './refs.js';

ActorRef.implement({
  description: 'A party to the conflict: a state, an armed group, a delegation, an organisation or a person.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Stable public key, a kebab-case slug such as `hts` or `syrian-government`.' }),
    name: t.exposeString('name', { description: 'The name we use for the actor.' }),
    kind: t.field({ type: ActorKindEnum, resolve: (a) => a.kind }),
    aliases: t.exposeStringList('aliases', {
      description: 'Every other name the sources use (ISIS, Nusra Front, Assad forces, ...).',
    }),
    description: t.exposeString('description', { nullable: true }),
    relations: t.field({
      type: [RelationRef],
      description:
        'Relations of this actor, oldest first, optionally only some kinds, only those active in a window, and only one direction.',
      args: {
        kinds: t.arg({
          type: [RelationKindEnum],
          required: false,
          description: 'Only these kinds; all kinds when omitted.',
        }),
        window: t.arg({
          type: DateWindowInput,
          required: false,
          description: 'Only relations active at some point in this window.',
        }),
        ...readingArgs,
        direction: t.arg({
          type: DirectionEnum,
          defaultValue: 'ANY',
          description: 'OUTGOING, INCOMING or ANY (default).',
        }),
      },
      resolve: (actor, args, context) =>
        context.loaders
          .relationsOf({
            kinds: args.kinds ?? null,
            reading: readingOf(dateWindow(args.window, 'window'), args),
            direction: args.direction ?? 'ANY',
          })
          .load(actor.id),
    }),
  }),
});

const ActorConnection = connectionOf('Actor', ActorRef, 'A page of actors, ordered by id.');

builder.queryField('actor', (t) =>
  t.field({
    type: ActorRef,
    nullable: true,
    description: 'One actor by id; null when there is none.',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_, { id }, context) => context.loaders.actor.load(id),
  }),
);

builder.queryField('actors', (t) =>
  t.field({
    type: ActorConnection,
    description:
      `Actors ordered by id, optionally matching a search over names and aliases (case- and accent-insensitive: ` +
      `"isis" finds Daesh) and of some kinds. \`first\` is at most ${LIMITS.actorsFirst.max}.`,
    args: {
      search: t.arg.string({
        required: false,
        description: `Text to find in the name or any alias; at most ${MAX_SEARCH_LENGTH} characters.`,
      }),
      kinds: t.arg({ type: [ActorKindEnum], required: false }),
      first: t.arg.int({
        defaultValue: LIMITS.actorsFirst.default,
        description: `Page size. ${limitText(LIMITS.actorsFirst)}`,
      }),
      after: t.arg.string({ required: false, description: 'The `endCursor` of the previous page.' }),
    },
    resolve: async (_, args, context) => {
      const first = withinLimit(args.first, LIMITS.actorsFirst, 'first');
      const after = decodeCursor(args.after, ['id'], 'after');
      const page = await context.store.searchActors({
        foldedSearch: searchTerm(args.search, 'search'),
        kinds: args.kinds ?? null,
        afterId: after?.id ?? null,
        limit: first,
      });
      page.items.forEach((actor) => context.loaders.actor.prime(actor.id, actor));
      return toConnection(page.items, page.hasMore, args.after, (a) => ({ id: a.id }));
    },
  }),
);

const CreateActorInput = builder.inputType('CreateActorInput', {
  description: 'A new actor.',
  fields: (t) => ({
    id: t.id({ required: true, description: 'A new kebab-case slug; public and stable once created.' }),
    name: t.string({ required: true, description: 'The name to show.' }),
    kind: t.field({ type: ActorKindEnum, required: true }),
    aliases: t.stringList({ required: false, description: 'Other names the sources use.' }),
    description: t.string({ required: false, description: 'One or two sentences.' }),
  }),
});

const UpdateActorInput = builder.inputType('UpdateActorInput', {
  description: 'Fields to change; omitted fields stay as they are.',
  fields: (t) => ({
    name: t.string({ required: false, description: 'A new name.' }),
    kind: t.field({ type: ActorKindEnum, required: false, description: 'A new kind.' }),
    aliases: t.stringList({ required: false, description: 'Replaces every alias.' }),
    addAliases: t.stringList({
      required: false,
      description:
        'Adds aliases to those the actor has when the write is applied (after `aliases`, when both are given).',
    }),
    description: t.string({ required: false, description: 'A new description.' }),
  }),
});

builder.mutationField('createActor', (t) =>
  t.field({
    type: ActorRef,
    description:
      'Adds an actor. Errors: DUPLICATE_ID (`input.id`, also an id that was merged into another ' +
      'actor), BAD_USER_INPUT naming the field (limits: docs/writing.md).',
    args: {
      input: t.arg({ type: CreateActorInput, required: true }),
      idempotencyKey: t.arg.string({ required: false, description: IDEMPOTENCY_KEY_DESCRIPTION }),
    },
    resolve: (_, { input, idempotencyKey }, context) =>
      runWrite(context, (service) => service.createActor(input, { idempotencyKey })),
  }),
);

builder.mutationField('updateActor', (t) =>
  t.field({
    type: ActorRef,
    description:
      "Changes an actor's name, kind, aliases or description; `addAliases` is applied by the " +
      'store, so concurrent additions all stay. An id merged into another actor updates that ' +
      'actor (a notice in `extensions.notices` says so). Errors: NOT_FOUND (`id`), BAD_USER_INPUT ' +
      'naming the field.',
    args: {
      id: t.arg.id({ required: true }),
      input: t.arg({ type: UpdateActorInput, required: true }),
      idempotencyKey: t.arg.string({ required: false, description: IDEMPOTENCY_KEY_DESCRIPTION }),
    },
    resolve: (_, { id, input, idempotencyKey }, context) =>
      runWrite(context, (service) => service.updateActor(id, input, { idempotencyKey })),
  }),
);

builder.mutationField('mergeActors', (t) =>
  t.field({
    type: ActorRef,
    description:
      "Merges two actors that turn out to be one: the merged actor's relations move to the " +
      'survivor (a relation between the two is dropped), its name and aliases become the ' +
      "survivor's aliases, and its id (and every id merged into it before) resolves to the " +
      'survivor. An id that was itself merged away stands for the actor it resolves to (a notice ' +
      'says so). Returns the survivor. Errors: NOT_FOUND (`survivor`, `merged`), BAD_USER_INPUT ' +
      '(`merged`: the two are already one actor).',
    args: {
      survivor: t.arg.id({ required: true }),
      merged: t.arg.id({ required: true }),
      idempotencyKey: t.arg.string({ required: false, description: IDEMPOTENCY_KEY_DESCRIPTION }),
    },
    resolve: (_, args, context) =>
      runWrite(context, (service) =>
        service.mergeActors(args.survivor, args.merged, { idempotencyKey: args.idempotencyKey }),
      ),
  }),
);
