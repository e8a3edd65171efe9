/** `oidc-provider` ships no types; the tests use its constructor, `listen` and `findAccount` only. */
declare module 'oidc-provider' {
  interface Account {
    accountId: string;
    claims(): Promise<Record<string, unknown>>;
  }
  export default class Provider {
    constructor(
      issuer: string,
      configuration: Record<string, unknown> & { findAccount?: (ctx: unknown, sub: string) => Promise<Account | undefined> },
    );
    listen(port: number, host: string): unknown;
  }
}
