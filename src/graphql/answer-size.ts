import { defaultFieldResolver, isObjectType, type GraphQLSchema } from 'graphql';

/**
 * Counts the values of one answer while it resolves: one per field resolved, so a list of 50 items
 * of 3 fields counts 150. Set on the context for a query or mutation (never for subscription events,
 * each of which is small); past `max` the answer is given up.
 */
export class AnswerBudget {
  values = 0;
  exceeded = false;
  constructor(readonly max: number) {}
}

/**
 * Thrown by every field resolved past the budget: it stops the work; the whole answer is then
 * replaced. One instance with a fixed stack, since thousands of fields may fail at once and a
 * stack trace for each would cost more than the answer.
 */
const ANSWER_TOO_LARGE = Object.defineProperty(new Error('answer too large'), 'stack', { value: 'answer too large' });

/**
 * Wraps every field's resolver (the schema is changed in place) so that, when the request's context
 * carries an `answerBudget`, each field resolved counts against it. Once the budget is spent no
 * resolver runs: each field fails at once, and the execution plugin answers one LIMIT_EXCEEDED error.
 */
export function countAnswerValues<S extends GraphQLSchema>(schema: S): S {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, context: { answerBudget?: AnswerBudget }, info) => {
        const budget = context.answerBudget;
        if (budget && ++budget.values > budget.max) {
          budget.exceeded = true;
          throw ANSWER_TOO_LARGE;
        }
        return resolve(source, args, context, info);
      };
    }
  }
  return schema;
}
