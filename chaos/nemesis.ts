/**
 * The nemesis: while the clients work it injects one fault after another and records when each
 * began and healed. Worker kills are the most frequent; Postgres crash-restarts, clean restarts,
 * network cuts, API kills and Temporal kills take turns between them.
 */
import type { TcpProxy } from './tcp-proxy.js';
import type { ChaosPostgres } from './postgres.js';

export type FaultKind = 'worker-kill' | 'postgres-crash-restart' | 'postgres-clean-restart' | 'temporal-kill' | 'network-cut' | 'api-kill';
export const FAULT_KINDS: FaultKind[] = [
  'worker-kill',
  'postgres-crash-restart',
  'postgres-clean-restart',
  'temporal-kill',
  'network-cut',
  'api-kill',
];

export interface Fault {
  kind: FaultKind;
  startedAt: number;
  /** When the fault was over from the outside: the process started again, the link restored. */
  healedAt: number;
}

export interface NemesisTargets {
  postgres: ChaosPostgres;
  proxy: TcpProxy;
  /** SIGKILLs one worker process and starts a new one in its place (the supervisor's job). */
  killWorker(): Promise<void>;
  /** SIGKILLs the Temporal dev server; its supervisor starts it again. Resolves once it answers. */
  killTemporal(): Promise<void>;
  /** SIGKILLs the API process and starts a new one (the supervisor's job); clients resend meanwhile. */
  killApi(): Promise<void>;
}

export interface NemesisOptions {
  workerKillEveryMs: number;
  /** Between two of the other faults. */
  otherFaultEveryMs: number;
  networkCutMs: number;
  /** Instead of the rotation: these faults once each, in order, `otherFaultEveryMs` apart (the short run). */
  script?: FaultKind[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function startNemesis(targets: NemesisTargets, options: NemesisOptions) {
  const faults: Fault[] = [];
  let stopped = false;
  const others: FaultKind[] = ['postgres-crash-restart', 'network-cut', 'api-kill', 'temporal-kill', 'postgres-clean-restart'];
  let busy: Promise<void> = Promise.resolve();

  /** One fault at a time: a kill of a worker while Postgres restarts would blur what recovered from what. */
  const inject = (kind: FaultKind, act: () => Promise<void>) => {
    busy = busy.then(async () => {
      if (stopped) return;
      const startedAt = Date.now();
      await act();
      faults.push({ kind, startedAt, healedAt: Date.now() });
    });
    return busy;
  };

  const workerKills = (async () => {
    while (!stopped && !options.script) {
      await sleep(options.workerKillEveryMs);
      await inject('worker-kill', targets.killWorker);
    }
  })();
  const otherFaults = (async () => {
    for (let turn = 0; !stopped && turn < (options.script?.length ?? Infinity); turn++) {
      await sleep(options.otherFaultEveryMs);
      const kind = options.script ? options.script[turn]! : others[turn % others.length]!;
      await inject(kind, async () => {
        if (kind === 'worker-kill') {
          await targets.killWorker();
        } else if (kind === 'postgres-crash-restart') {
          targets.postgres.crashStop();
          await sleep(1000);
          targets.postgres.start();
        } else if (kind === 'api-kill') {
          await targets.killApi();
        } else if (kind === 'postgres-clean-restart') {
          targets.postgres.restart();
        } else if (kind === 'network-cut') {
          targets.proxy.cut();
          await sleep(options.networkCutMs);
          targets.proxy.restore();
        } else {
          await targets.killTemporal();
        }
      });
    }
  })();

  return {
    faults,
    /** Every fault of the script injected (always false without a script). */
    scriptDone: () => options.script !== undefined && faults.length >= options.script.length,
    async stop() {
      stopped = true;
      await Promise.all([workerKills, otherFaults, busy]);
    },
  };
}
