/**
 * Registers the service worker (built to /sw.js; none in `vite dev`), then tells it which
 * assets this page already loaded before it took over - the fonts and catalog of the reader's
 * language - so that they too are there offline.
 */
let registered = false;

export function registerServiceWorker(): void {
  if (registered || import.meta.env.DEV || !('serviceWorker' in navigator)) return;
  registered = true;
  navigator.serviceWorker
    .register('/sw.js', { scope: '/' })
    .then(() => navigator.serviceWorker.ready)
    .then((registration) => {
      const loaded = performance
        .getEntriesByType('resource')
        .map((entry) => entry.name)
        .filter((name) => new URL(name).origin === location.origin && new URL(name).pathname.startsWith('/assets/'));
      registration.active?.postMessage({ type: 'keep-assets', urls: loaded });
    })
    .catch((error: unknown) => console.warn('service worker not registered', error));
}
