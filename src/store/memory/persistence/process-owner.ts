import { readFileSync, statSync } from 'node:fs';

/**
 * When process `pid` started, in milliseconds since the epoch, to within 10 ms; null when it cannot
 * be told (no such process, or no /proc: not Linux). A pid is reused once its process ends, so a pid
 * alone does not say that a lock's owner still runs: the pid with the same start time does.
 */
export function processStartTime(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces and parentheses); start time is field 22.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[19]);
    const boot = /^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'));
    if (!boot || !Number.isFinite(ticks)) return null;
    // /proc counts in USER_HZ, 100 a second on Linux whatever the kernel's own tick.
    return Number(boot[1]) * 1000 + ticks * 10;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Slack for comparing start times: btime is whole seconds, and a lock is written just after its process starts. */
const SAME_START_MS = 1_500;

/**
 * Whether the process a lock file names still holds it: `pid` is alive and is the same process.
 * With `startedAt` (what this version records), the start times must match; with only a pid (an
 * older version's lock), the process must have started before the lock file was last written. A
 * pid reused by a later process, or a dead one, is a stale lock, safe to take over. Where start
 * times cannot be read, a live pid is taken as the owner (the safe side).
 */
export function lockIsHeld(owner: { pid: number; startedAt?: number | null }, lockFile: string): boolean {
  if (!Number.isInteger(owner.pid) || owner.pid <= 0) return false;
  if (owner.pid === process.pid) return false;
  if (!isAlive(owner.pid)) return false;
  const started = processStartTime(owner.pid);
  if (started === null) return true;
  if (owner.startedAt !== undefined && owner.startedAt !== null)
    return Math.abs(started - owner.startedAt) <= SAME_START_MS;
  try {
    return started <= statSync(lockFile).mtimeMs + SAME_START_MS;
  } catch {
    return true;
  }
}

/** This process, as a lock file records it: `pid startedAt`. */
export function ownerLine(): string {
  return `${process.pid} ${processStartTime(process.pid) ?? ''}`.trim();
}

/** A lock file's `pid [startedAt]`; null when it names no pid. */
export function parseOwner(text: string): { pid: number; startedAt: number | null } | null {
  const [pid, startedAt] = text.trim().split(/\s+/).map(Number);
  if (!Number.isInteger(pid) || pid <= 0) return null;
  return { pid, startedAt: Number.isFinite(startedAt) ? startedAt : null };
}
