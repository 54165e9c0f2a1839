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
