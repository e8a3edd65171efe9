/**
 * The console's service worker (built to /sw.js by build-plugin.ts, which puts the list of the
 * build's hashed files in PRECACHE and a hash of it in VERSION). It keeps the shell, so the
 * console opens without a network once visited:
 * - installing keeps the page, every script and style sheet, the manifest and the icons;
 * - a page (navigation) goes to the network first and falls back to the kept page;
 * - hashed assets (/assets/..., never changed under one name) come from the cache, and fonts
 *   fetched once are kept as they come;
 * - two API reads with nothing of a case or a person in them - the action schemas (/docs/json)
 *   and the agency registry (/v1/agencies) - go to the network first and are kept for offline.
 * Every other API request passes straight to the network: answers with personal data are
 * never cached here (what a person marks for offline use is kept by the page, in IndexedDB,
 * and cleared at sign-out).
 * Self-contained (no imports): it runs as a classic worker script.
 */

// The few service-worker types used here (the DOM library has no worker scope).
interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  readonly request: Request;
  respondWith(response: Response | Promise<Response>): void;
}
interface ExtendableMessageEvent extends ExtendableEvent {
  readonly data: unknown;
}
interface WorkerScope {
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
  addEventListener(type: 'message', listener: (event: ExtendableMessageEvent) => void): void;
  readonly location: Location;
  readonly clients: { claim(): Promise<void> };
}

declare const PRECACHE: string[];
declare const VERSION: string;
const worker = self as unknown as WorkerScope;

const SHELL_CACHE = `homeward-shell-${VERSION}`;
/** Must match REFERENCE_CACHE in keeping.ts (cleared at sign-out). */
const REFERENCE_CACHE = 'homeward-reference';
const REFERENCE_READS = new Set(['/docs/json', '/v1/agencies']);
/** Paths that are never the console's page (the API, its docs, the codec). */
const NOT_CONSOLE = /^\/(v1|docs|codec|metrics|healthz|readyz)(\/|$)/;
/** How long a page waits for the network before the kept one is shown (a poor link). */
const NAVIGATION_TIMEOUT_MS = 4000;

worker.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(SHELL_CACHE)
      .then((cache) => cache.addAll(PRECACHE.map((url) => new Request(url, { cache: url === '/' ? 'reload' : 'default' })))),
  );
});

worker.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((n) => n.startsWith('homeward-shell-') && n !== SHELL_CACHE).map((n) => caches.delete(n))))
      .then(() => worker.clients.claim()),
  );
});

// The page names what it loaded before this worker took over (fonts, the catalog of its language);
// the two reference reads it may have read before then are fetched and kept too.
worker.addEventListener('message', (event) => {
  const data = event.data as { type?: string; urls?: unknown } | null;
  if (data?.type !== 'keep-assets' || !Array.isArray(data.urls)) return;
  const urls = data.urls.filter((u): u is string => typeof u === 'string' && isAsset(new URL(u, worker.location.href)));
  const keepMissing = (cacheName: string, list: string[]) =>
    caches
      .open(cacheName)
      .then((cache) =>
        Promise.all(list.map(async (url) => ((await cache.match(url)) ? undefined : cache.add(url).catch(() => undefined)))),
      );
  event.waitUntil(Promise.all([keepMissing(SHELL_CACHE, urls), keepMissing(REFERENCE_CACHE, [...REFERENCE_READS])]));
});

worker.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== worker.location.origin) return;
  if (request.mode === 'navigate' && !NOT_CONSOLE.test(url.pathname)) event.respondWith(page(request));
  else if (isAsset(url) || PRECACHE.includes(url.pathname)) event.respondWith(asset(request));
  else if (REFERENCE_READS.has(url.pathname) && !url.search) event.respondWith(reference(request));
  // Anything else (the API's answers above all) is not touched: straight to the network.
});

function isAsset(url: URL): boolean {
  return url.origin === worker.location.origin && url.pathname.startsWith('/assets/');
}

async function page(request: Request): Promise<Response> {
  try {
    return await withTimeout(fetch(request), NAVIGATION_TIMEOUT_MS);
  } catch {
    const kept = await caches.match('/', { cacheName: SHELL_CACHE });
    return kept ?? Response.error();
  }
}

async function asset(request: Request): Promise<Response> {
  const cache = await caches.open(SHELL_CACHE);
  const kept = await cache.match(request);
  if (kept) return kept;
  const response = await fetch(request);
  if (response.ok && response.type === 'basic') await cache.put(request, response.clone());
  return response;
}

async function reference(request: Request): Promise<Response> {
  const cache = await caches.open(REFERENCE_CACHE);
  try {
    const response = await withTimeout(fetch(request), NAVIGATION_TIMEOUT_MS);
    if (response.ok) await cache.put(request, response.clone());
    else if (response.status === 401 || response.status === 403) await cache.delete(request);
    return response;
  } catch {
    return (await cache.match(request)) ?? Response.error();
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timeout')), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

export {}; // a module for the type checker; build-plugin.ts strips it (the worker is a classic script)
