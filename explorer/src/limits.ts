// The API's caps on what one request may ask for. They are set once, in the server's
// src/domain/limits.ts; explorer/vite.config.ts writes them into the bundle at build time (`define`),
// so the explorer asks for pages no larger than the API allows without importing server code.

/** The caps the explorer uses: the largest value each argument accepts. */
export interface ApiLimits {
  actorsFirst: { max: number };
  relationsFirst: { max: number };
  neighborhoodHops: { max: number };
  shortestPathMaxHops: { max: number };
  pathsMaxHops: { max: number };
}

declare const __API_LIMITS__: ApiLimits;

export const API_LIMITS: ApiLimits = __API_LIMITS__;
