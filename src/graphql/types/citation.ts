import { builder } from '../builder.js';
import { IDEMPOTENCY_KEY_DESCRIPTION, runWrite } from '../write.js';
import { CitationInput } from './relation.js';
import { ActorRef, CitationRef } from './refs.js';
import { StanceEnum } from './reading.js';

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
    stance: t.field({
      type: StanceEnum,
      description: 'REPORTS, or DISPUTES when the source reports that the relation is denied or contested.',
      resolve: (c) => c.stance,
    }),
    credibility: t.exposeInt('credibility', {
      description: 'How credible this report is (Admiralty grading): 1 confirmed ... 5 improbable, 6 cannot be judged.',
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

const UpdateCitationInput = builder.inputType('UpdateCitationInput', {
  description: "A citation's stance and credibility; omitted fields keep their value.",
  fields: (t) => ({
    stance: t.field({ type: StanceEnum, required: false, description: 'REPORTS or DISPUTES.' }),
    credibility: t.int({ required: false, description: '1 (confirmed) to 6 (cannot be judged).' }),
  }),
});

builder.mutationField('updateCitation', (t) =>
  t.field({
    type: CitationRef,
    description:
      "Sets whether a citation reports or disputes its relation, and how credible the report is; the relation's " +
      '`evidence` and `lastReported` follow. Errors: NOT_FOUND (`id`), BAD_USER_INPUT (`input.credibility` outside 1-6).',
    args: {
      id: t.arg.id({ required: true }),
      input: t.arg({ type: UpdateCitationInput, required: true }),
      idempotencyKey: t.arg.string({ required: false, description: IDEMPOTENCY_KEY_DESCRIPTION }),
    },
    resolve: (_, { id, input, idempotencyKey }, context) =>
      runWrite(context, (service) => service.updateCitation(id, input, { idempotencyKey })),
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
