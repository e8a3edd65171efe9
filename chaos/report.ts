/** The figures of a chaos run, from its history file, faults and the checker's result (for RELIABILITY.md). */
import { readFileSync } from 'node:fs';
import type { CheckResult } from './checker.js';
import type { Attempt, Operation } from './clients.js';
import { FAULT_KINDS, type Fault } from './nemesis.js';

export interface RunFacts {
  short: boolean;
  plan: Record<string, unknown>;
  drivenMs: number;
  operations: Operation[];
  faults: Fault[];
  historyFile: string;
  result: CheckResult;
  alive: Record<string, boolean>;
}

const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]! : null;

export function summarise(facts: RunFacts) {
  const attempts = readFileSync(facts.historyFile, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Attempt);
  const acks = attempts.filter((a) => typeof a.status === 'number' && a.status < 300).sort((a, b) => a.startedAt - b.startedAt);
  const statuses: Record<string, number> = {};
  for (const a of attempts) statuses[String(a.status)] = (statuses[String(a.status)] ?? 0) + 1;
  // Time to recover: from the fault's start to the end of the first acknowledged request sent after it healed.
  const recovery: Record<string, { count: number; medianMs: number | null; maxMs: number | null; healMedianMs: number | null }> = {};
  for (const kind of FAULT_KINDS) {
    const times = facts.faults
      .filter((f) => f.kind === kind)
      .map((f) => {
        const first = acks.find((a) => a.startedAt >= f.healedAt);
        return first ? first.endedAt - f.startedAt : null;
      })
      .filter((t): t is number => t !== null)
      .sort((a, b) => a - b);
    // How long the fault itself lasted (a killed process started and ready again, a cut restored).
    const heals = facts.faults
      .filter((f) => f.kind === kind)
      .map((f) => f.healedAt - f.startedAt)
      .sort((a, b) => a - b);
    recovery[kind] = {
      count: facts.faults.filter((f) => f.kind === kind).length,
      medianMs: percentile(times, 0.5),
      maxMs: times.at(-1) ?? null,
      healMedianMs: percentile(heals, 0.5),
    };
  }
  const { result } = facts;
  return {
    finishedAt: new Date().toISOString(),
    short: facts.short,
    plan: facts.plan,
    figures: {
      drivenSeconds: Math.round(facts.drivenMs / 1000),
      cases: facts.operations.filter((o) => o.op === 'open').length,
      operations: facts.operations.length,
      requests: attempts.length,
      acknowledged: result.acknowledged,
      notAcknowledged: result.notAcknowledged,
      lost: result.lost,
      duplicated: result.duplicated,
      unrequested: result.unrequested,
      readModelMismatches: result.readModelMismatches,
      workflowMismatches: result.workflowMismatches,
      faults: Object.fromEntries(FAULT_KINDS.map((k) => [k, recovery[k]!.count])),
      outbox: result.outbox,
      problems: result.problems.length,
    },
    answers: statuses,
    recovery,
    alive: facts.alive,
    problems: result.problems,
  };
}
