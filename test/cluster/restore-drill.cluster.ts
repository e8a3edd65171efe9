/**
 * The restore drill (README "Operations"): a pg_dump of the Homeward database, restored into an
 * empty database, serves the same cases, and the cases go on from there - their workflows on the
 * Temporal server (which kept its own state) append to the restored database at the next version.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { caseStreamId } from '../../store/projections/cases.js';
import { IDENTIFICATION, intake, VERIFICATION } from '../support/cases.js';
import { resending } from '../support/handover-cases.js';
import { deploy, type Deployment } from './support.js';

const run = promisify(execFile);
const deployments: Deployment[] = [];
afterAll(async () => {
  for (const d of deployments) await d.stop();
});

/** The same server and role, another database: `<test db>_restore` (scripts/test-cluster.sh creates it empty). */
const restored = (url: string) => {
  const u = new URL(url);
  u.pathname = `${u.pathname}_restore`;
  return u.toString();
};

describe('restore drill', () => {
  it('a dump of the Homeward database restored into an empty one serves the same cases, which go on', async () => {
    const before = await deploy({ workers: 1, apis: 1, name: 'drill-before' });
    deployments.push(before);
    const api = before.api(0);
    const cases: string[] = [];
    for (const [i, actions] of [IDENTIFICATION, [...IDENTIFICATION, ...VERIFICATION], []].entries()) {
      const key = randomUUID();
      const caseId = (await resending(() => api.post('/v1/cases', intake(), { idempotencyKey: key }))).body.caseId as string;
      for (const [n, action] of actions.entries()) {
        const as = await api.performerOf(caseId, action);
        await resending(() => api.post(`/v1/cases/${caseId}/actions`, action, { idempotencyKey: `${key}-${i}-${n}`, as }));
      }
      cases.push(caseId);
    }
    const read = async (d: Deployment) =>
      Promise.all(
        cases.map(async (caseId) => ({
          case: (await d.api(0).get(`/v1/cases/${caseId}`)).body,
          events: (await d.api(0).get(`/v1/cases/${caseId}/events`)).body,
        })),
      );
    const listed = async (d: Deployment) =>
      ((await d.api(0).get('/v1/cases?limit=100')).body.items as { caseId: string }[]).filter((c) => cases.includes(c.caseId));
    const served = await read(before);
    const list = await listed(before);
    expect(list).toHaveLength(3);
    await before.stop();
    deployments.pop();

    // Backup: a dump of the whole database. Restore: into the empty database, as the same role.
    const source = inject('clusterDatabaseUrl');
    const dump = join(inject('clusterDir'), 'drill.dump');
    await run('pg_dump', ['--format=custom', `--file=${dump}`, `--dbname=${source}`]);
    await run('pg_restore', ['--clean', '--if-exists', '--no-owner', '--exit-on-error', `--dbname=${restored(source)}`, dump]);

    const after = await deploy({
      workers: 1,
      apis: 1,
      name: 'drill-after',
      taskQueue: before.taskQueue,
      databaseUrls: { owner: restored(source), app: restored(inject('clusterAppDatabaseUrl')) },
    });
    deployments.push(after);
    expect(await read(after)).toEqual(served);
    expect(await listed(after)).toEqual(list);

    // The next action lands in the restored database at the next version; the original stays as dumped.
    const next = await resending(() =>
      after.api(0).post(`/v1/cases/${cases[0]}/actions`, VERIFICATION[0], { idempotencyKey: randomUUID() }),
    );
    expect(next.body).toMatchObject({ caseId: cases[0], version: served[0]!.case.version + 1 });
    const version = async (d: Deployment) =>
      (await d.db.selectFrom('streams').select('version').where('stream_id', '=', caseStreamId(cases[0]!)).executeTakeFirstOrThrow())
        .version;
    expect(Number(await version(after))).toBe(served[0]!.case.version + 1);
    expect(Number(await version(before))).toBe(served[0]!.case.version);
  });
});
