import { Neo4jError } from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { isStartingUp, waitForNeo4j } from '../../src/store/neo4j/wait-for-neo4j.js';

const error = (code: string, message = code) =>
  new Neo4jError(message, code, '50N42', 'error: general processing exception');
const refused = () => error('ServiceUnavailable', 'Could not perform discovery. connect ECONNREFUSED 127.0.0.1:7687');
const unauthorized = () =>
  error('Neo.ClientError.Security.Unauthorized', 'The client is unauthorized due to authentication failure.');

/** An attempt that fails with the given errors in turn, then succeeds. */
function failing(...errors: Error[]) {
  let calls = 0;
  const attempt = async () => {
    calls++;
    const next = errors.shift();
    if (next) throw next;
    return 'connected';
  };
  return { attempt, calls: () => calls };
}

describe('waiting for a starting Neo4j', () => {
  it('tells a starting server from a refusal that waiting will not change', () => {
    expect(isStartingUp(refused())).toBe(true);
    expect(isStartingUp(error('Neo.TransientError.General.DatabaseUnavailable'))).toBe(true);
    expect(isStartingUp(unauthorized())).toBe(false);
    expect(isStartingUp(error('Neo.ClientError.Security.AuthenticationRateLimit'))).toBe(false);
    expect(isStartingUp(error('Neo.ClientError.Database.DatabaseNotFound'))).toBe(false);
    expect(isStartingUp(new Error('ECONNREFUSED'))).toBe(false);
  });

  it('retries while nothing listens, saying what it waits for, and returns once Neo4j answers', async () => {
    const lines: string[] = [];
    const { attempt, calls } = failing(refused(), refused(), error('Neo.TransientError.General.DatabaseUnavailable'));
    const result = await waitForNeo4j(attempt, {
      uri: 'bolt://127.0.0.1:7687',
      waitMs: 5_000,
      initialDelayMs: 1,
      log: (line) => lines.push(line),
    });
    expect(result).toBe('connected');
    expect(calls()).toBe(4);
    expect(lines[0]).toMatch(/^waiting for Neo4j at bolt:\/\/127\.0\.0\.1:7687 to accept connections \(.*ECONNREFUSED/);
    expect(lines[0]).toContain('up to 5 s');
    expect(lines.at(-1)).toMatch(/^Neo4j at bolt:\/\/127\.0\.0\.1:7687 answered after/);
  });

  it('fails at once on a wrong password, without waiting', async () => {
    const lines: string[] = [];
    const { attempt, calls } = failing(unauthorized());
    await expect(
      waitForNeo4j(attempt, { uri: 'bolt://x', waitMs: 60_000, log: (line) => lines.push(line) }),
    ).rejects.toThrow('unauthorized');
    expect(calls()).toBe(1);
    expect(lines).toEqual([]);
  });

  it('gives up after the bound with the last error', async () => {
    const lines: string[] = [];
    const started = Date.now();
    const attempt = async () => {
      throw refused();
    };
    await expect(
      waitForNeo4j(attempt, { uri: 'bolt://x', waitMs: 300, initialDelayMs: 20, log: (line) => lines.push(line) }),
    ).rejects.toThrow('ECONNREFUSED');
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(lines.at(-1)).toMatch(/^gave up waiting for Neo4j at bolt:\/\/x after/);
  });

  it('tries once when the bound is 0', async () => {
    const { attempt, calls } = failing(refused());
    await expect(waitForNeo4j(attempt, { uri: 'bolt://x', waitMs: 0, log: () => {} })).rejects.toThrow('ECONNREFUSED');
    expect(calls()).toBe(1);
  });
});
