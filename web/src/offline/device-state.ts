/**
 * What the screens show of the device's offline state, as one snapshot they subscribe to
 * (React's useSyncExternalStore): the outbox, the marked cases, which cases are shown from the
 * copy kept on the device, and whether the link is down.
 */
import { useSyncExternalStore } from 'react';
import type { OutboxEntry } from './device-store.js';

export interface DeviceState {
  entries: OutboxEntry[];
  marked: ReadonlySet<string>;
  /** Cases whose last read came from the device's copy (the network failed), with when it was kept. */
  fromCopy: ReadonlyMap<string, string>;
  offline: boolean;
  sending: boolean;
  /** The session ended while actions wait: they go once the same person signs in again. */
  needsSignIn: boolean;
}

let state: DeviceState = {
  entries: [],
  marked: new Set(),
  fromCopy: new Map(),
  offline: typeof navigator !== 'undefined' && !navigator.onLine,
  sending: false,
  needsSignIn: false,
};
const listeners = new Set<() => void>();

export const deviceState = () => state;

export function updateDeviceState(change: Partial<DeviceState>): void {
  state = { ...state, ...change };
  listeners.forEach((listener) => listener());
}

export function subscribeToDevice(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

export const useDeviceState = () => useSyncExternalStore(subscribeToDevice, deviceState);

/** The fetch layer's view of the link: a request that failed on the network, or one answered. */
export function noteLink(up: boolean): void {
  if (state.offline === up) updateDeviceState({ offline: !up });
}
