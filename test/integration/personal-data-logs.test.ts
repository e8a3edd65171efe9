/**
 * Everything logged while a seeded person's case runs from intake to closure and is erased - the
 * API's request logs at the most verbose level, the Temporal SDK's and core's logs, the worker's -
 * holds none of the person's data. Redaction is the net under the rule that code never logs it.
 */
import { Writable } from 'node:stream';
import { DefaultLogger, Runtime, type LogEntry } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../platform/logger.js';
import { ADULT_PATH, openCase, perform } from '../support/cases.js';
import { startHarness, type Caller, type Harness } from '../support/harness.js';
import { intakeFor, leakedSecrets, secretsOf, seededPerson } from '../support/personal-data.js';

const admin: Caller = { userId: 'u-admin-1', agencyId: 'th-dsdhs-bangkok', role: 'admin' };
const person = seededPerson();
const secrets = secretsOf(person);
const appLines: string[] = [];
const sdkLines: string[] = [];

const capture = (lines: string[]) =>
  new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
const text = (entry: LogEntry) =>
  `${entry.level} ${entry.message} ${JSON.stringify(entry.meta ?? {}, (_k, v) => (typeof v === 'bigint' ? String(v) : v))}`;

let h: Harness;
let caseId: string;
let personId: string;

beforeAll(async () => {
  // This file runs in its own process: install the SDK runtime first, at its most verbose, so the
  // harness's own (quieter) install is the one skipped.
  Runtime.install({
    logger: new DefaultLogger('TRACE', (entry) => sdkLines.push(text(entry))),
    telemetryOptions: { logging: { filter: { core: 'DEBUG', other: 'WARN' }, forward: {} } },
  });
  h = await startHarness({ logger: createLogger('trace', 'homeward', capture(appLines)) });
  caseId = await openCase(h.api, intakeFor(person));
  await perform(h.api, caseId, ADULT_PATH);
  personId = (await h.api.get(`/v1/cases/${caseId}`)).body.person.personId;
  // A refused intake carrying the same person is logged too.
  await h.api.post('/v1/cases', { ...intakeFor(person), hostCountry: 'XX' });
  await h.api.post(`/v1/persons/${personId}/erasure`, undefined, { as: admin });
});
afterAll(async () => h?.stop());

describe('logs of a full case', () => {
  it('were captured: requests, the erasure and the SDK are all there', async () => {
    // A request's log line is written once its response has gone out, so the last one may trail the test's await.
    await vi.waitFor(
      () => {
        const all = appLines.join('');
        expect(appLines.length).toBeGreaterThan(ADULT_PATH.length * 2);
        expect(all).toContain(`/v1/cases/${caseId}/actions`);
        expect(all).toContain('person erased');
        expect(all).toContain('"statusCode":400');
      },
      { timeout: 10_000 },
    );
    expect(sdkLines.length).toBeGreaterThan(0);
    expect(sdkLines.join('\n')).toMatch(/Activity|Workflow|activation/i);
  });

  it("hold none of the person's name, date of birth, notes, places or contacts", () => {
    expect(leakedSecrets(appLines.join(''), secrets)).toEqual([]);
    expect(leakedSecrets(sdkLines.join('\n'), secrets)).toEqual([]);
  });

  it('name people by id only', () => {
    expect(appLines.join('')).toContain(personId);
  });

  it('redact personal fields even when code passes them to the logger by mistake', () => {
    const lines: string[] = [];
    const logger = createLogger('info', 'homeward', capture(lines));
    logger.info({ person: { details: person } }, 'nested person');
    logger.info({ details: person }, 'details');
    logger.info({ ...person }, 'flat');
    logger.info({ body: { person: { details: person } } }, 'request body');
    expect(lines).toHaveLength(4);
    expect(leakedSecrets(lines.join(''), secrets)).toEqual([]);
    expect(lines.join('')).toContain('[redacted]');
  });
});
