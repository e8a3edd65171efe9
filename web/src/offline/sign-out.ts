/**
 * A sign-out that could not reach the server (offline) still clears the device at once, and
 * is remembered (a flag, no data) and sent before the next request, so the server's session
 * ends too and a reload cannot bring the last person back.
 */
const PENDING = 'homeward.signOutPending';

export function rememberSignOut(): void {
  localStorage.setItem(PENDING, '1');
}

let finishing: Promise<void> | null = null;

/** Before any request: ends a session whose sign-out was made offline. */
export function finishPendingSignOut(): Promise<void> {
  if (localStorage.getItem(PENDING) !== '1') return Promise.resolve();
  finishing ??= fetch('/v1/auth/sign-out', { method: 'POST', credentials: 'same-origin', headers: { accept: 'application/json' } })
    .then(() => localStorage.removeItem(PENDING))
    .catch(() => undefined)
    .finally(() => (finishing = null));
  return finishing;
}
