import type { z } from 'zod';
import type { WriteCommand, WriteResult } from '../domain/commands.js';
import { badInput, ClientError } from '../domain/errors.js';
import { requireWriter } from './auth.js';
import { createLoaders, type GraphContext } from './context.js';

/**
 * Runs one write for a mutation: the caller must hold a write token; the store checks and applies
 * the command atomically; the request's loaders are renewed so the answer shows the new state;
 * subscribers hear what changed.
 */
export async function runWrite(context: GraphContext, command: WriteCommand, fieldPrefix = ''): Promise<WriteResult> {
  requireWriter(context.access, context.writesEnabled);
  let result: WriteResult;
  try {
    result = await context.store.write(command);
  } catch (error) {
    // The store names fields of the command; the client sent them inside an argument.
    if (error instanceof ClientError && error.field && fieldPrefix)
      throw new ClientError(error.message, error.code, `${fieldPrefix}.${error.field}`);
    throw error;
  }
  context.loaders = createLoaders(context.store);
  context.events.publish('graphChanged', { operation: command.op, at: new Date().toISOString(), ...result });
  return result;
}

/** Validates a mutation's input with the dataset file's own rules; the first fault names its field. */
export function validInput<S extends z.ZodType>(schema: S, value: unknown, prefix: string): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = [prefix, ...issue.path.map(String)].join('.');
  throw badInput(field, `${field}: ${issue.message}`);
}
