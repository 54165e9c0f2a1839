import { builder } from '../builder.js';
import { IDEMPOTENCY_KEY_DESCRIPTION, runWrite } from '../write.js';
import { CitationInput } from './relation.js';
import { ActorRef, CitationRef } from './refs.js';

CitationRef.implement({
  description:
    "One source's report of a relation. Where the source attributes the fact to someone (a " +
    'monitor, a commander, a minister), `claimant` says who, so an analyst can weigh it.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The relation id and the source id, joined by `@`.' }),
    title: t.exposeString('title', { description: 'Headline of the article.' }),
    publisher: t.exposeString('publisher', { nullable: true, description: 'Publisher, where the article names it.' }),
    published: t.field({ type: 'Date', resolve: (c) => c.published, description: 'Date of the article.' }),
    publishedApproximate: t.exposeBoolean('publishedApproximate', {
      description: "True when the article's date is inferred from its content.",
    }),
    source: t.exposeString('sourceId', { description: 'Id of the source article in the dataset.' }),
    claimant: t.exposeString('claimant', {
      nullable: true,
      description:
        "Who makes the claim, when the article reports someone else's claim; null when it states the fact itself.",
    }),
    locator: t.exposeString('locator', {
      nullable: true,
      description: "Where in the source: a page, a paragraph, or the source's own record ids (ACLED event ids).",
    }),
    claimantActor: t.field({
      type: ActorRef,
      nullable: true,
      description: 'The claimant, when it is an actor in the graph.',
      resolve: (c, _, context) => (c.claimantActorId ? context.loaders.actor.load(c.claimantActorId) : null),
    }),
  }),
});

builder.mutationField('addCitation', (t) =>
  t.field({
    type: CitationRef,
    description:
      'Adds a source to a relation; a relation cites each source once. Errors: NOT_FOUND ' +
      '(`relation`, `citation.source`, `citation.claimantActor`), DUPLICATE_ID ' +
      '(`citation.source`) when the relation already cites that source, BAD_USER_INPUT when it ' +
      'already has the most citations a relation may have.',
    args: {
      relation: t.arg.id({ required: true }),
      citation: t.arg({ type: CitationInput, required: true }),
      idempotencyKey: t.arg.string({ required: false, description: IDEMPOTENCY_KEY_DESCRIPTION }),
    },
    resolve: (_, args, context) =>
      runWrite(context, (service) =>
        service.addCitation(args.relation, args.citation, { idempotencyKey: args.idempotencyKey }),
      ),
  }),
);

builder.mutationField('retractCitation', (t) =>
  t.field({
    type: CitationRef,
    description:
      'Removes one citation; returns it as it was. A relation keeps at least one: retracting the ' +
      'last is refused (retract the relation instead). Errors: NOT_FOUND, BAD_USER_INPUT (`id`).',
    args: {
      id: t.arg.id({ required: true }),
      idempotencyKey: t.arg.string({ required: false, description: IDEMPOTENCY_KEY_DESCRIPTION }),
    },
    resolve: (_, { id, idempotencyKey }, context) =>
      runWrite(context, (service) => service.retractCitation(id, { idempotencyKey })),
  }),
);
