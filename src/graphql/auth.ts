import { createHash, timingSafeEqual } from 'node:crypto';
import { GraphQLError } from 'graphql';
import type { Credential } from '../config.js';
import { ClientError } from '../domain/errors.js';

/** What a request may do: no token, a token we do not know, a read-only token, or a write token. */
export type Access = 'none' | 'invalid' | 'reader' | 'writer';

/** Who the request is: its access, and its token's name (the writer edits are kept under; null without a valid token). */
export interface Identity {
  access: Access;
  name: string | null;
}

const NOBODY: Identity = { access: 'none', name: null };
const INVALID: Identity = { access: 'invalid', name: null };

/** Who a request is, from its `Authorization: Bearer` header. */
export function identify(request: Request, credentials: readonly Credential[]): Identity {
  const header = request.headers.get('authorization');
  if (!header) return NOBODY;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!match) return INVALID;
  return identifyToken(match[1], credentials);
}

/** Who a token given some other way (a page's `?token=`) is. */
export function identifyToken(given: string, credentials: readonly Credential[]): Identity {
  // Compare digests, against every credential, so the comparison takes the same time whatever the token.
  const digested = digest(given);
  let found: Credential | null = null;
  for (const credential of credentials) if (timingSafeEqual(digest(credential.token), digested)) found ??= credential;
  return found ? { access: found.role, name: found.name } : INVALID;
}

const digest = (text: string) => createHash('sha256').update(text).digest();

/** Whether a request may read when reads need a token. */
export const mayRead = (access: Access) => access === 'reader' || access === 'writer';

/** Throws the 401- or 403-style error for a request that may not write. */
export function requireWriter(access: Access, writesEnabled: boolean): void {
  if (!writesEnabled)
    throw new ClientError('Writes are disabled on this server: set API_TOKEN to enable them.', 'FORBIDDEN');
  if (access === 'none')
    throw new ClientError('Writes need a bearer token: send "Authorization: Bearer <token>".', 'UNAUTHENTICATED');
  if (access === 'invalid') throw new ClientError('The bearer token is not valid.', 'FORBIDDEN');
  if (access === 'reader') throw new ClientError('This token may only read (API_READ_TOKEN).', 'FORBIDDEN');
}

/** With API_READS=token, every request needs a valid token. */
export function requireReader(access: Access): void {
  if (access === 'none')
    throw new GraphQLError(
      'This server needs a bearer token for every request: send "Authorization: Bearer <token>".',
      { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } },
    );
  if (access === 'invalid')
    throw new GraphQLError('The bearer token is not valid.', {
      extensions: { code: 'FORBIDDEN', http: { status: 403 } },
    });
}
