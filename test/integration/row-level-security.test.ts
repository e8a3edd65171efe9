/** Row-level security holds when the database is queried directly as the app role. */
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createDb } from '../../store/db.js';
import { caseStreamId } from '../../store/projections/cases.js';
import type { Database } from '../../store/schema.js';
import { IDENTIFICATION, openCase, perform } from '../support/cases.js';
import { startHarness, type Harness } from '../support/harness.js';

let h: Harness;
let app: Kysely<Database>;
let caseId: string;
beforeAll(async () => {
  h = await startHarness();
  app = createDb(inject('appDatabaseUrl'));
  caseId = await openCase(h.api); // TH-MM, owned by th-dsdhs-bangkok
  await perform(h.api, caseId, IDENTIFICATION);
});
afterAll(async () => {
  await app?.destroy();
  await h?.stop();
});

interface Scope {
  agencyId: string;
  country: string;
  kind: string;
  role: string;
}

/** What the app role sees of this case, in a transaction scoped as `scope` (or not scoped at all). */
async function seen(scope: Scope | null): Promise<{ cases: number; events: number; tasks: number }> {
  return app.transaction().execute(async (trx) => {
    if (scope) {
      await sql`select set_config('homeward.agency_id', ${scope.agencyId}, true), set_config('homeward.country', ${scope.country}, true),
                       set_config('homeward.agency_kind', ${scope.kind}, true), set_config('homeward.role', ${scope.role}, true)`.execute(
        trx,
      );
    }
    const count = async (query: ReturnType<typeof sql<{ n: string }>>) => Number((await query.execute(trx)).rows[0]!.n);
    return {
      cases: await count(sql<{ n: string }>`select count(*) as n from cases where case_id = ${caseId}`),
      events: await count(sql<{ n: string }>`select count(*) as n from events where stream_id = ${caseStreamId(caseId)}`),
      tasks: await count(sql<{ n: string }>`select count(*) as n from tasks where case_id = ${caseId}`),
    };
  });
}

describe('row-level security as the app role', () => {
  it('an unscoped connection sees no case, event or task', async () => {
    expect(await seen(null)).toEqual({ cases: 0, events: 0, tasks: 0 });
  });

  it('an agency that is not a party sees nothing, whatever its role', async () => {
    for (const role of ['caseworker', 'ngo_worker', 'approver', 'admin', 'coordinator', 'auditor']) {
      expect(await seen({ agencyId: 'la-mlsw', country: 'LA', kind: 'social_welfare', role })).toEqual({ cases: 0, events: 0, tasks: 0 });
    }
  });

  it('the owning agency, and coordinators of either country, see the case and its history', async () => {
    const owner = await seen({ agencyId: 'th-dsdhs-bangkok', country: 'TH', kind: 'social_welfare', role: 'caseworker' });
    expect(owner.cases).toBe(1);
    expect(owner.events).toBeGreaterThan(3);
    expect(owner.tasks).toBeGreaterThan(0);
    expect((await seen({ agencyId: 'mm-atipd', country: 'MM', kind: 'police', role: 'coordinator' })).cases).toBe(1);
    // The same MM agency as a caseworker is no party yet: the request has not been sent to it.
    expect((await seen({ agencyId: 'mm-atipd', country: 'MM', kind: 'police', role: 'caseworker' })).cases).toBe(0);
  });

  it('a task for every agency of a kind makes each such agency a party', async () => {
    await h.api.act(caseId, { type: 'send_verification_request', toAgencyId: 'mm-dsw' });
    expect((await seen({ agencyId: 'mm-dsw', country: 'MM', kind: 'social_welfare', role: 'caseworker' })).cases).toBe(1);
  });

  it('the app role cannot change history or read the person vault', async () => {
    await expect(sql`update events set type = 'X' where stream_id = ${caseStreamId(caseId)}`.execute(app)).rejects.toThrow(
      /permission denied/,
    );
    await expect(sql`delete from cases where case_id = ${caseId}`.execute(app)).rejects.toThrow(/permission denied/);
    await expect(sql`select * from persons limit 1`.execute(app)).rejects.toThrow(/permission denied/);
  });
});
