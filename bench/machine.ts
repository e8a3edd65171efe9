/** What the figures were measured on: they only mean something next to the machine and its load. */
import { execFileSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { findTemporalCli } from '../platform/config.js';

export interface Machine {
  cores: number;
  memoryGiB: number;
  /** 1, 5 and 15-minute load averages: other processes compete for the same 2 cores. */
  load: number[];
  node: string;
  temporalCli: string;
}

export async function describeMachine(): Promise<Machine> {
  return {
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    load: loadavg().map((l) => Math.round(l * 100) / 100),
    node: process.version,
    temporalCli: temporalVersion(),
  };
}

function temporalVersion(): string {
  try {
    return execFileSync(findTemporalCli(), ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}
