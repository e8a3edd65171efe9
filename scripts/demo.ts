/**
 * `npm run demo`: a demonstration population for a running Homeward (`npm start` in another
 * terminal): accounts of each role in agencies of all six countries, and victim cases spread over
 * every stage, plus a suspect transfer, stalled cases (overdue a minute after the demo, see
 * scripts/demo-stalled.ts) and a locked handover batch, so a person trying Homeward sees a living
 * system. The demo's work is done in the demo accounts' names (histories show them), with
 * development tokens; it prints the accounts' shared password. Development only.
 *   npm run demo -- [--cases 120] [--stalled 12] [--batch 8] [--api http://127.0.0.1:3000]
 */
import { parseArgs } from 'node:util';
import { createAccountRecord } from '../api/accounts/users.js';
import { mintToken, type Role } from '../api/auth.js';
import { loadConfig } from '../platform/config.js';
import { accountsDb } from '../store/accounts-schema.js';
import { usernameTaken } from '../store/accounts.js';
import { createDb } from '../store/db.js';
import { ADULT_PATH, intake } from '../test/support/cases.js';
import { police, transferRequest } from '../test/support/transfers.js';
import { seedHandoverBatch, seedStalledCases, STALLED_DEADLINE_SECONDS } from './demo-stalled.js';

const DEMO_PASSWORD = 'homeward demo passphrase 2026';
const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '120' },
    stalled: { type: 'string', default: '12' },
    batch: { type: 'string', default: '8' },
    api: { type: 'string' },
  },
});
const config = loadConfig();
const api = (values.api ?? `http://127.0.0.1:${config.httpPort}`).replace(/\/$/, '');
const caseCount = Math.max(1, Math.min(2000, Number(values.cases)));
const stalledCount = Math.max(0, Math.min(200, Number(values.stalled)));
const batchSize = Math.max(0, Math.min(100, Number(values.batch)));

/** Per country: the agency of each role (social welfare for most, an NGO for NGO workers, the central authority for approvers). */
const COUNTRIES: Record<string, Partial<Record<Role, string>>> = {
  th: {
    caseworker: 'th-dsdhs-bangkok',
    ngo_worker: 'th-ngo-shelter',
    coordinator: 'th-dsdhs-bangkok',
    approver: 'th-oag-central-authority',
    auditor: 'th-dsdhs-bangkok',
    admin: 'th-dsdhs-bangkok',
  },
  mm: {
    caseworker: 'mm-dsw',
    ngo_worker: 'mm-ngo-reintegration',
    coordinator: 'mm-dsw',
    approver: 'mm-dsw',
    auditor: 'mm-dsw',
    admin: 'mm-dsw',
  },
  kh: {
    caseworker: 'kh-mosvy',
    ngo_worker: 'kh-ngo-reintegration',
    coordinator: 'kh-mosvy',
    approver: 'kh-mosvy',
    auditor: 'kh-mosvy',
    admin: 'kh-mosvy',
  },
  la: { caseworker: 'la-mlsw', ngo_worker: 'la-lwu', coordinator: 'la-mlsw', approver: 'la-mlsw', auditor: 'la-mlsw', admin: 'la-mlsw' },
  vn: {
    caseworker: 'vn-molisa',
    ngo_worker: 'vn-ngo-reintegration',
    coordinator: 'vn-molisa',
    approver: 'vn-molisa',
    auditor: 'vn-molisa',
    admin: 'vn-molisa',
  },
  cn: {
    caseworker: 'cn-civil-affairs-yunnan',
    coordinator: 'cn-civil-affairs-yunnan',
    approver: 'cn-mps-central-authority',
    auditor: 'cn-civil-affairs-yunnan',
    admin: 'cn-civil-affairs-yunnan',
  },
};

