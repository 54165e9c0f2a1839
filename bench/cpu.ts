/**
 * CPU accounting from /proc (Linux), so a result on a shared, noisy machine says how much of the
 * CPU went to the benchmark's own processes (the server under test, Neo4j, the load generator)
 * and how much to everything else. Elsewhere every figure is null.
 */
import { readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

export interface CpuSample {
  /** All CPUs' busy and total time, in ticks. */
  busy: number;
  total: number;
  /** CPU time of each watched process, in ticks. */
  byPid: Map<number, number>;
}

function processTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces), counted from field 3.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]); // utime + stime
  } catch {
    return 0;
  }
}

export function sampleCpu(pids: readonly number[]): CpuSample | null {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0];
    const values = line.trim().split(/\s+/).slice(1).map(Number);
    const total = values.reduce((a, b) => a + b, 0);
    const idle = values[3] + (values[4] ?? 0);
    return { busy: total - idle, total, byPid: new Map(pids.map((pid) => [pid, processTicks(pid)])) };
  } catch {
    return null;
  }
}

export interface CpuUse {
  /** Average CPUs in use by everything outside the watched processes during the interval. */
  otherCpus: number;
  /** CPU milliseconds each watched role spent, by role. */
  msByRole: Record<string, number>;
}

/** What happened between two samples; `roles` names the watched pids. */
export function cpuBetween(
  before: CpuSample | null,
  after: CpuSample | null,
  roles: Record<string, number>,
  cpus: number,
): CpuUse | null {
  if (!before || !after || after.total <= before.total) return null;
  const msByRole: Record<string, number> = {};
  let ours = 0;
  for (const [role, pid] of Object.entries(roles)) {
    const ticks = (after.byPid.get(pid) ?? 0) - (before.byPid.get(pid) ?? 0);
    ours += ticks;
    msByRole[role] = (ticks * 1000) / TICKS_PER_SECOND;
  }
  const fractionOther = Math.max(0, after.busy - before.busy - ours) / (after.total - before.total);
  return { otherCpus: Math.round(fractionOther * cpus * 100) / 100, msByRole };
}
