import { spawn, type ChildProcess } from 'node:child_process';
import { access, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDataFolder } from '../../src/store/memory/open-data-folder.js';
import { lockIsHeld, processStartTime } from '../../src/store/memory/persistence/process-owner.js';
import { conflictDataset } from '../support/build.js';

const seed = async () => conflictDataset();

describe('a stale lock in the data folder', () => {
  let dir: string;
  let sleeper: ChildProcess | null = null;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'stale-lock-'));
  });
  afterEach(async () => {
    sleeper?.kill();
    sleeper = null;
    await rm(dir, { recursive: true, force: true });
  });

  /** A live process started just now, as a reused pid would belong to. */
  const startSleeper = async () => {
    sleeper = spawn('sleep', ['60'], { stdio: 'ignore' });
    await new Promise((resolve) => sleeper!.once('spawn', resolve));
    return sleeper.pid!;
  };
  const exists = (file: string) =>
    access(join(dir, file)).then(
      () => true,
      () => false,
    );

  it('is taken over when its pid now belongs to a process started after the lock was written', async () => {
    const pid = await startSleeper();
    const lock = join(dir, 'journal.lock');
    await writeFile(join(dir, 'journal.jsonl'), '');
    await writeFile(lock, String(pid));
    const anHourAgo = new Date(Date.now() - 3_600_000);
    await utimes(lock, anHourAgo, anHourAgo);

    const { store } = await openDataFolder(dir, { seed });
    await store.close();
    expect(await exists('journal.lock')).toBe(false);
    expect(await exists('journal.jsonl.migrated')).toBe(true);
  });

  it('still refuses the folder while the process that wrote the lock runs', async () => {
    // The test runner's parent started before this lock was written: it is the owner.
    await writeFile(join(dir, 'journal.jsonl'), '');
    await writeFile(join(dir, 'journal.lock'), String(process.ppid));
    await expect(openDataFolder(dir, { seed })).rejects.toThrow(/is in use by process \d+/);
  });

  it('tells a live owner from a reused pid by its start time when the lock records one', async () => {
    const pid = await startSleeper();
    const lock = join(dir, 'owner');
    await writeFile(lock, '');
    const started = processStartTime(pid);
    expect(started).not.toBeNull();
    expect(Math.abs(started! - Date.now())).toBeLessThan(5_000);
    expect(lockIsHeld({ pid, startedAt: started }, lock)).toBe(true);
    expect(lockIsHeld({ pid, startedAt: started! - 60_000 }, lock)).toBe(false);
    sleeper!.kill();
    await new Promise((resolve) => sleeper!.once('exit', resolve));
    expect(lockIsHeld({ pid, startedAt: started }, lock)).toBe(false);
  });

  it('leaves no owner file behind when the store closes', async () => {
    const { store } = await openDataFolder(dir, { seed });
    expect(await exists('idlib.sqlite.owner')).toBe(true);
    await store.close();
    expect(await exists('idlib.sqlite.owner')).toBe(false);
    expect(await exists('idlib.sqlite-wal')).toBe(false);
  });
});
