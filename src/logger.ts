import pino from 'pino';

export type Logger = pino.Logger;

/** JSON logs on stdout. Tokens and full queries are never logged at info. */
export const createLogger = (level: string) => pino({ level, base: undefined, redact: ['req.headers.authorization'] });
