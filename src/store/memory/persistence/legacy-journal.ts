import { createReadStream } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import type { WriteCommand } from '../../../domain/commands.js';
import { lockIsHeld, parseOwner } from './process-owner.js';

/** The journal older versions kept in DATA_DIR: one `crc32 json` line per acknowledged write. */
export const LEGACY_JOURNAL = 'journal.jsonl';
/** What the journal is renamed to once its records are in the database. */
export const MIGRATED_JOURNAL = 'journal.jsonl.migrated';
const LEGACY_LOCK = 'journal.lock';

/** A record of the old journal, with its line number for messages. */
export interface LegacyRecord {
  line: number;
  command: WriteCommand;
}

/**
 * Reads an old journal record by record, streaming (a journal of hundreds of megabytes is never one
 * string). A last line without its line end is what a crash mid-append leaves: it was never
 * acknowledged, so it is reported through `onTorn` and not returned. Any other damaged line (a bad
 * checksum or JSON) stops the reading: the journal was acknowledged up to there and needs a look.
 */
export async function* readLegacyJournal(
  file: string,
  onTorn: (message: string) => void,
): AsyncGenerator<LegacyRecord> {
  let pending: Buffer[] = [];
  let line = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    let start = 0;
    for (let end = chunk.indexOf(10); end !== -1; end = chunk.indexOf(10, start)) {
      pending.push(chunk.subarray(start, end));
      const raw = Buffer.concat(pending).toString('utf8');
      pending = [];
      start = end + 1;
      line++;
      const command = decode(raw);
      if (!command)
        throw new Error(
          `${file}: line ${line} is damaged (its checksum or JSON is wrong), so it cannot be migrated. Nothing was migrated. ` +
            `See docs/operations.md, "Embedded store data folder", to recover the records before it.`,
        );
      yield { line, command };
    }
    if (start < chunk.length) pending.push(chunk.subarray(start));
  }
  if (pending.length > 0)
    onTorn(
      `${file}: the last record (line ${line + 1}) was torn by a crash mid-write (it has no line end); it was never acknowledged and was not migrated`,
    );
}

/**
 * The old version's lock: the process named in it still writes the journal, so the folder is
 * refused; a stale lock (its process died, or its pid now belongs to a process started after the
 * lock was written) is removed.
 */
export async function releaseLegacyLock(dir: string): Promise<void> {
  const lock = join(dir, LEGACY_LOCK);
  const owner = parseOwner(await readFile(lock, 'utf8').catch(() => ''));
  if (owner && lockIsHeld(owner, lock))
    throw new Error(
      `${dir} is in use by process ${owner.pid}, an older server or import writing ${LEGACY_JOURNAL}: stop it first, or give this one another DATA_DIR`,
    );
  await rm(lock, { force: true });
}

/** The old line format, `crc32-hex json`; null when the checksum or JSON is wrong. */
function decode(raw: string): WriteCommand | null {
  if (raw.indexOf(' ') !== 8) return null;
  const json = raw.slice(9);
  if (crc32(json).toString(16).padStart(8, '0') !== raw.slice(0, 8)) return null;
  try {
    return JSON.parse(json) as WriteCommand;
  } catch {
    return null;
  }
}
