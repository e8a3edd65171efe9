/**
 * A real OpenID provider (`oidc-provider`) on a loopback port for the single sign-on tests, with
 * its development login and consent pages, and a tiny browser to click through them.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Signs in as `accountId` at the provider, starting from the authorization URL; answers the redirect back to the app. */
  signIn(authorizationUrl: string, accountId: string): Promise<URL>;
  stop(): Promise<void>;
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });

/** The claims each test account has at the provider. */
export type AccountClaims = Record<string, { name: string; homeward_role: string | string[] }>;

export async function startTestProvider(options: { redirectUri: string; accounts: AccountClaims }): Promise<TestProvider> {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const clientId = 'homeward-test';
  const clientSecret = 'oidc-client-secret-for-the-test-suite-3f9a';
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [options.redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    claims: { openid: ['sub'], profile: ['name', 'homeward_role'] },
    cookies: { keys: ['oidc-provider-cookie-key-for-tests'] },
    findAccount: async (_ctx, sub) => {
      const claims = options.accounts[sub];
      return claims ? { accountId: sub, claims: async () => ({ sub, ...claims }) } : undefined;
    },
    features: { devInteractions: { enabled: true } },
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
  });
  const server: Server = provider.listen(port, '127.0.0.1') as unknown as Server;
  await new Promise<void>((resolve) => (server.listening ? resolve() : server.once('listening', () => resolve())));

  return {
    issuer,
    clientId,
    clientSecret,
    async signIn(authorizationUrl, accountId) {
      const cookies = new Map<string, string>();
      const keep = (response: Response) => {
        for (const header of response.headers.getSetCookie()) {
          const [pair] = header.split(';');
          const [name, ...value] = pair!.split('=');
          cookies.set(name!.trim(), value.join('='));
        }
      };
      const go = async (url: string, body?: Record<string, string>): Promise<Response> => {
        const response = await fetch(url, {
          method: body ? 'POST' : 'GET',
          redirect: 'manual',
          headers: {
            cookie: [...cookies].map(([n, v]) => `${n}=${v}`).join('; '),
            ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
          },
          ...(body ? { body: new URLSearchParams(body).toString() } : {}),
        });
        keep(response);
        return response;
      };
      let response = await go(authorizationUrl);
      for (let hops = 0; hops < 12; hops++) {
        const location = response.headers.get('location');
        if (!location) throw new Error(`the provider stopped at ${response.status}: ${await response.text()}`);
        const next = new URL(location, issuer);
        if (next.origin !== issuer) return next; // back to the app
        if (next.pathname.startsWith('/interaction/')) {
          const page = await (await go(next.href)).text();
          const prompt = /name="prompt" value="(\w+)"/.exec(page)?.[1] ?? (page.includes('name="login"') ? 'login' : 'consent');
          response = await go(next.href, prompt === 'login' ? { prompt, login: accountId, password: 'any' } : { prompt });
        } else {
          response = await go(next.href);
        }
      }
      throw new Error('the provider redirected too often');
    },
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
