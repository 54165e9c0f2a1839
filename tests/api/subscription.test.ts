import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { conflictDataset } from '../support/build.js';

describe('graphChanged subscription (server-sent events)', () => {
  it('tells a subscriber what a write changed', async () => {
    const app = createApp(MemoryStore.fromDataset(conflictDataset()), {
      env: 'test',
      corsOrigins: null,
      apiTokens: ['t'],
    });
    const stream = await app.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({
        query: 'subscription { graphChanged { operation at actorIds relationIds citationIds sourceIds } }',
      }),
    });
    expect(stream.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = stream.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const received = (async () => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        text += decoder.decode(value);
        if (/data: .*graphChanged/.test(text)) return;
      }
    })();
    // The subscription goes live asynchronously; repeat the (idempotent) write until it is heard.
    let heard = false;
    void received.then(() => (heard = true));
    for (let attempt = 0; attempt < 20 && !heard; attempt++) {
      const write = await app.fetch('http://test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer t' },
        body: JSON.stringify({
          query: 'mutation { closeRelation(id: "ru-supports-gov", until: "2019-01-01") { id } }',
        }),
      });
      expect(((await write.json()) as { data: unknown }).data).toEqual({ closeRelation: { id: 'ru-supports-gov' } });
      await Promise.race([received, new Promise((resolve) => setTimeout(resolve, 250))]);
    }
    expect(heard).toBe(true);
    await reader.cancel();
    const event = JSON.parse(/data: (.*graphChanged.*)/.exec(text)![1]) as {
      data: { graphChanged: Record<string, unknown> };
    };
    expect(event.data.graphChanged).toMatchObject({
      operation: 'closeRelation',
      actorIds: ['ru', 'gov'],
      relationIds: ['ru-supports-gov'],
      citationIds: [],
      sourceIds: [],
    });
    expect(Date.parse(event.data.graphChanged.at as string)).not.toBeNaN();
  });
});
