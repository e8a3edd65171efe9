/**
 * The one place for what the console may keep on the device, and when it forgets it:
 * - an action waiting to be sent (a case's action, a handover batch's confirmations or exclusions)
 *   is kept with its type and fields that are codes, dates, yes/no or references, or lists of them
 *   (never free text), unless it is a case's and the case is marked for offline use;
 * - the reads of a case (the case, its history, its tasks) are kept only for a case the person
 *   marked for offline use, and are then shown when the network fails;
 * - whose device it is: user and agency ids, role and language (no names), so the console opens
 *   without a network; another user signing in, or signing out, clears everything first.
 */
import type { Me } from '../types.js';
import { all, clearDevice, get, put, remove, removeCopiesOf, type OutboxSubject } from './device-store.js';
import { deviceState, updateDeviceState } from './device-state.js';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
/** The reads of a case that are kept for a marked case (path -> case id). */
const CASE_READS = [
  new RegExp(`^/v1/cases/(${UUID})$`),
  new RegExp(`^/v1/cases/(${UUID})/events$`),
  new RegExp(`^/v1/inbox\\?caseId=(${UUID})$`),
];
/**
 * Writes that wait on the device when the link is down (each carries a key): a case's actions, and
 * on the handover day at a crossing, where the link is worst, a batch's confirmations and exclusions.
 */
const QUEUED_WRITES: [OutboxSubject['kind'], RegExp][] = [
  ['case', new RegExp(`^/v1/cases/(${UUID})/actions$`)],
  ['batch', new RegExp(`^/v1/batches/(${UUID})/(?:confirmations|exclusions)$`)],
];
/** Caches of the service worker that hold API answers (reference data: no case, no person). */
export const REFERENCE_CACHE = 'homeward-reference';

export const caseOfRead = (path: string) => CASE_READS.map((re) => re.exec(path)?.[1]).find(Boolean);
export function subjectOfQueuedWrite(path: string): OutboxSubject | undefined {
  for (const [kind, pattern] of QUEUED_WRITES) {
    const id = pattern.exec(path)?.[1];
    if (id) return { kind, id };
  }
  return undefined;
}

/** A value that cannot carry a name or a story: a code, a date, a reference, yes/no or a number, or lists and records of them. */
const isNonPersonal = (value: unknown): boolean =>
  typeof value === 'boolean' ||
  typeof value === 'number' ||
  (typeof value === 'string' && /^[A-Za-z0-9._:-]{1,100}$/.test(value)) ||
  (Array.isArray(value) && value.every(isNonPersonal)) ||
  (typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every(isNonPersonal));

/** May this action's body be kept on the device (see the rules above)? */
export function mayKeep(subject: OutboxSubject, body: Record<string, unknown>): boolean {
  return (subject.kind === 'case' && deviceState().marked.has(subject.id)) || isNonPersonal(body);
}

const OWNER = 'owner';
const PROFILE = 'profile';
interface Owner {
  userId: string;
  agencyId: string;
}

export const sortEntries = <T extends { createdAt: string }>(entries: T[]) =>
  [...entries].sort((a, b) => a.createdAt.localeCompare(b.createdAt));

/** Loaded once, before the fetch layer first looks at the device. */
export const deviceReady: Promise<void> = (async () => {
  try {
    const [marks, entries] = await Promise.all([all('marks'), all('outbox')]);
    updateDeviceState({ marked: new Set(marks.map((m) => m.caseId)), entries: sortEntries(entries) });
  } catch {
    // No IndexedDB (a private window that forbids it): the console works online only.
  }
})();

/** Someone signed in (or /v1/me answered): another person than the device's last one clears it first. */
export async function noteSignedIn(me: Me): Promise<void> {
  await deviceReady;
  const owner = (await get('meta', OWNER).catch(() => undefined))?.value as Owner | undefined;
  if (owner && (owner.userId !== me.userId || owner.agencyId !== me.agencyId)) await forgetDevice();
  const profile: Me = { ...me, username: '', displayName: '' };
  await put('meta', { key: OWNER, value: { userId: me.userId, agencyId: me.agencyId } satisfies Owner }).catch(() => undefined);
  await put('meta', { key: PROFILE, value: profile }).catch(() => undefined);
  updateDeviceState({ needsSignIn: false });
}

/** The signed-in person as last seen, without names: the console opens with it when offline. */
export async function keptProfile(): Promise<Me | undefined> {
  await deviceReady;
  return (await get('meta', PROFILE).catch(() => undefined))?.value as Me | undefined;
}

/** A read answered: a marked case's copy is refreshed, and the case is no longer shown from it. */
export async function keepAnswer(path: string, body: unknown): Promise<void> {
  const caseId = caseOfRead(path);
  if (!caseId) return;
  if (deviceState().fromCopy.has(caseId)) {
    const fromCopy = new Map(deviceState().fromCopy);
    fromCopy.delete(caseId);
    updateDeviceState({ fromCopy });
  }
  if (deviceState().marked.has(caseId))
    await put('copies', { path, caseId, body, savedAt: new Date().toISOString() }).catch(() => undefined);
}

/** The copy of a read kept for a marked case, when the network failed. */
export async function keptAnswer(path: string): Promise<{ body: unknown } | undefined> {
  const caseId = caseOfRead(path);
  if (!caseId || !deviceState().marked.has(caseId)) return undefined;
  const copy = await get('copies', path).catch(() => undefined);
  if (!copy) return undefined;
  updateDeviceState({ fromCopy: new Map(deviceState().fromCopy).set(caseId, copy.savedAt) });
  return { body: copy.body };
}

/** Marks a case for offline use and keeps what the screen has already read of it. */
export async function markForOffline(caseId: string, reads: { path: string; body: unknown }[]): Promise<void> {
  await put('marks', { caseId, markedAt: new Date().toISOString() });
  updateDeviceState({ marked: new Set(deviceState().marked).add(caseId) });
  for (const read of reads) if (read.body !== undefined) await keepAnswer(read.path, read.body);
}

export async function unmarkForOffline(caseId: string): Promise<void> {
  await remove('marks', caseId);
  await removeCopiesOf(caseId);
  const marked = new Set(deviceState().marked);
  marked.delete(caseId);
  updateDeviceState({ marked });
}

/**
 * The session ended without a sign-out (it expired): the copies of marked cases, which hold
 * personal details, go at once; the waiting actions (codes only) stay for the same person's
 * next sign-in, which sends them. Someone else signing in clears them (`noteSignedIn`).
 */
export async function noteSessionEnded(): Promise<void> {
  for (const copy of await all('copies').catch(() => [])) await remove('copies', copy.path).catch(() => undefined);
  updateDeviceState({ needsSignIn: deviceState().entries.some((e) => e.state === 'waiting') });
}

/** Sign-out: the database emptied, the service worker's API cache deleted. The shell stays (no data). */
export async function forgetDevice(): Promise<void> {
  await clearDevice().catch(() => undefined);
  if (typeof caches !== 'undefined') await caches.delete(REFERENCE_CACHE).catch(() => undefined);
  updateDeviceState({ entries: [], marked: new Set(), fromCopy: new Map(), needsSignIn: false, sending: false });
}
