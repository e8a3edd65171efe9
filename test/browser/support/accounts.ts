/**
 * TEST-ONLY accounts for the browser tests, until the accounts branch (issue 17) merges.
 * At the merge: create these with `createAccount(db, { username, password, agencyId, role, language })`
 * from test/support/accounts.ts in server.ts, and delete test-sign-in.ts (see its header).
 */
export interface TestAccount {
  username: string;
  userId: string;
  displayName: string;
  agencyId: string;
  role: 'caseworker' | 'ngo_worker' | 'coordinator' | 'approver' | 'auditor' | 'admin';
  language: string;
  /** Base32 TOTP secret when the account has a second factor. */
  totpSecret?: string;
}

export const TEST_PASSWORD = 'correct horse battery staple';

export const ACCOUNTS = {
  thai: {
    username: 'somchai',
    userId: 'u-th-somchai',
    displayName: 'Somchai Kittisak',
    agencyId: 'th-dsdhs-bangkok',
    role: 'caseworker',
    language: 'th',
  },
  burmese: { username: 'aye', userId: 'u-mm-aye', displayName: 'Aye Aye Myint', agencyId: 'mm-dsw', role: 'caseworker', language: 'my' },
  ngo: {
    username: 'grace',
    userId: 'u-mm-grace',
    displayName: 'Grace Htoo',
    agencyId: 'mm-ngo-reintegration',
    role: 'ngo_worker',
    language: 'en',
  },
  khmer: { username: 'sokha', userId: 'u-kh-sokha', displayName: 'Sokha Chan', agencyId: 'kh-mosvy', role: 'caseworker', language: 'km' },
  coordinator: {
    username: 'nok',
    userId: 'u-th-nok',
    displayName: 'Nok Wongsa',
    agencyId: 'th-dsdhs-bangkok',
    role: 'coordinator',
    language: 'en',
    totpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
  },
} satisfies Record<string, TestAccount>;

export type AccountName = keyof typeof ACCOUNTS;
