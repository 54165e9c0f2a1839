import { ActorRef, CitationRef } from './refs.js';

CitationRef.implement({
  description: 'One source\'s report of a relation. Where the source attributes the fact to someone (a monitor, a commander, a minister), `claimant` says who, so an analyst can weigh it.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The relation id and the source id, joined by `@`.' }),
    title: t.exposeString('title', { description: 'Headline of the article.' }),
    publisher: t.exposeString('publisher', { nullable: true, description: 'Publisher, where the article names it.' }),
    published: t.field({ type: 'Date', resolve: (c) => c.published, description: 'Date of the article.' }),
    publishedApproximate: t.exposeBoolean('publishedApproximate', { description: 'True when the article\'s date is inferred from its content.' }),
    source: t.exposeString('sourceId', { description: 'Id of the source article in the dataset.' }),
    claimant: t.exposeString('claimant', { nullable: true, description: 'Who makes the claim, when the article reports someone else\'s claim; null when it states the fact itself.' }),
    claimantActor: t.field({
      type: ActorRef,
      nullable: true,
      description: 'The claimant, when it is an actor in the graph.',
      resolve: (c, _, context) => (c.claimantActorId ? context.loaders.actor.load(c.claimantActorId) : null),
    }),
  }),
});
