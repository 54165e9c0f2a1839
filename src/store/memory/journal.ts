import { mkdir, open, readFile, rm, truncate, writeFile, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { crc32 } from 'node:zlib';
import type { WriteCommand } from '../../domain/commands.js';

/**
 * The embedded store's append-only journal: one line per acknowledged write, `crc32 json`, flushed
 * to disk (fdatasync) before the write is acknowledged. On start the lines are replayed; a torn
 * last line (a crash mid-append) is detected by its checksum or missing newline, reported, and
 * cut off. Damage anywhere else stops the start: it is not what a crash leaves.
 */
export class Journal {
  private constructor(
    readonly file: string,
    private readonly handle: FileHandle,
  ) {}

  static async open(dir: string): Promise<{ journal: Journal; commands: WriteCommand[]; torn: string | null }> {
    await mkdir(dir, { recursive: true });
    await takeLock(dir);
    const file = join(dir, 'journal.jsonl');
    const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return '';
      throw error;
    });
    const { commands, goodBytes, torn } = parse(file, text);
    if (torn) await truncate(file, goodBytes);
    const handle = await open(file, 'a');
    return { journal: new Journal(file, handle), commands, torn };
  }

  /** Appends one command and waits until it is on disk. */
  async append(command: WriteCommand): Promise<void> {
    const json = JSON.stringify(command);
    await this.handle.write(`${checksum(json)} ${json}\n`);
    await this.handle.datasync();
  }

  async close(): Promise<void> {
    await this.handle.close();
    await rm(join(dirname(this.file), LOCK), { force: true });
  }
}

const LOCK = 'journal.lock';

/**
 * One process per data folder: two would each journal writes the other never saw. A lock left
 * by a process that died (SIGKILL) is taken over.
 */
async function takeLock(dir: string): Promise<void> {
  const lock = join(dir, LOCK);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(lock, String(process.pid), { flag: 'wx' });
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number(await readFile(lock, 'utf8').catch(() => ''));
      if (pid && pid !== process.pid && isAlive(pid)) {
        throw new Error(
          `${dir} is in use by process ${pid} (a running server or import?): stop it first, or give this one another DATA_DIR`,
        );
      }
      await rm(lock, { force: true });
    }
  }
  throw new Error(`${dir}: could not take the journal lock`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const checksum = (json: string) => crc32(json).toString(16).padStart(8, '0');

function parse(file: string, text: string): { commands: WriteCommand[]; goodBytes: number; torn: string | null } {
  const commands: WriteCommand[] = [];
  let offset = 0;
  let line = 0;
  while (offset < text.length) {
    line++;
    const end = text.indexOf('\n', offset);
    const raw = end === -1 ? text.slice(offset) : text.slice(offset, end);
    const last = end === -1 || end === text.length - 1;
    const command = decode(raw);
    if (end === -1 || !command) {
      const why = end === -1 ? 'it has no line end' : 'its checksum or JSON is wrong';
      if (!last)
        throw new Error(
          `${file}: line ${line} is damaged (${why}) and is not the last line; the journal needs a look before the server can start`,
        );
      return {
        commands,
        goodBytes: Buffer.byteLength(text.slice(0, offset)),
        torn: `${file}: the last record (line ${line}) was torn, most likely by a crash mid-write (${why}); it was never acknowledged and has been cut off`,
      };
    }
    commands.push(command);
    offset = end + 1;
  }
  return { commands, goodBytes: Buffer.byteLength(text), torn: null };
}

function decode(raw: string): WriteCommand | null {
  const space = raw.indexOf(' ');
  if (space !== 8) return null;
  const json = raw.slice(9);
  if (checksum(json) !== raw.slice(0, 8)) return null;
  try {
    return JSON.parse(json) as WriteCommand;
  } catch {
    return null;
  }
}
