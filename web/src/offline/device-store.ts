/**
 * What the console keeps on the device, in one IndexedDB database (`homeward-offline`):
 * - `outbox`: actions waiting to be sent, each under its Idempotency-Key (types and codes only):
 *   a case's actions, and a handover batch's confirmations and exclusions;
 * - `marks`: the cases a person marked for offline use;
 * - `copies`: the last answers of a marked case's reads (these hold the person's details);
 * - `meta`: whose device this is (user and agency ids) and their profile without names.
 * Everything here is cleared by `clearDevice` (sign-out, another user signing in).
 */
export interface KeptProblem {
  status: number;
  code?: string;
  type?: string;
  params?: Record<string, unknown>;
  stage?: string;
  errors?: { field: string; code?: string; params?: Record<string, unknown> }[];
}

/** What a kept action is about: a case, or a handover batch. */
export interface OutboxSubject {
  kind: 'case' | 'batch';
  id: string;
}

export interface OutboxEntry {
  /** The Idempotency-Key: the same on every resend, so the server records the action once. */
  key: string;
  subject: OutboxSubject;
  path: string;
  body: Record<string, unknown>;
  createdAt: string;
  state: 'waiting' | 'refused';
  attempts: number;
  /** It waited for the link (offline when performed, or an answer lost): a later refusal is kept. */
  waitedForLink?: boolean;
  problem?: KeptProblem;
}

export interface CaseCopy {
  path: string;
  caseId: string;
  body: unknown;
  savedAt: string;
}

export interface CaseMark {
  caseId: string;
  markedAt: string;
}

type Stores = { outbox: OutboxEntry; marks: CaseMark; copies: CaseCopy; meta: { key: string; value: unknown } };
type StoreName = keyof Stores;
const STORES: Record<StoreName, string> = { outbox: 'key', marks: 'caseId', copies: 'path', meta: 'key' };
const DATABASE = 'homeward-offline';

let opened: Promise<IDBDatabase> | null = null;

function database(): Promise<IDBDatabase> {
  opened ??= new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(DATABASE, 1);
    request.onupgradeneeded = () => {
      for (const [name, keyPath] of Object.entries(STORES)) request.result.createObjectStore(name, { keyPath });
    };
    request.onsuccess = () => {
      // Another tab deleting or upgrading the database: let go, and open afresh next time.
      request.result.onversionchange = () => {
        request.result.close();
        opened = null;
      };
      resolve(request.result);
    };
    request.onerror = () => reject(request.error ?? new Error('IndexedDB unavailable'));
  });
  opened.catch(() => (opened = null));
  return opened;
}

function settle<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

async function inStore<N extends StoreName, T>(
  name: N,
  mode: IDBTransactionMode,
  work: (store: IDBObjectStore) => IDBRequest<T>,
): Promise<T> {
  const db = await database();
  const transaction = db.transaction(name, mode);
  const result = await settle(work(transaction.objectStore(name)));
  if (mode === 'readwrite')
    await new Promise<void>((resolve, reject) => {
      transaction.oncomplete = () => resolve();
      transaction.onerror = transaction.onabort = () => reject(transaction.error ?? new Error('IndexedDB transaction failed'));
    });
  return result;
}

export const put = <N extends StoreName>(name: N, value: Stores[N]) =>
  inStore(name, 'readwrite', (s) => s.put(value)).then(() => undefined);
export const get = <N extends StoreName>(name: N, key: string) =>
  inStore(name, 'readonly', (s) => s.get(key) as IDBRequest<Stores[N] | undefined>);
export const all = <N extends StoreName>(name: N) => inStore(name, 'readonly', (s) => s.getAll() as IDBRequest<Stores[N][]>);
export const remove = <N extends StoreName>(name: N, key: string) => inStore(name, 'readwrite', (s) => s.delete(key)).then(() => undefined);

export async function removeCopiesOf(caseId: string): Promise<void> {
  for (const copy of await all('copies')) if (copy.caseId === caseId) await remove('copies', copy.path);
}

/** Empties every store in one transaction: nothing of the last person stays for the next one. */
export async function clearDevice(): Promise<void> {
  const db = await database();
  const names = Object.keys(STORES) as StoreName[];
  const transaction = db.transaction(names, 'readwrite');
  for (const name of names) transaction.objectStore(name).clear();
  await new Promise<void>((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    transaction.onerror = transaction.onabort = () => reject(transaction.error ?? new Error('IndexedDB clear failed'));
  });
}
