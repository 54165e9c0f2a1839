/** The store cannot be reached; the message says which store and what to check. */
export class StoreUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreUnavailableError';
  }
}

/** A store query ran past its time limit and was cancelled. */
export class StoreTimeoutError extends Error {
  constructor(readonly limitMs: number) {
    super(`The query ran longer than the store's ${limitMs} ms limit and was stopped.`);
    this.name = 'StoreTimeoutError';
  }
}

/**
 * The embedded store could not make a write durable: its data folder is full or cannot be
 * written. The write was undone and not acknowledged; what was acknowledged before is intact,
 * and writes work again once the folder can be written.
 */
export class StorageUnwritableError extends StoreUnavailableError {
  constructor(
    readonly dir: string,
    readonly reason: Error,
  ) {
    const cause = (reason as { code?: string }).code ?? reason.message;
    super(
      `The data folder is full or cannot be written (${cause}): the write was not kept. ` +
        'Writes resume once space is freed.',
    );
    this.name = 'StorageUnwritableError';
  }
}
