/**
 * Actions that wait on the device for the link. An action is written to the outbox before it is
 * sent, with its Idempotency-Key; if the answer is lost (no network, the link dropped mid-request,
 * 502/503/504, 429) it stays and is resent with the same key - on the `online` event, when the
 * console opens, and with a growing back-off - so the server records it exactly once. A refusal
 * that comes back on a resend is kept (shown on the case, translated from its code) until the
 * person dismisses it. Across tabs a Web Lock lets one send at a time.
 * A screen that must not wait for the link (the handover day: the next person is at the barrier)
 * learns from `whenKept` that its action is kept and goes on.
 */
import type { ProblemDocument } from '../api.js';
import { all, get, put, remove, type KeptProblem, type OutboxEntry, type OutboxSubject } from './device-store.js';
import { deviceState, updateDeviceState } from './device-state.js';
import { deviceReady, mayKeep, noteSessionEnded, sortEntries } from './keeping.js';

type Answer =
  { kind: 'done'; body: unknown } | { kind: 'refused'; problem: ProblemDocument } | { kind: 'unanswered' } | { kind: 'signed-out' };

/** Statuses after which the request may not have been performed: resend with the same key. */
const UNANSWERED = new Set([0, 408, 429, 502, 503, 504]);
const FIRST_DELAY_MS = 1000;
const LONGEST_DELAY_MS = 60_000;

/** The forms still on screen wait for their action's fate (a resend after a reload has none). */
const waiters = new Map<string, { resolve: (body: unknown) => void; reject: (problem: ProblemDocument) => void }[]>();
let failures = 0;
/** This tab is sending; a flush asked for meanwhile makes the run look again when it is done. */
let running = false;
let askedAgain = false;
let retryTimer: ReturnType<typeof setTimeout> | undefined;
let sentListeners = new Set<(entry: OutboxEntry) => void>();

/** Screens learn here that a kept action was recorded (to read the case again). */
export function onSent(listener: (entry: OutboxEntry) => void): () => void {
  sentListeners.add(listener);
  return () => {
    sentListeners = new Set([...sentListeners].filter((l) => l !== listener));
  };
}

let signedOutHandler: () => void = () => undefined;
/** The fetch layer hands its "session ended" notice here (a resend can meet a 401 too). */
export const setSignedOutHandler = (handler: () => void) => (signedOutHandler = handler);

async function send(entry: Pick<OutboxEntry, 'path' | 'body' | 'key'>): Promise<Answer> {
  let response: Response;
  try {
    response = await fetch(entry.path, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { accept: 'application/json', 'content-type': 'application/json', 'idempotency-key': entry.key },
      body: JSON.stringify(entry.body),
    });
  } catch {
    return { kind: 'unanswered' };
  }
  const text = await response.text().catch(() => null);
  if (text === null) return { kind: 'unanswered' }; // the body was cut off: the answer is lost
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (response.ok) return { kind: 'done', body: parsed };
  if (response.status === 401) return { kind: 'signed-out' };
  if (UNANSWERED.has(response.status)) return { kind: 'unanswered' };
  const problem = parsed && typeof parsed === 'object' ? (parsed as ProblemDocument) : { status: response.status };
  return { kind: 'refused', problem: { ...problem, status: response.status } };
}

/** Only the machine-readable parts of a refusal are kept (never its English text). */
const keptProblem = ({ status, code, type, params, stage, errors }: ProblemDocument): KeptProblem => ({
  status,
  ...(code ? { code } : {}),
  ...(type ? { type } : {}),
  ...(params ? { params } : {}),
  ...(stage ? { stage } : {}),
  ...(errors
    ? { errors: errors.map(({ field, code: c, params: p }) => ({ field, ...(c ? { code: c } : {}), ...(p ? { params: p } : {}) })) }
    : {}),
});

async function refresh(): Promise<void> {
  updateDeviceState({ entries: sortEntries(await all('outbox').catch(() => deviceState().entries)) });
}

function settle(key: string, outcome: { body: unknown } | { problem: ProblemDocument }): void {
  keptWaiters.delete(key);
  for (const waiter of waiters.get(key) ?? []) {
    if ('body' in outcome) waiter.resolve(outcome.body);
    else waiter.reject(outcome.problem);
  }
  waiters.delete(key);
}

const waitFor = (key: string) =>
  new Promise<unknown>((resolve, reject) => {
    waiters.set(key, [...(waiters.get(key) ?? []), { resolve, reject }]);
  });

/** The screens waiting to hear that their action went unanswered and is kept (by key). */
const keptWaiters = new Map<string, () => void>();

/**
 * Resolves once the action under this key is kept on the device to be sent later (offline, or
 * its answer lost); never, if it is answered first. For a screen that goes on meanwhile.
 */
export function whenKept(key: string, answered: Promise<unknown>): Promise<void> {
  const kept = new Promise<void>((resolve) => keptWaiters.set(key, resolve));
  void answered.catch(() => undefined).finally(() => keptWaiters.delete(key));
  return kept;
}

function noteKept(key: string): void {
  keptWaiters.get(key)?.();
  keptWaiters.delete(key);
}

/**
 * Sends an action of a case or a batch, keeping it on the device until it is answered. Resolves
 * with the answer when recorded (now or after the link returns) and rejects with the refusal; a
 * refusal of the first attempt is the form's to show, so it is not kept.
 */
