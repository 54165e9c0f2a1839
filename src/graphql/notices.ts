import type { Plugin } from 'graphql-yoga';
import type { GraphContext } from './context.js';

/**
 * Copies the notices a request's writes earned (a merged actor id used for the actor it was merged
 * into, docs/writing.md) into the response's `extensions.notices`, next to `data`.
 */
export function noticesPlugin(): Plugin {
  return {
    onExecute({ args }) {
      return {
        onExecuteDone({ result, setResult }) {
          const notices = (args.contextValue as Partial<GraphContext>).notices;
          if (!notices?.length || Symbol.asyncIterator in result) return;
          setResult({ ...result, extensions: { ...result.extensions, notices } });
        },
      };
    },
  };
}
