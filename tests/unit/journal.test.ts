import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WriteCommand } from '../../src/domain/commands.js';
import { Journal } from '../../src/store/memory/journal.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { buildActor, conflictDataset } from '../support/build.js';

const create = (id: string): WriteCommand => ({ op: 'createActor', actor: buildActor({ id }) });

describe('the embedded store journal', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'journal-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('replays acknowledged writes on the next start', async () => {
    const first = MemoryStore.fromDataset(conflictDataset());
    expect(await first.attachJournal(dir)).toMatchObject({ replayed: 0, skipped: [], torn: null });
    await first.write(create('new-a'));
    await first.write({ op: 'closeRelation', id: 'ru-supports-gov', until: '2020-01-01' });
    await first.write({ op: 'mergeActors', survivorId: 'gov', mergedId: 'ir' });
    await first.close();

    const second = MemoryStore.fromDataset(conflictDataset());
    expect(await second.attachJournal(dir)).toMatchObject({ replayed: 3, skipped: [], torn: null });
    expect(await second.actorsByIds(['new-a', 'ir'])).toEqual([
      buildActor({ id: 'new-a' }),
      expect.objectContaining({ id: 'gov' }),
    ]);
    expect((await second.relationsByIds(['ru-supports-gov']))[0]?.until).toBe('2020-01-01');
    await second.close();
  });

  it('does not journal a refused write', async () => {
    const store = MemoryStore.fromDataset(conflictDataset());
    await store.attachJournal(dir);
    await expect(store.write(create('gov'))).rejects.toThrow(/already exists/);
    await store.close();
    expect(await readFile(join(dir, 'journal.jsonl'), 'utf8')).toBe('');
  });

  it('detects a torn last record, reports it, cuts it off and keeps the rest', async () => {
    const store = MemoryStore.fromDataset(conflictDataset());
    await store.attachJournal(dir);
    await store.write(create('kept'));
    await store.close();
    const file = join(dir, 'journal.jsonl');
    const good = await readFile(file, 'utf8');
    await appendFile(file, good.slice(0, 30)); // a crash halfway through the next line

    const again = MemoryStore.fromDataset(conflictDataset());
    const replay = await again.attachJournal(dir);
    expect(replay.replayed).toBe(1);
    expect(replay.torn).toMatch(
      /the last record \(line 2\) was torn, most likely by a crash mid-write \(it has no line end\)/,
    );
    expect(await readFile(file, 'utf8')).toBe(good);
    await again.write(create('after'));
    await again.close();
    const third = MemoryStore.fromDataset(conflictDataset());
    expect(await third.attachJournal(dir)).toMatchObject({ replayed: 2, torn: null });
    await third.close();
  });

  it('refuses to start on damage that is not at the end', async () => {
    const store = MemoryStore.fromDataset(conflictDataset());
    await store.attachJournal(dir);
    await store.write(create('one'));
    await store.write(create('two'));
    await store.close();
    const file = join(dir, 'journal.jsonl');
    const lines = (await readFile(file, 'utf8')).split('\n');
    lines[0] = lines[0].replace('one', 'oNe');
    await writeFile(file, lines.join('\n'));
    await expect(Journal.open(dir)).rejects.toThrow(
      /line 1 is damaged \(its checksum or JSON is wrong\) and is not the last line/,
    );
  });
});