export async function sendKept(subject: OutboxSubject, path: string, body: Record<string, unknown>, key: string): Promise<unknown> {
  await deviceReady;
  if (!mayKeep(subject, body)) return sendOnce({ path, body, key });
  const same = deviceState().entries.find(
    (e) => e.state === 'waiting' && e.path === path && JSON.stringify(e.body) === JSON.stringify(body),
  );
  if (same) {
    // The same action submitted again: it is already waiting (and, once kept, the screen may go on).
    if (same.waitedForLink) noteKept(key);
    return waitFor(same.key);
  }
  const entry: OutboxEntry = {
    key,
    subject,
    path,
    body,
    createdAt: new Date().toISOString(),
    state: 'waiting',
    attempts: 0,
    waitedForLink: !navigator.onLine,
  };
  try {
    await put('outbox', entry);
  } catch {
    return sendOnce({ path, body, key }); // the device keeps nothing: online only
  }
  await refresh();
  const waiting = waitFor(key);
  if (!navigator.onLine) {
    noteKept(key);
    scheduleRetry(1);
  } else void flush();
  return waiting;
}

/** Without the device: one attempt, answered as before (a lost answer is a network problem). */
async function sendOnce(entry: Pick<OutboxEntry, 'path' | 'body' | 'key'>): Promise<unknown> {
  const answer = await send(entry);
  if (answer.kind === 'done') return answer.body;
  if (answer.kind === 'refused') throw answer.problem;
  if (answer.kind === 'signed-out') signedOutHandler();
  throw { status: answer.kind === 'signed-out' ? 401 : 0, code: answer.kind === 'signed-out' ? undefined : 'network' } as ProblemDocument;
}

/** Sends every waiting action, oldest first; stops at the first that goes unanswered. */
export async function flush(): Promise<void> {
  askedAgain = true;
  if (running) return;
  running = true;
  try {
    await deviceReady;
    const run = async () => {
      updateDeviceState({ sending: true });
      try {
        let outcome: 'all-sent' | 'stopped' = 'all-sent';
        while (outcome === 'all-sent' && askedAgain && !deviceState().needsSignIn) {
          askedAgain = false;
          outcome = await sendWaiting();
        }
      } finally {
        updateDeviceState({ sending: false });
        await refresh();
      }
    };
    // One tab at a time sends (each resend would be recorded once anyway: this spares the link).
    if ('locks' in navigator)
      await navigator.locks.request('homeward-outbox', { ifAvailable: true }, (lock) => (lock ? run() : scheduleRetry(1)));
    else await run();
  } finally {
    running = false;
  }
}

async function sendWaiting(): Promise<'all-sent' | 'stopped'> {
  const waiting = sortEntries(await all('outbox')).filter((e) => e.state === 'waiting');
  for (const listed of waiting) {
    const entry = await get('outbox', listed.key); // another tab may have sent it meanwhile
    if (!entry || entry.state !== 'waiting') continue;
    const answer = await send(entry);
    if (answer.kind === 'unanswered') {
      await put('outbox', { ...entry, attempts: entry.attempts + 1, waitedForLink: true });
      for (const kept of waiting) noteKept(kept.key);
      updateDeviceState({ offline: true });
      scheduleRetry(++failures);
      return 'stopped';
    }
    failures = 0;
    updateDeviceState({ offline: false });
    if (answer.kind === 'signed-out') {
      await noteSessionEnded();
      updateDeviceState({ needsSignIn: true });
      signedOutHandler();
      return 'stopped';
    }
    if (answer.kind === 'done') {
      await remove('outbox', entry.key);
      // A form still waiting reads its case again itself; otherwise the screens are told.
      const formWaits = waiters.has(entry.key);
      settle(entry.key, { body: answer.body });
      if (!formWaits) sentListeners.forEach((listener) => listener(entry));
    } else if (!entry.waitedForLink && waiters.has(entry.key)) {
      // Refused on its first attempt, with its form still on screen: the form says why.
      await remove('outbox', entry.key);
      settle(entry.key, { problem: answer.problem });
    } else {
      await put('outbox', { ...entry, state: 'refused', attempts: entry.attempts + 1, problem: keptProblem(answer.problem) });
      settle(entry.key, { problem: answer.problem });
      sentListeners.forEach((listener) => listener(entry));
    }
    await refresh();
  }
  return 'all-sent';
}

function scheduleRetry(attempt: number): void {
  clearTimeout(retryTimer);
  const delay = Math.min(LONGEST_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.max(0, attempt - 1));
  // A little randomness, so that the tablets of one office do not all come back at the same second.
  retryTimer = setTimeout(() => void flush(), delay * (0.8 + Math.random() * 0.4));
}

/** Discards a kept action (the person decided not to send it) or dismisses a refusal. */
export async function discard(key: string): Promise<void> {
  await remove('outbox', key);
  settle(key, { problem: { status: 0, code: 'discarded' } });
  await refresh();
}

/** The link returned (or the console opened, or the same person signed in again): send now. */
export function sendNow(): void {
  failures = 0;
  updateDeviceState({ offline: !navigator.onLine });
  void flush();
}

if (typeof window !== 'undefined') {
  window.addEventListener('online', sendNow);
  window.addEventListener('offline', () => updateDeviceState({ offline: true }));
  document.addEventListener('visibilitychange', () => document.visibilityState === 'visible' && navigator.onLine && void flush());
}
