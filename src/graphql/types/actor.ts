import { z } from 'zod';
import { actorRecord } from '../../dataset/schema.js';
import { uniqueAliases } from '../../domain/commands.js';
import { badInput, notFound } from '../../domain/errors.js';
import type { Actor } from '../../domain/types.js';
import { runWrite, validInput } from '../write.js';
import { foldForSearch } from '../../domain/search.js';
import { decodeCursor } from '../args.js';
import { dateWindow } from '../../domain/dates.js';
import { LIMITS, limitText, MAX_SEARCH_LENGTH, withinLimit } from '../../domain/limits.js';
import { builder } from '../builder.js';
import { connectionOf, toConnection } from './connection.js';
import { DateWindowInput } from './date.js';
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
            window: dateWindow(args.window, 'window'),
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
    description: `Actors ordered by id, optionally matching a search over names and aliases (case- and accent-insensitive: "isis" finds Daesh) and of some kinds. \`first\` is at most ${LIMITS.actorsFirst.max}.`,
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
      const folded = args.search ? foldForSearch(args.search) : null;
      if (args.search !== null && args.search !== undefined && args.search.length > MAX_SEARCH_LENGTH)
        throw badInput('search', `search is longer than ${MAX_SEARCH_LENGTH} characters`);
      const page = await context.store.searchActors({
        foldedSearch: folded || null,
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
    addAliases: t.stringList({ required: false, description: 'Adds aliases to those the actor has.' }),
    description: t.string({ required: false, description: 'A new description.' }),
  }),
});

builder.mutationField('createActor', (t) =>
  t.field({
    type: ActorRef,
    description: 'Adds an actor. Errors: DUPLICATE_ID (`input.id`), BAD_USER_INPUT naming the field.',
    args: { input: t.arg({ type: CreateActorInput, required: true }) },
    resolve: async (_, { input }, context) => {
      const record = validInput(
        actorRecord,
        { ...input, aliases: input.aliases ?? [], description: input.description ?? null },
        'input',
      );
      const actor = { ...record, aliases: uniqueAliases(record.aliases, record.name) };
      await runWrite(context, { op: 'createActor', actor }, 'input');
      return actor;
    },
  }),
);

builder.mutationField('updateActor', (t) =>
  t.field({
    type: ActorRef,
    description: "Changes an actor's name, kind, aliases or description. Errors: NOT_FOUND (`id`), BAD_USER_INPUT.",
    args: { id: t.arg.id({ required: true }), input: t.arg({ type: UpdateActorInput, required: true }) },
    resolve: async (_, { id, input }, context) => {
      const [actor] = await context.store.actorsByIds([id]);
      if (!actor) throw notFound('id', 'actor', [id]);
      const patch = validInput(actorPatch, input, 'input');
      const aliases = [...(patch.aliases ?? actor.aliases), ...(patch.addAliases ?? [])];
      await runWrite(context, {
        op: 'updateActor',
        id: actor.id,
        patch: { name: patch.name, kind: patch.kind, description: patch.description, aliases },
      });
      return context.loaders.actor.load(actor.id) as Promise<Actor>;
    },
  }),
);

builder.mutationField('mergeActors', (t) =>
  t.field({
    type: ActorRef,
    description:
      "Merges two actors that turn out to be one: the merged actor's relations move to the survivor (a relation between the two is dropped), its name and aliases become the survivor's aliases, and its id keeps resolving to the survivor. Returns the survivor.",
    args: { survivor: t.arg.id({ required: true }), merged: t.arg.id({ required: true }) },
    resolve: async (_, args, context) => {
      await runWrite(context, { op: 'mergeActors', survivorId: args.survivor, mergedId: args.merged });
      return context.loaders.actor.load(args.survivor) as Promise<Actor>;
    },
  }),
);

const actorPatch = z.strictObject({
  name: actorRecord.shape.name.nullish().transform((v) => v ?? undefined),
  kind: actorRecord.shape.kind.nullish().transform((v) => v ?? undefined),
  aliases: z
    .array(z.string().trim().min(1))
    .nullish()
    .transform((v) => v ?? undefined),
  addAliases: z
    .array(z.string().trim().min(1))
    .nullish()
    .transform((v) => v ?? undefined),
  description: z.string().trim().min(1).nullish(),
});
