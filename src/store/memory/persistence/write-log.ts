import type { Dataset } from '../../../dataset/dataset.js';
import type { WriteCommand, WriteResult } from '../../../domain/commands.js';
import type { Edit } from '../../../domain/edits.js';
import type { Actor, Citation, Relation, Source } from '../../../domain/types.js';

/** Everything the embedded store holds: the dataset's records and the ids of merged actors. */
export interface StoredGraph extends Dataset {
  /** `[mergedId, survivorId]`: an id merged away, and the live actor it now names. */
  redirects: [string, string][];
}

/** The records one write changed, by id, as they are after it; `null`: removed. */
export interface StateChanges {
  actors: Map<string, Actor | null>;
  relations: Map<string, Relation | null>;
  citations: Map<string, Citation | null>;
  sources: Map<string, Source | null>;
  redirects: Map<string, string | null>;
}

/** One acknowledged command, what it touched, and its edit, as the history keeps them. */
export interface LoggedWrite {
  command: WriteCommand;
  result: WriteResult;
  edit: Edit;
}

/**
 * Where the embedded store makes its writes last. `commit` runs synchronously right after the
 * commands are applied in memory, so no read can see a change that is not yet durable; it either
 * keeps everything it is given or throws having kept nothing (the store then undoes memory).
 */
export interface WriteLog {
  /** The stored answer of the earlier write that carried this idempotency key, if any. */
  answerOf(key: string): WriteResult | null;
  commit(writes: readonly LoggedWrite[], idempotencyKey: string | null, changes: StateChanges): void;
  /** The history kept so far, oldest first. */
  edits(): Edit[];
  /** Keeps edits restored from a backup (the history is empty); all or none. */
  importEdits(edits: readonly Edit[]): void;
  close(): void;
}

/** The write log without a data folder: idempotency keys are remembered until the process stops. */
export class MemoryWriteLog implements WriteLog {
  private readonly answers = new Map<string, WriteResult>();

  answerOf(key: string): WriteResult | null {
    return this.answers.get(key) ?? null;
  }

  commit(writes: readonly LoggedWrite[], idempotencyKey: string | null): void {
    if (idempotencyKey !== null) this.answers.set(idempotencyKey, writes[0].result);
  }

  edits(): Edit[] {
    return [];
  }

  importEdits(): void {}

  close(): void {}
}
