import { createHash, timingSafeEqual } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { ClientError } from '../domain/errors.js';

export type Access = 'none' | 'invalid' | 'writer';

/** Who the request is: no token, a token we do not know, or a writer. */
export function accessOf(request: Request, tokens: readonly string[]): Access {
  const header = request.headers.get('authorization');
  if (!header) return 'none';
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!match) return 'invalid';
  return accessOfToken(match[1], tokens);
}

/** Who a token given some other way (a page's `?token=`) is. */
export function accessOfToken(given: string, tokens: readonly string[]): Access {
  // Compare digests so the comparison takes the same time whatever the token.
  const digested = digest(given);
  return tokens.some((token) => timingSafeEqual(digest(token), digested)) ? 'writer' : 'invalid';
}

const digest = (text: string) => createHash('sha256').update(text).digest();

/** Throws the 401- or 403-style error for a request that may not write. */
export function requireWriter(access: Access, writesEnabled: boolean): void {
  if (!writesEnabled)
    throw new ClientError('Writes are disabled on this server: set API_TOKEN to enable them.', 'FORBIDDEN');
  if (access === 'none')
    throw new ClientError('Writes need a bearer token: send "Authorization: Bearer <token>".', 'UNAUTHENTICATED');
  if (access === 'invalid') throw new ClientError('The bearer token is not valid.', 'FORBIDDEN');
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
