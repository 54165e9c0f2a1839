import { subscribeInProcess } from '../support/sse-client.js';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { conflictDataset } from '../support/build.js';

interface GraphChanged {
  graphChanged: {
    operation: string;
    at: string;
    actorIds: string[];
    relationIds: string[];
    citationIds: string[];
    sourceIds: string[];
  };
}

describe('graphChanged subscription (GraphQL over server-sent events)', () => {
  it('tells a subscriber what a write changed', { timeout: 5_000 }, async () => {
    const app = createApp(MemoryStore.fromDataset(conflictDataset()), {
      env: 'test',
      corsOrigins: null,
      apiTokens: ['t'],
    });
    // Yoga answers the subscription's request once its event stream has started listening.
    const { first, close } = await subscribeInProcess<GraphChanged>(
      app,
      'subscription { graphChanged { operation at actorIds relationIds citationIds sourceIds } }',
    );

    const write = await app.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer t' },
      body: JSON.stringify({ query: 'mutation { closeRelation(id: "ru-supports-gov", until: "2019-01-01") { id } }' }),
    });
    expect(await write.json()).toEqual({ data: { closeRelation: { id: 'ru-supports-gov' } } });

    const { value, done } = await first;
    expect(done).toBe(false);
    expect(value.errors).toBeUndefined();
    expect(value.data?.graphChanged).toMatchObject({
      operation: 'closeRelation',
      actorIds: ['ru', 'gov'],
      relationIds: ['ru-supports-gov'],
      citationIds: [],
      sourceIds: [],
    });
    expect(Date.parse(value.data!.graphChanged.at)).not.toBeNaN();
    await close();
  });
});