async function seedAccounts(): Promise<string[]> {
  const db = createDb(config.databaseUrl);
  const made: string[] = [];
  try {
    for (const [country, roles] of Object.entries(COUNTRIES)) {
      for (const [role, agencyId] of Object.entries(roles)) {
        const username = `${country}.${role.replace('_', '-')}`;
        if (await usernameTaken(accountsDb(db), username)) continue;
        await createAccountRecord(
          db,
          config.accounts,
          {
            username,
            displayName: `Demo ${role.replace('_', ' ')} (${country.toUpperCase()})`,
            agencyId: agencyId!,
            role,
            password: DEMO_PASSWORD,
          },
          { userId: 'demo-script', agencyId: agencyId!, role: 'operator' },
        );
        made.push(username);
      }
    }
  } finally {
    await db.destroy();
  }
  return made;
}

/** A development token in a demo account's name, so what the demo records is shown as that person's. */
async function tokenOf(username: string): Promise<string> {
  const db = createDb(config.databaseUrl, { max: 1 });
  try {
    const user = await accountsDb(db)
      .selectFrom('users')
      .select(['user_id', 'agency_id', 'role'])
      .where('username', '=', username)
      .executeTakeFirstOrThrow();
    return mintToken(config.jwtSecret, { userId: user.user_id, agencyId: user.agency_id, role: user.role as Role });
  } finally {
    await db.destroy();
  }
}

const token = (agencyId: string, role: Role = 'caseworker') => mintToken(config.jwtSecret, { userId: `demo-${agencyId}`, agencyId, role });

async function post(path: string, body: unknown, bearer: string): Promise<{ status: number; body: any }> {
  const response = await fetch(`${api}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json().catch(() => undefined) };
}

/** One case, walked `steps` actions along the adult path; an origin-side step is done by the origin agency. */
async function seedCase(steps: number, host: string, origin: string): Promise<void> {
  const opened = await post('/v1/cases', intake(), host);
  if (opened.status !== 201) throw new Error(`opening a case was refused: ${opened.status} ${JSON.stringify(opened.body)}`);
  for (const action of ADULT_PATH.slice(0, steps)) {
    let answer = await post(`/v1/cases/${opened.body.caseId}/actions`, action, host);
    if (answer.status === 403 || answer.status === 404) answer = await post(`/v1/cases/${opened.body.caseId}/actions`, action, origin);
    if (answer.status !== 200) return; // this case stops here: still a case at some stage
  }
}

async function main(): Promise<void> {
  const ready = await fetch(`${api}/readyz`).catch(() => undefined);
  if (!ready?.ok) throw new Error(`Homeward is not answering at ${api}: start it with \`npm start\` first (or pass --api)`);
  const made = await seedAccounts();
  const [host, origin, thCoordinator] = await Promise.all([tokenOf('th.caseworker'), tokenOf('mm.caseworker'), tokenOf('th.coordinator')]);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < caseCount; i = next++) await seedCase(i % (ADULT_PATH.length + 1), host, origin);
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  const transfer = await post('/v1/transfers', transferRequest(), await token(police.agencyId));
  const batch = batchSize > 0 ? await seedHandoverBatch(post, batchSize, { host, origin, sendingCoordinator: thCoordinator }) : undefined;
  const stalled = stalledCount > 0 ? await seedStalledCases(config, stalledCount, host, origin) : [];
  process.stdout.write(
    [
      `demo accounts: ${made.length} new (${Object.keys(COUNTRIES).length} countries, usernames like th.caseworker, mm.coordinator, vn.admin)`,
      `demo password: ${DEMO_PASSWORD}   (admins, coordinators, approvers and auditors enrol a second factor at first sign-in)`,
      `cases: ${caseCount} TH->MM cases spread over every stage; suspect transfer: ${transfer.status === 201 ? transfer.body.caseId : `refused (${transfer.status})`}`,
      `stalled: ${stalled.length} TH->MM cases with one-minute deadlines: overdue from ${new Date(Date.now() + STALLED_DEADLINE_SECONDS * 1000).toISOString()} (the case list's "Overdue" filter, GET /v1/monitoring/stalled)`,
      `handover batch: ${!batch ? 'none' : 'batchId' in batch ? `${batch.batchId} (${batch.members} people, Mae Sot-Myawaddy, locked: notice issued)` : `refused (${batch.refused})`}`,
      '',
    ].join('\n'),
  );
}

await main();
