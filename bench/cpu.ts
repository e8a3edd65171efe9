/**
 * CPU time spent by each process of the system under test, read from /proc: on a shared 2-core
 * machine the wall-clock rate of a benchmark moves with other load, but the CPU one operation costs
 * in each process does not, so it shows where an operation's cost goes.
 */
import { readdirSync, readFileSync } from 'node:fs';

export type CpuPart = 'temporal' | 'worker' | 'postgres' | 'client';
export type CpuTimes = Record<CpuPart, number>;

/** Linux reports utime and stime in clock ticks of 1/100 s (USER_HZ). */
const TICK_MS = 10;

export interface CpuProbe {
  /** CPU milliseconds used so far by each part. */
  read(): CpuTimes;
}

/**
 * Postgres backends come and go (one per connection), so its time is counted per process: what
 * each used since the previous reading, or since it started if it is new.
 */
function postgresCounter(): () => number {
  let seen = postgresTicks();
  let total = 0;
  return () => {
    const now = postgresTicks();
    for (const [pid, ticks] of now) total += ticks - (seen.get(pid) ?? 0);
    seen = now;
    return total * TICK_MS;
  };
}

/** CPU milliseconds used so far by this process and by Postgres (every Postgres process). */
export function clientAndPostgresProbe(): () => { client: number; postgres: number } {
  const postgresCpuMs = postgresCounter();
  return () => {
    const own = process.cpuUsage();
    return { client: (own.user + own.system) / 1000, postgres: postgresCpuMs() };
  };
}

/** `client` is this process (the bench's client side); `postgres` is every Postgres process. */
export function cpuProbe(pids: { temporal: number; worker: number }): CpuProbe {
  const clientAndPostgres = clientAndPostgresProbe();
  return { read: () => ({ temporal: processCpuMs(pids.temporal), worker: processCpuMs(pids.worker), ...clientAndPostgres() }) };
}

/** What each part used between two readings, per operation. */
export function cpuPerOperation(before: CpuTimes, after: CpuTimes, operations: number): CpuTimes {
  const per = (part: CpuPart) => (after[part] - before[part]) / operations;
  return { temporal: per('temporal'), worker: per('worker'), postgres: per('postgres'), client: per('client') };
}

function processCpuMs(pid: number): number {
  try {
    return ticksOf(readFileSync(`/proc/${pid}/stat`, 'utf8')) * TICK_MS;
  } catch {
    return 0; // the process has ended
  }
}

function postgresTicks(): Map<string, number> {
  const ticks = new Map<string, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (stat.includes('(postgres)')) ticks.set(entry, ticksOf(stat));
    } catch {
      // gone between the listing and the read
    }
  }
  return ticks;
}

/** utime + stime: fields 14 and 15 of /proc/<pid>/stat, counted after the command name's ")". */
function ticksOf(stat: string): number {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}
