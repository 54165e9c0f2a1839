import type { Source } from '../../domain/types.js';
import { builder } from '../builder.js';
import { IDEMPOTENCY_KEY_DESCRIPTION, runWrite } from '../write.js';
import { ReliabilityEnum } from './reading.js';

export const SourceRef = builder.objectRef<Source>('Source').implement({
  description: 'An article or report that relations cite.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Stable key, a kebab-case slug.' }),
    title: t.exposeString('title', { description: 'Headline or title.' }),
    publisher: t.exposeString('publisher', { nullable: true, description: 'Publisher, where known.' }),
    published: t.field({ type: 'Date', description: 'Date of publication.', resolve: (s) => s.published }),
    publishedApproximate: t.exposeBoolean('publishedApproximate', {
      description: 'True when the date is inferred from the content.',
    }),
    file: t.exposeString('file', { description: 'Where the text is: a file name in the seed folder or a URL.' }),
    reliability: t.field({
      type: ReliabilityEnum,
      description:
        'How reliable the source is (Admiralty grading, A best); F until someone grades it (`updateSource`).',
      resolve: (s) => s.reliability,
    }),
  }),
});

builder.queryField('sources', (t) =>
  t.field({
    type: [SourceRef],
    description: 'Every source, by id.',
    resolve: (_, __, context) => context.store.listSources(),
  }),
);

const AddSourceInput = builder.inputType('AddSourceInput', {
  description: 'A new source for relations to cite.',
  fields: (t) => ({
    id: t.id({ required: true, description: 'A new kebab-case slug.' }),
    title: t.string({ required: true, description: 'Headline or title.' }),
    publisher: t.string({ required: false, description: 'Publisher, where known.' }),
    published: t.field({ type: 'Date', required: true, description: 'Date of publication.' }),
    publishedApproximate: t.boolean({
      required: false,
      defaultValue: false,
      description: 'True when the date is inferred.',
    }),
    file: t.string({ required: false, description: 'Where the text is (a URL or a file name); defaults to the id.' }),
    reliability: t.field({
      type: ReliabilityEnum,
      required: false,
      defaultValue: 'F',
      description: 'How reliable the source is; F (cannot be judged) by default.',
    }),
  }),
});

const UpdateSourceInput = builder.inputType('UpdateSourceInput', {
  description: "A source's grading; omitted fields keep their value.",
  fields: (t) => ({
    reliability: t.field({ type: ReliabilityEnum, required: false, description: 'A (completely reliable) to F.' }),
  }),
});

builder.mutationField('updateSource', (t) =>
  t.field({
    type: SourceRef,
    description:
      'Grades a source. The relations citing it are read anew: their `evidence.bestReliability` follows, and so ' +
      'does what `evidence: { minReliability: ... }` keeps. Errors: NOT_FOUND (`id`), BAD_USER_INPUT naming the field.',
    args: {
      id: t.arg.id({ required: true }),
      input: t.arg({ type: UpdateSourceInput, required: true }),
      idempotencyKey: t.arg.string({ required: false, description: IDEMPOTENCY_KEY_DESCRIPTION }),
    },
    resolve: (_, { id, input, idempotencyKey }, context) =>
      runWrite(context, (service) => service.updateSource(id, input, { idempotencyKey })),
  }),
);

builder.mutationField('addSource', (t) =>
  t.field({
    type: SourceRef,
    description: 'Adds a source. Errors: DUPLICATE_ID (field `input.id`), BAD_USER_INPUT naming the field.',
    args: {
      input: t.arg({ type: AddSourceInput, required: true }),
      idempotencyKey: t.arg.string({ required: false, description: IDEMPOTENCY_KEY_DESCRIPTION }),
    },
    resolve: (_, { input, idempotencyKey }, context) =>
      runWrite(context, (service) => service.addSource(input, { idempotencyKey })),
  }),
);
