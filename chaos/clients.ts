/**
 * The chaos run's clients: each drives cases through the real HTTP API, every request with an
 * Idempotency-Key, resending with the same key while the answer is a 5xx or the connection fails.
 * Every attempt and its answer goes into the history the checker reads.
 */
import { appendFileSync } from 'node:fs';

/**
 * The actions a walking case takes, the event each one records (the checker's expectations), and
 * the side that performs it: the host country's agency, or the origin focal point the request went to.
 */
export const WALK = [
  { action: { type: 'record_screening', outcome: 'presumed_victim' }, event: 'ScreeningRecorded', side: 'host' },
  { action: { type: 'record_identification' }, event: 'VictimIdentified', side: 'host' },
  { action: { type: 'record_consent', consent: 'given' }, event: 'ConsentRecorded', side: 'host' },
  { action: { type: 'send_verification_request', toAgencyId: 'mm-dsw' }, event: 'VerificationRequested', side: 'host' },
  { action: { type: 'record_nationality_verification', result: 'verified' }, event: 'NationalityVerified', side: 'origin' },
  { action: { type: 'record_family_assessment', result: 'safe' }, event: 'FamilyAssessed', side: 'origin' },
  { action: { type: 'record_travel_document', documentKind: 'certificate_of_identity' }, event: 'TravelDocumentIssued', side: 'origin' },
] as const;

export const INTAKE = {
  hostCountry: 'TH',
  originCountry: 'MM',
  person: { sex: 'female', ageGroup: 'adult', details: { fullName: 'Chaos Fixture', notes: 'generated' } },
};

export interface Attempt {
  client: number;
  caseRef: number;
  /** 'open' or the index into WALK. */
  op: 'open' | number;
  key: string;
  attempt: number;
  startedAt: number;
  endedAt: number;
  status: number | 'network-error';
  caseId?: string;
}

export interface Operation {
  caseRef: number;
  op: 'open' | number;
  key: string;
  /** Acknowledged: a 2xx answer arrived. */
  acked: boolean;
  /** The last answer when not acknowledged (gave up). */
  finalStatus: number | 'network-error' | 'gave-up';
  caseId?: string;
  attempts: number;
}

export interface ClientRunOptions {
  baseUrl: string;
  /** A caseworker of the host country's agency, and one of the origin focal point (mm-dsw). */
  tokens: { host: string; origin: string };
  runId: string;
  cases: number;
  clients: number;
  /** Every n-th case is only opened and left waiting, so its step falls overdue (outbox notifications). */
  openOnlyEvery: number;
  historyFile: string;
  /** Give up an operation after this long of failed attempts (it is then not acknowledged). */
  giveUpAfterMs: number;
  /** No new case is taken after this time (the run is bounded); cases under way finish. */
  noNewCasesAfter: number;
  /** Beyond `cases`, keep taking new ones while this holds (the short run: until its faults are all injected). */
  moreCasesWhile?: () => boolean;
}

export async function runClients(options: ClientRunOptions): Promise<Operation[]> {
  const operations: Operation[] = [];
  let nextCase = 0;
  const record = (attempt: Attempt) => appendFileSync(options.historyFile, `${JSON.stringify(attempt)}\n`);

  const send = async (client: number, caseRef: number, op: 'open' | number, url: string, body: unknown): Promise<Operation> => {
    const key = `${options.runId}-${caseRef}-${op}`;
    const giveUpAt = Date.now() + options.giveUpAfterMs;
    let last: Attempt['status'];
    for (let attempt = 1; ; attempt++) {
      const startedAt = Date.now();
      let status: Attempt['status'];
      let answer: any;
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${op === 'open' ? options.tokens.host : options.tokens[WALK[op]!.side]}`,
            'content-type': 'application/json',
            'idempotency-key': key,
          },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(30_000),
        });
        status = response.status;
        answer = await response.json().catch(() => undefined);
      } catch {
        status = 'network-error';
      }
      const caseId = op === 'open' && typeof status === 'number' && status < 300 ? (answer?.caseId as string) : undefined;
      record({ client, caseRef, op, key, attempt, startedAt, endedAt: Date.now(), status, ...(caseId ? { caseId } : {}) });
      last = status;
      if (typeof status === 'number' && status < 300)
        return { caseRef, op, key, acked: true, finalStatus: status, caseId, attempts: attempt };
      const retryable = status === 'network-error' || status >= 500;
      if (!retryable) return { caseRef, op, key, acked: false, finalStatus: status, attempts: attempt };
      if (Date.now() > giveUpAt) return { caseRef, op, key, acked: false, finalStatus: last, attempts: attempt };
      await new Promise((r) => setTimeout(r, Math.min(2000, 200 * attempt)));
    }
  };

  const client = async (index: number) => {
    for (;;) {
      if (Date.now() > options.noNewCasesAfter) return;
      const caseRef = nextCase++;
      if (caseRef >= options.cases && !options.moreCasesWhile?.()) return;
      const opened = await send(index, caseRef, 'open', `${options.baseUrl}/v1/cases`, INTAKE);
      operations.push(opened);
      if (!opened.acked || caseRef % options.openOnlyEvery === 0) continue;
      for (let step = 0; step < WALK.length; step++) {
        const done = await send(index, caseRef, step, `${options.baseUrl}/v1/cases/${opened.caseId}/actions`, WALK[step]!.action);
        done.caseId = opened.caseId;
        operations.push(done);
        if (!done.acked) break; // the next action would be refused: this case stops here
      }
    }
  };
  await Promise.all(Array.from({ length: options.clients }, (_, i) => client(i)));
  return operations;
}
