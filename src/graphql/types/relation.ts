import { decodeCursor, requireActors } from '../args.js';
import { dateWindow } from '../../domain/dates.js';
import { LIMITS, limitText, withinLimit } from '../../domain/limits.js';
import { builder } from '../builder.js';
import type { GraphContext } from '../context.js';
import { connectionOf, toConnection } from './connection.js';
import { DateWindowInput } from './date.js';
import { DateBoundEnum, EvidenceRef, OpenEndEnum, readingArgs, readingOf, StanceEnum } from './reading.js';
import { endUnder } from '../../domain/reading.js';
import { ALL_TIME } from '../../domain/dates.js';
import { DatePrecisionEnum, RelationKindEnum } from './enums.js';
import { IDEMPOTENCY_KEY_DESCRIPTION, runWrite } from '../write.js';
import { ActorRef, CitationRef, RelationRef } from './refs.js';

async function loadActor(context: GraphContext, id: string) {
  const actor = await context.loaders.actor.load(id);
  if (!actor) throw new Error(`relation endpoint ${id} is missing from the store`);
  return actor;
}

RelationRef.implement({
  description:
    'A dated relation between two actors, with the sources that report it. It held from `since` to `until` (both inclusive); `until` null means no known end.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Stable public key, a kebab-case slug.' }),
    kind: t.field({ type: RelationKindEnum, resolve: (r) => r.kind }),
    from: t.field({
      type: ActorRef,
      description: 'For SUPPORTS the supporter, for MEMBER_OF the member; for mutual kinds one side.',
      resolve: (r, _, c) => loadActor(c, r.from),
    }),
    to: t.field({
      type: ActorRef,
      description: 'For SUPPORTS the supported, for MEMBER_OF the group; for mutual kinds the other side.',
      resolve: (r, _, c) => loadActor(c, r.to),
    }),
    source: t.id({
      description: "The id of `from`, as graph libraries name an edge's first end (Cytoscape.js, graphology, D3).",
      resolve: (r) => r.from,
    }),
    target: t.id({ description: 'The id of `to`.', resolve: (r) => r.to }),
    since: t.field({ type: 'Date', resolve: (r) => r.since, description: 'First day the relation is known to hold.' }),
    recordedBy: t.string({
      nullable: true,
      description:
        "Who recorded it (a write token's name, from the edit that created it); null for the curated seed data.",
      resolve: async (r, _, c) => (await c.loaders.recorded.load(r.id))?.by ?? null,
    }),
    recordedAt: t.string({
      nullable: true,
      description: 'When it was recorded (ISO 8601 timestamp); null for the curated seed data.',
      resolve: async (r, _, c) => (await c.loaders.recorded.load(r.id))?.at ?? null,
    }),
    until: t.field({
      type: 'Date',
      nullable: true,
      resolve: (r) => r.until,
      description: 'Last day it is known to hold; null when no end is known. Equal to `since` for a one-day event.',
    }),
    precision: t.field({ type: DatePrecisionEnum, resolve: (r) => r.precision }),
    sinceBound: t.field({
      type: DateBoundEnum,
      resolve: (r) => r.sinceBound,
      description: 'EXACT, or ON_OR_BEFORE when `since` is the date of the first report, not of the event.',
    }),
    lastReported: t.field({
      type: 'Date',
      resolve: (r) => r.lastReported,
      description:
        'The latest date a source vouches for it: the latest publication date of a citation that reports it, ' +
        'never before `since` nor after `until`.',
    }),
    heldUntil: t.field({
      type: 'Date',
      nullable: true,
      args: { openEnd: t.arg({ type: OpenEndEnum, defaultValue: 'ONGOING' }) },
      resolve: (r, args) => endUnder(r, args.openEnd ?? 'ONGOING'),
      description:
        'The last day it holds under a reading: `until` when known; otherwise null (ONGOING) or `lastReported` (LAST_REPORTED).',
    }),
    evidence: t.field({
      type: EvidenceRef,
      resolve: (r) => r.evidence,
      description: 'How well it is sourced: reports, publishers, claimants, disputes, the best source grade.',
    }),
    summary: t.exposeString('summary', { description: 'One sentence in our own words.' }),
    places: t.exposeStringList('places', {
      description: 'Places the sources name for it (villages, provinces, cities of talks).',
    }),
    citations: t.field({
      type: [CitationRef],
      description: 'The sources that report or dispute it; never empty.',
      resolve: (r, _, c) => c.loaders.citations.load(r.id),
    }),
  }),
});

