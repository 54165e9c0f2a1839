import { GraphQLError, type ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import PQueue from 'p-queue';
import type { ExpensiveLimits } from '../config.js';
import { EXPENSIVE_QUERIES, QUERY_COST } from '../domain/limits.js';
import { AnswerBudget } from '../graphql/answer-size.js';
import { queryCost } from '../graphql/cost.js';
import type { DeadlineContext } from './deadline.js';

interface CostContext extends DeadlineContext {
  answerBudget?: AnswerBudget;
}

const refusal = (limit: string, message: string, status?: number) =>
  new GraphQLError(message, {
    extensions: { code: 'LIMIT_EXCEEDED', limit, ...(status ? { http: { status } } : {}) },
  });

/**
 * What a query may cost and how many expensive ones run at once, checked as it starts to execute
 * (variables known):
 * - its estimated cost (`queryCost`) over `maxCost` (`QUERY_COST.max`) is refused before anything runs (`cost`);
 * - its answer is counted while it resolves, and past `QUERY_COST.maxAnswerValues` values it is
 *   given up with one error (`answer-size`);
 * - a query estimated at `QUERY_COST.expensive` or more waits for one of `limits.concurrency` slots,
 *   so that expensive queries never queue cheap ones behind them; one that finds the line full, or
 *   waits longer than `limits.waitMs` or past its deadline, is refused with 503 (`expensive-queue`).
 * In production the refusals do not state the limits' values.
 */
export function costLimits(
  production: boolean,
  limits: ExpensiveLimits = EXPENSIVE_QUERIES,
  maxCost: number = QUERY_COST.max,
): Plugin {
  const line = new PQueue({ concurrency: limits.concurrency });
  const busy = () =>
    refusal(
      'expensive-queue',
      production
        ? 'The server is busy with expensive queries; retry shortly, or ask for less.'
        : `The server is busy with expensive queries (${limits.concurrency} running, ${line.size} waiting); ` +
            'retry shortly, or ask for less.',
      503,
    );
  return {
    onExecute({ setExecuteFn, executeFn }) {
      setExecuteFn(async (args) => {
        const context = args.contextValue as CostContext;
        let cost: number;
        try {
          cost = queryCost(args.schema, args.document, args.variableValues ?? undefined, args.operationName);
        } catch (error) {
          // Variables that do not fit the operation: execution says so, in its own words.
          if (error instanceof GraphQLError && !/maximum allowed number of nodes/.test(error.message))
            return executeFn(args);
          throw refusal('cost', 'The query has too many fields to estimate its cost.');
        }
        if (cost > maxCost) {
          throw refusal(
            'cost',
            production
              ? 'The query would cost too much to answer: ask for smaller lists, fewer hops or fewer aliases.'
              : `The query would cost ${cost}, over the limit of ${maxCost}: ask for smaller lists ` +
                  '(first), fewer hops or fewer aliases.',
          );
        }
        const run = async (): Promise<ExecutionResult> => {
          const budget = new AnswerBudget(QUERY_COST.maxAnswerValues);
          context.answerBudget = budget;
          const result = (await executeFn(args)) as ExecutionResult;
          if (!budget.exceeded) return result;
          return {
            errors: [
              refusal(
                'answer-size',
                production
                  ? 'The answer would be too large: ask for smaller lists or fewer fields.'
                  : `The answer would hold more than ${budget.max} values: ask for smaller lists or fewer fields.`,
              ),
            ],
          };
        };
        if (cost < QUERY_COST.expensive) return run();
        if (line.pending >= limits.concurrency && line.size >= limits.queue) throw busy();
        const waited = new AbortController();
        const timer = setTimeout(() => waited.abort(), limits.waitMs);
        const signal = context.deadline ? AbortSignal.any([waited.signal, context.deadline]) : waited.signal;
        let started = false;
        try {
          return await line.add(
            () => {
              started = true;
              clearTimeout(timer);
              return run();
            },
            { signal },
          );
        } catch (error) {
          if (!started) throw busy();
          throw error;
        } finally {
          clearTimeout(timer);
        }
      });
    },
  };
}
