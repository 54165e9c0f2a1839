import { setImmediate as nextTurn } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { dayWindow } from '../../src/domain/dates.js';
import { graphReading } from '../../src/domain/reading.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { buildActor, buildCitation, buildDataset, buildRelation } from '../support/build.js';

/** Relations open from a day of 2011-2019 each, so every one is active on 2020-01-01: a long walk. */
function longTimeline(count: number) {
  const actors = Array.from({ length: 100 }, (_, i) => buildActor({ id: `a${i}` }));
  const start = Date.UTC(2011, 0, 1);
  const relations = Array.from({ length: count }, (_, i) =>
    buildRelation({
      id: `r${String(i).padStart(6, '0')}`,
      from: `a${i % 100}`,
      to: `a${(i * 7 + 1) % 100}`,
      kind: i % 2 ? 'FIGHTS' : 'SUPPORTS',
      since: new Date(start + Math.floor((i / count) * 3_200) * 86_400_000).toISOString().slice(0, 10),
      until: null,
    }),
  );
  return buildDataset({ actors, relations });
}

describe('the embedded store walking a long timeline', () => {
  it('lets other requests in while it reads, and a write meanwhile neither repeats nor skips a relation', async () => {
    const count = 30_000;
    const store = MemoryStore.fromDataset(longTimeline(count));
    const [source] = await store.listSources();
    // Sorts before every relation, so it lands behind the walk's position and shifts the list under it.
    const early = buildRelation({ id: 'early', from: 'a1', to: 'a2', since: '2011-01-01', until: null });
    let turns = 0;
    let wrote = false;
    let finished = false;
    const walking = store.activeRelations(graphReading(dayWindow('2020-01-01')), null, null).then((active) => {
      finished = true;
      return { active, wroteBefore: wrote };
    });
    while (!finished) {
      await nextTurn();
      turns++;
      if (turns === 1) {
        await store.write({ op: 'recordRelation', relation: early, citations: [buildCitation('early', source)] });
        wrote = true;
      }
    }
    const { active, wroteBefore } = await walking;
    // The walk was still going when the write landed: otherwise this test proves nothing.
    expect(wroteBefore).toBe(true);
    expect(turns).toBeGreaterThan(1);
    const ids = active.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    const originals = Array.from({ length: count }, (_, i) => `r${String(i).padStart(6, '0')}`);
    const seen = new Set(ids);
    expect(originals.filter((id) => !seen.has(id))).toEqual([]);
  }, 30_000);
});