const RelationConnection = connectionOf('Relation', RelationRef, 'A page of relations, oldest first, then by id.');

builder.queryField('relation', (t) =>
  t.field({
    type: RelationRef,
    nullable: true,
    description: 'One relation by id; null when there is none.',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_, { id }, context) => context.loaders.relation.load(id),
  }),
);

builder.queryField('relations', (t) =>
  t.field({
    type: RelationConnection,
    description: `Relations oldest first, optionally of some kinds, active in a window, touching one actor. \`first\` is at most ${LIMITS.relationsFirst.max}.`,
    args: {
      kinds: t.arg({ type: [RelationKindEnum], required: false }),
      window: t.arg({ type: DateWindowInput, required: false }),
      ...readingArgs,
      actor: t.arg.id({ required: false, description: 'Only relations touching this actor (either side).' }),
      first: t.arg.int({
        defaultValue: LIMITS.relationsFirst.default,
        description: `Page size. ${limitText(LIMITS.relationsFirst)}`,
      }),
      after: t.arg.string({ required: false }),
    },
    resolve: async (_, args, context) => {
      const first = withinLimit(args.first, LIMITS.relationsFirst, 'first');
      const reading = readingOf(dateWindow(args.window, 'window'), args);
      const after = decodeCursor(args.after, ['since', 'id'], 'after');
      if (args.actor) await requireActors(context, { actor: args.actor });
      const page = await context.store.listRelations({
        kinds: args.kinds ?? null,
        reading,
        actorId: args.actor ?? null,
        after,
        limit: first,
      });
      return toConnection(page.items, page.hasMore, args.after, (r) => ({ since: r.since, id: r.id }));
    },
  }),
);

builder.queryField('alliances', (t) =>
  t.field({
    type: [RelationRef],
    description:
      'SUPPORTS relations active in the window, oldest first; with `actor`, only those where it supports or is supported.',
    args: {
      window: t.arg({ type: DateWindowInput, required: true }),
      ...readingArgs,
      actor: t.arg.id({ required: false }),
    },
    resolve: async (_, args, context) => {
      const reading = readingOf(dateWindow(args.window, 'window'), args);
      if (args.actor) await requireActors(context, { actor: args.actor });
      return context.store.activeRelations(reading, ['SUPPORTS'], args.actor ?? null);
    },
  }),
);

builder.queryField('timeline', (t) =>
  t.field({
    type: [RelationRef],
    description:
      'Every relation between two actors, in either direction, oldest first (only those sourced as `evidence` ' +
      'asks). Under either `openEnd` every relation appears; read `heldUntil(openEnd:)` for its end under it.',
    args: {
      a: t.arg.id({ required: true }),
      b: t.arg.id({ required: true }),
      kinds: t.arg({ type: [RelationKindEnum], required: false }),
      ...readingArgs,
    },
    resolve: async (_, args, context) => {
      const reading = readingOf(ALL_TIME, args);
      await requireActors(context, { a: args.a, b: args.b });
      return context.store.relationsBetween(args.a, args.b, args.kinds ?? null, reading);
    },
  }),
);

export const CitationInput = builder.inputType('CitationInput', {
  description: 'A source reporting a relation, and who makes the claim where the source attributes it.',
  fields: (t) => ({
    source: t.id({ required: true, description: 'Id of an existing source (see `sources`, `addSource`).' }),
    claimant: t.string({
      required: false,
      description: "Who makes the claim, when the source reports someone else's claim.",
    }),
    claimantActor: t.id({ required: false, description: "The claimant's actor id, when it is in the graph." }),
    locator: t.string({
      required: false,
      description: "Where in the source: a page, a paragraph, or the source's own record ids.",
    }),
    stance: t.field({
      type: StanceEnum,
      required: false,
      defaultValue: 'REPORTS',
      description: 'REPORTS (default), or DISPUTES when the source reports a denial.',
    }),
    credibility: t.int({
      required: false,
      defaultValue: 6,
      description: 'How credible this report is, 1 (confirmed) to 6 (cannot be judged, the default).',
    }),
  }),
});

