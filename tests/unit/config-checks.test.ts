import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

const fails = (env: Record<string, string>) => {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
};

describe('configuration checks at start', () => {
  it('refuses short tokens, tokens with a space and empty ones, naming the token by position only', () => {
    expect(fails({ API_TOKEN: 'x' })).toMatch(/API_TOKEN: token 1 is 1 characters long: tokens need at least 16/);
    expect(fails({ API_TOKEN: 'a-long-enough-token-1,short' })).toMatch(/token 2 is 5 characters long/);
    expect(fails({ API_TOKEN: 'a long enough token with spaces' })).toMatch(/token 1 contains a space/);
    expect(fails({ API_TOKEN: ' ' })).toMatch(/token 1 is empty/);
    expect(fails({ API_TOKEN: 'a-long-enough-token-1,,a-long-enough-token-2' })).toMatch(/token 2 is empty/);
    // The message never shows a token.
    expect(fails({ API_TOKEN: 'a-long-enough-token-1,short' })).not.toMatch(/short|a-long-enough/);
  });

  it('accepts tokens of 16 characters or more, and an empty API_TOKEN as none', () => {
    expect(loadConfig({ API_TOKEN: ' 0123456789abcdef , another-token-of-more ' }).apiTokens).toEqual([
      { name: 'token-1', token: '0123456789abcdef' },
      { name: 'token-2', token: 'another-token-of-more' },
    ]);
    expect(loadConfig({ API_TOKEN: '' }).apiTokens).toEqual([]);
    expect(loadConfig({}).apiTokens).toEqual([]);
  });

  it('takes REDIS_URL for live updates shared by processes on Neo4j only, and checks its form', () => {
    expect(fails({ STORE: 'memory', REDIS_URL: 'redis://127.0.0.1:6379' })).toMatch(
      /REDIS_URL: .*the embedded store serves a single process/,
    );
    expect(fails({ STORE: 'neo4j', REDIS_URL: 'http://127.0.0.1:6379' })).toMatch(/REDIS_URL: must be a redis:\/\//);
    expect(loadConfig({ STORE: 'neo4j', REDIS_URL: 'rediss://cache.example.org:6380' }).redisUrl).toBe(
      'rediss://cache.example.org:6380',
    );
    expect(loadConfig({ STORE: 'neo4j' }).redisUrl).toBeNull();
  });

  it('names tokens (`name:token`; a bare one by its place) and keeps each name once, across both settings', () => {
    const config = loadConfig({
      API_TOKEN: 'alice:0123456789abcdef,another-token-of-more',
      API_READ_TOKEN: 'readonly-token-of-more,audit:read-token-for-audit',
    });
    expect(config.apiTokens).toEqual([
      { name: 'alice', token: '0123456789abcdef' },
      { name: 'token-2', token: 'another-token-of-more' },
    ]);
    expect(config.readTokens).toEqual([
      { name: 'read-token-1', token: 'readonly-token-of-more' },
      { name: 'audit', token: 'read-token-for-audit' },
    ]);
    // The token after the name is checked as any token is; the message names the entry, never the token.
    expect(fails({ API_TOKEN: 'alice:short' })).toMatch(/API_TOKEN: token 1 is 5 characters long/);
    expect(fails({ API_TOKEN: 'alice:short' })).not.toMatch(/short/);
    expect(fails({ API_TOKEN: 'alice:0123456789abcdef,alice:fedcba9876543210' })).toMatch(
      /token 2: the name "alice" is given to two tokens/,
    );
    expect(fails({ API_TOKEN: 'alice:0123456789abcdef', API_READ_TOKEN: 'alice:fedcba9876543210' })).toMatch(
      /API_READ_TOKEN: token 1: the name "alice"/,
    );
  });

  it('never lets CORS_ORIGINS allow the "null" origin', () => {
    expect(fails({ CORS_ORIGINS: 'https://a.example.org, null' })).toMatch(/CORS_ORIGINS: must not list "null"/);
    expect(loadConfig({ CORS_ORIGINS: 'https://a.example.org' }).corsOrigins).toEqual(['https://a.example.org']);
  });

  it('keeps the request deadline above the Neo4j query bound, so a hung Neo4j is told as such', () => {
    expect(fails({ STORE: 'neo4j', REQUEST_TIMEOUT_MS: '11000' })).toMatch(
      /REQUEST_TIMEOUT_MS: 11000 must be more than NEO4J_TX_TIMEOUT_MS \+ 2000 \(12000\)/,
    );
    expect(loadConfig({ STORE: 'neo4j' }).neo4j.answerTimeoutMs).toBe(12_000);
    expect(loadConfig({ STORE: 'memory', REQUEST_TIMEOUT_MS: '1000' }).requestTimeoutMs).toBe(1_000);
  });
});
