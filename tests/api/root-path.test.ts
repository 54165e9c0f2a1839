import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { conflictDataset } from '../support/build.js';

describe('the site root', () => {
  for (const env of ['development', 'production'] as const) {
    const app = createApp(MemoryStore.fromDataset(conflictDataset()), { env, corsOrigins: null });

    it(`redirects / to the explorer, keeping the query string (${env})`, async () => {
      const plain = await app.fetch('http://test/', { redirect: 'manual' });
      expect(plain.status).toBe(302);
      expect(plain.headers.get('location')).toBe('/explore/');
      const linked = await app.fetch('http://test/?at=2017-12-15&actor=hts', { method: 'HEAD', redirect: 'manual' });
      expect(linked.status).toBe(302);
      expect(linked.headers.get('location')).toBe('/explore/?at=2017-12-15&actor=hts');
    });
  }

  it('does not redirect anything but a GET or HEAD of /', async () => {
    const app = createApp(MemoryStore.fromDataset(conflictDataset()), { env: 'test', corsOrigins: null });
    expect((await app.fetch('http://test/', { method: 'POST', body: '{}' })).status).toBe(404);
    expect((await app.fetch('http://test/nothing-here', { redirect: 'manual' })).status).toBe(404);
  });
});