const RecordRelationInput = builder.inputType('RecordRelationInput', {
  description: 'A dated relation with at least one citation.',
  fields: (t) => ({
    id: t.id({
      required: false,
      description: 'A new kebab-case slug; made from the actors, kind and date when omitted.',
    }),
    kind: t.field({ type: RelationKindEnum, required: true }),
    from: t.id({ required: true, description: 'For SUPPORTS the supporter, for MEMBER_OF the member.' }),
    to: t.id({ required: true, description: 'For SUPPORTS the supported, for MEMBER_OF the group.' }),
    since: t.field({ type: 'Date', required: true, description: 'First day it held.' }),
    until: t.field({ type: 'Date', required: false, description: 'Last day it held; omit when no end is known.' }),
    precision: t.field({
      type: DatePrecisionEnum,
      required: false,
      defaultValue: 'DAY',
      description: 'How exactly the dates are known.',
    }),
    sinceBound: t.field({
      type: DateBoundEnum,
      required: false,
      defaultValue: 'EXACT',
      description: 'ON_OR_BEFORE when `since` is only the date of the first report of it.',
    }),
    summary: t.string({ required: true, description: 'One sentence in your own words.' }),
    places: t.stringList({ required: false, description: 'Places the sources name.' }),
    citations: t.field({ type: [CitationInput], required: true, description: 'At least one.' }),
  }),
});

builder.mutationField('recordRelation', (t) =>
  t.field({
    type: RelationRef,
    description:
      'Records a relation with its citations (one per source). An actor id that was merged into ' +
      'another actor stands for that actor: the relation is recorded on it and ' +
      '`extensions.notices` says so. Errors name the field: NOT_FOUND (`input.from`, `input.to`, ' +
      '`input.citations.N.source`), BAD_USER_INPUT (`input.until` before `input.since`, no ' +
      'citation, a source cited twice, a malformed id, a value past a limit), DUPLICATE_ID ' +
      '(`input.id`). An unknown kind is refused by the schema.',
    args: {
      input: t.arg({ type: RecordRelationInput, required: true }),
      idempotencyKey: t.arg.string({ required: false, description: IDEMPOTENCY_KEY_DESCRIPTION }),
    },
    resolve: (_, { input, idempotencyKey }, context) =>
      runWrite(context, (service) => service.recordRelation(input, { idempotencyKey })),
  }),
);

builder.mutationField('closeRelation', (t) =>
  t.field({
    type: RelationRef,
    description:
      "Sets the last day a relation held. Errors: NOT_FOUND (`id`), BAD_USER_INPUT (`until` before the relation's since).",
    args: {
      id: t.arg.id({ required: true }),
      until: t.arg({ type: 'Date', required: true }),
      idempotencyKey: t.arg.string({ required: false, description: IDEMPOTENCY_KEY_DESCRIPTION }),
    },
    resolve: (_, { id, until, idempotencyKey }, context) =>
      runWrite(context, (service) => service.closeRelation(id, until, { idempotencyKey })),
  }),
);

builder.mutationField('retractRelation', (t) =>
  t.field({
    type: RelationRef,
    description:
      'Removes a relation and its citations; returns the relation as it was (its `citations` are already gone). Errors: NOT_FOUND (`id`).',
    args: {
      id: t.arg.id({ required: true }),
      idempotencyKey: t.arg.string({ required: false, description: IDEMPOTENCY_KEY_DESCRIPTION }),
    },
    resolve: (_, { id, idempotencyKey }, context) =>
      runWrite(context, (service) => service.retractRelation(id, { idempotencyKey })),
  }),
);
