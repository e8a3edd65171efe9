/**
 * A key ring: every key that may still be needed to decrypt, and the one active key new data is
 * encrypted with. Rotation adds a key and makes it active; old keys stay until nothing is sealed
 * under them any more. Configuration format: `id:base64key,id:base64key` (32-byte keys), with the
 * active id given separately or, when omitted, the first entry.
 */
import { KEY_BYTES, newKey } from './aead.js';

export interface KeyRing {
  readonly activeId: string;
  readonly keys: ReadonlyMap<string, Buffer>;
}

const KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** A key id that is not in the ring: data sealed under a retired (or foreign) key. */
export class UnknownKeyId extends Error {
  override readonly name = 'UnknownKeyId';
}

export function parseKeyRing(name: string, spec: string, activeId?: string): KeyRing {
  const keys = new Map<string, Buffer>();
  for (const entry of spec
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)) {
    const separator = entry.indexOf(':');
    const id = entry.slice(0, separator);
    // Errors name the key id only: key material never goes into a message that may be logged.
    if (separator < 1 || !KEY_ID.test(id))
      throw new Error(`${name}: each entry must be id:base64key with an id of letters, digits, '.', '_' or '-'`);
    const key = Buffer.from(entry.slice(separator + 1), 'base64');
    if (key.length !== KEY_BYTES) throw new Error(`${name}: key ${id} must be ${KEY_BYTES} bytes (base64), not ${key.length}`);
    if (keys.has(id)) throw new Error(`${name}: key id ${id} appears twice`);
    keys.set(id, key);
  }
  const active = activeId || keys.keys().next().value;
  if (!active) throw new Error(`${name}: no keys given`);
  if (!keys.has(active)) throw new Error(`${name}: the active key ${active} is not in the ring`);
  return { activeId: active, keys };
}

export function formatKeyRing(ring: KeyRing): string {
  const ordered = [ring.activeId, ...[...ring.keys.keys()].filter((id) => id !== ring.activeId)];
  return ordered.map((id) => `${id}:${ring.keys.get(id)!.toString('base64')}`).join(',');
}

/** A ring of one fresh key: development set-up and tests. */
export function generateKeyRing(id: string): KeyRing {
  return { activeId: id, keys: new Map([[id, newKey()]]) };
}

/** The ring after a rotation: `newer` becomes active, every key of `older` still decrypts. */
export function rotateKeyRing(older: KeyRing, newer: KeyRing): KeyRing {
  return { activeId: newer.activeId, keys: new Map([...older.keys, ...newer.keys]) };
}

export function activeKey(ring: KeyRing): { id: string; key: Buffer } {
  return { id: ring.activeId, key: ring.keys.get(ring.activeId)! };
}

export function keyById(ring: KeyRing, id: string): Buffer {
  const key = ring.keys.get(id);
  if (!key) throw new UnknownKeyId(`key ${id} is not in the key ring`);
  return key;
}
