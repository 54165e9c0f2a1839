import { afterEach, describe, expect, it, vi } from 'vitest';

describe("the explorer's token (API_READS=token)", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.resetModules();
  });

  const load = async (search: string) => {
    const sent: RequestInit[] = [];
    vi.stubGlobal('location', { search });
    vi.stubGlobal('fetch', async (_url: string, init: RequestInit) => {
      sent.push(init);
      return new Response(JSON.stringify({ data: { ok: true } }), { headers: { 'content-type': 'application/json' } });
    });
    const { gql } = await import('../../explorer/src/api.js');
    await gql('{ ok }');
    return sent.map((init) => new Headers(init.headers).get('authorization'));
  };

  it('sends the token the page was opened with on every request', async () => {
    expect(await load('?token=explorer-token-0123&at=2017-12-01')).toEqual(['Bearer explorer-token-0123']);
  });

  it('sends no authorization header when the page was opened without one', async () => {
    expect(await load('?at=2017-12-01')).toEqual([null]);
  });
});
