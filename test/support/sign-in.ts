/** Signing in over `inject` as a browser would: the session cookie kept, the Origin of the app sent on writes. */
import type { FastifyInstance } from 'fastify';
import { SESSION_COOKIE } from '../../api/accounts/sessions.js';

export const APP_ORIGIN = 'http://localhost:3000';

export interface Browser {
  cookie?: string;
  request(
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<BrowserResponse>;
}

export interface BrowserResponse {
  status: number;
  body: any;
  headers: Record<string, unknown>;
}

/** A cookie jar of one: what the server set is sent back, as a browser does on same-site requests. */
export function browser(app: FastifyInstance, options: { remoteAddress?: string } = {}): Browser {
  const jar: Browser = {
    async request(method, url, body, headers = {}) {
      const response = await app.inject({
        method,
        url,
        headers: { ...(method === 'GET' ? {} : { origin: APP_ORIGIN }), ...headers },
        cookies: jar.cookie ? { [SESSION_COOKIE]: jar.cookie } : {},
        ...(options.remoteAddress ? { remoteAddress: options.remoteAddress } : {}),
        ...(body === undefined ? {} : { payload: body as object }),
      });
      const set = response.cookies.find((c) => c.name === SESSION_COOKIE);
      if (set) jar.cookie = set.value || undefined;
      return { status: response.statusCode, body: response.body ? response.json() : undefined, headers: response.headers };
    },
  };
  return jar;
}

export async function signIn(b: Browser, username: string, password: string): Promise<BrowserResponse> {
  return b.request('POST', '/v1/auth/sign-in', { username, password });
}
