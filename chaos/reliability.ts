/**
 * Renders RELIABILITY.md from a full chaos run's results: `tsx chaos/reliability.ts [last-run.json]`
 * (`npm run chaos` without --short does it by itself at the end).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_DIR, PROJECT_ROOT } from '../platform/config.js';
import type { summarise } from './report.js';

type Report = ReturnType<typeof summarise>;

const seconds = (ms: number | null) => (ms === null ? 'n/a' : `${(ms / 1000).toFixed(1)} s`);

export function renderReliability(report: Report, command: string): string {
  const f = report.figures;
  const faultRows = Object.entries(report.recovery).map(
    ([kind, r]) => `| ${kind} | ${r.count} | ${seconds(r.healMedianMs ?? null)} | ${seconds(r.medianMs)} | ${seconds(r.maxMs)} |`,
  );
  const answers = Object.entries(report.answers)
    .map(([status, n]) => `${status}: ${n}`)
    .join(', ');
  return `# Reliability

Figures of the last full \`npm run chaos\` run (${report.finishedAt}), command \`${command}\`.
The run is bounded and on loopback only: its own Postgres 15 cluster behind a TCP proxy of the
project's own, a supervised Temporal dev server on a state file, one API process and
${String(report.plan.workers)} worker processes. Clients (${String(report.plan.clients)}) drive cases through the HTTP API with
Idempotency-Keys, resending on 5xx and connection errors; a nemesis injects one fault at a time.
A checker judges after healing and quiet. Regenerate with \`npm run chaos\` (it rewrites this file).

## Result: ${f.problems === 0 ? 'every check held' : `${f.problems} problems`}

| figure | value |
|---|---|
| driving time | ${f.drivenSeconds} s |
| cases opened | ${f.cases} |
| operations (open or action, each with its own key) | ${f.operations} |
| HTTP requests sent (with resends) | ${f.requests} (${answers}) |
| acknowledged | ${f.acknowledged} |
| not acknowledged (gave up or refused) | ${f.notAcknowledged} |
| **lost** (acknowledged, not recorded; goal 0) | **${f.lost}** |
| **duplicated** (recorded more than once; goal 0) | **${f.duplicated}** |
| recorded without a request | ${f.unrequested} |
| read models not equal to the fold of their events | ${f.readModelMismatches} |
| workflows whose state differs from their read model | ${f.workflowMismatches} |
| outbox deliveries / never received / received again (de-duplicated by id) | ${f.outbox.deliveries} / ${f.outbox.undelivered} / ${f.outbox.repeats} |
| processes alive after healing | ${Object.entries(report.alive)
    .map(([name, ok]) => `${name} ${ok ? 'yes' : 'NO'}`)
    .join(', ')} |

## Faults and time to recover

Time to recover: from the fault's start to the answer of the first acknowledged request sent after
the fault was over (the process started again, the link restored). The fault itself lasts the
"over after" column: a killed process's restart until it is ready, a cut until it is restored.

| fault | injected | over after (median) | recovered (median) | recovered (max) |
|---|---|---|---|---|
${faultRows.join('\n')}

${report.problems.length ? `## Problems found\n\n${report.problems.map((p) => `- ${p}`).join('\n')}\n\n` : ''}## Not covered

- Here the chaos run plays the supervisor for the worker and API processes (it starts a killed
  one again at once), and the Temporal server is the dev server on its SQLite state file. The
  production topology (\`npm run cluster\`: the full Temporal server, workers and API instances
  under cluster/processes.ts's supervisor, restarts with backoff) is not under this nemesis; its
  supervisor's restart is tested in test/unit/cluster-supervisor.test.ts and
  test/cluster/failover.cluster.ts.
- The API is one instance: while it restarts after a kill the clients get connection errors and
  resend with the same Idempotency-Keys; there is no second instance to fail over to.
- Network faults are cuts (connections reset, new ones refused) between the processes and Postgres,
  not delays, partial partitions or packet loss (there is no netem here); the link to Temporal is
  not cut, Temporal is killed instead.
- Faults come one at a time, never overlapping; disk faults (full disk, fsync errors) and clock
  jumps are not injected.
- A workflow behind its stream (a worker killed after an append committed, before its workflow
  task completed) catches up from the store on its next append's version conflict
  (workflows/shared/runner.ts; test/integration/workflow-catch-up.test.ts). Not caught up that
  way: a command the workflow's stale state refuses in its update validator, which cannot read
  the store (it is refused until a command the stale state accepts, such as the resend of the lost
  one, brings the workflow up to date), and handover batches, whose runner has no catch-up yet.
- Only the victim repatriation case path up to the travel document is driven (no transfers,
  batches or links), and one Temporal namespace.
`;
}

/** What follows this line in RELIABILITY.md is written by hand (what earlier runs found) and kept by every run. */
export const BY_HAND = '<!-- written by hand below: kept when a run rewrites the figures -->';

/** Writes the figures of this run, keeping the part written by hand. */
export function writeReliability(report: Report, command: string): void {
  const file = join(PROJECT_ROOT, 'RELIABILITY.md');
  const old = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const kept = old.includes(BY_HAND) ? old.slice(old.indexOf(BY_HAND)) : '';
  writeFileSync(file, renderReliability(report, command) + (kept ? `\n${kept}` : ''));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2] ?? join(DATA_DIR, 'chaos', 'full', 'last-run.json');
  writeReliability(JSON.parse(readFileSync(file, 'utf8')) as Report, process.argv[3] ?? 'npm run chaos');
  process.stdout.write('RELIABILITY.md written\n');
}
