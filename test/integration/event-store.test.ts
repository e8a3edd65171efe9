/** The append-only event store on the real Postgres: idempotent retries, conflicts, immutability. */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createDb, onOneConnection, preparedStatement, type Db } from '../../store/db.js';
import { appendToStream, readStream, WrongExpectedVersion, type NewEvent } from '../../store/event-store.js';

let db: Db;
beforeAll(() => {
  db = createDb(inject('databaseUrl'));
});
afterAll(async () => db?.destroy());

const actor = { userId: 'u-test', agencyId: 'test-agency' };
const newEvents = (...types: string[]): NewEvent[] => types.map((type) => ({ eventId: randomUUID(), type, data: { n: 1 } }));
const append = (streamId: string, expectedVersion: number, events: NewEvent[]) =>
  appendToStream(db, { streamId, streamType: 'test_stream', expectedVersion, events, actor });

describe('appendToStream', () => {
  it('a retried append that finds its own events stored succeeds without writing twice', async () => {
    const streamId = `test-${randomUUID()}`;
    const first = newEvents('A', 'B');
    expect(await append(streamId, 0, first)).toEqual({ nextVersion: 2, alreadyAppended: false });
    expect(await append(streamId, 0, first)).toEqual({ nextVersion: 2, alreadyAppended: true });
    const second = newEvents('C');
    await append(streamId, 2, second);
    expect(await append(streamId, 2, second)).toEqual({ nextVersion: 3, alreadyAppended: true });
    const stored = await readStream(db, streamId);
    expect(stored.map((e) => [e.type, e.streamPosition, e.actorId, e.agencyId])).toEqual([
      ['A', 1, 'u-test', 'test-agency'],
      ['B', 2, 'u-test', 'test-agency'],
      ['C', 3, 'u-test', 'test-agency'],
    ]);
  });

  it('other events at a taken version are a conflict, and nothing is written', async () => {
    const streamId = `test-${randomUUID()}`;
    await append(streamId, 0, newEvents('A'));
    await expect(append(streamId, 0, newEvents('X'))).rejects.toBeInstanceOf(WrongExpectedVersion);
    await expect(append(streamId, 5, newEvents('Y'))).rejects.toThrow(/version 1, not the expected 5/);
    expect((await readStream(db, streamId)).map((e) => e.type)).toEqual(['A']);
  });

  it('events with the ids of a stored append but another command or type are a conflict, not its retry', async () => {
    const streamId = `test-${randomUUID()}`;
    await append(streamId, 0, newEvents('Opened'));
    const lost = [{ eventId: randomUUID(), type: 'Screened', data: {}, metadata: { commandId: 'screening-1' } }];
    await append(streamId, 1, lost);
    // A workflow task lost after that append: the task replacing it drew the same id for another command.
    const sameIdOtherCommand = [{ ...lost[0]!, type: 'Flagged', metadata: { commandId: null } }];
    await expect(append(streamId, 1, sameIdOtherCommand)).rejects.toBeInstanceOf(WrongExpectedVersion);
    await expect(append(streamId, 1, [{ ...lost[0]!, type: 'Flagged' }])).rejects.toBeInstanceOf(WrongExpectedVersion);
    expect(await append(streamId, 1, lost)).toEqual({ nextVersion: 2, alreadyAppended: true });
    expect((await readStream(db, streamId)).map((e) => e.type)).toEqual(['Opened', 'Screened']);
  });

  it('a command already in the stream is not recorded again, even at the stream version', async () => {
    const streamId = `test-${randomUUID()}`;
    await append(streamId, 0, newEvents('Opened'));
    await append(streamId, 1, [{ eventId: randomUUID(), type: 'Screened', data: {}, metadata: { commandId: 'screening-1' } }]);
    const again = [{ eventId: randomUUID(), type: 'Screened', data: {}, metadata: { commandId: 'screening-1' } }];
    await expect(append(streamId, 2, again)).rejects.toBeInstanceOf(WrongExpectedVersion);
    // Events of no command (a workflow's own timers) and of other commands append as ever.
    await append(streamId, 2, [{ eventId: randomUUID(), type: 'Flagged', data: {}, metadata: { commandId: null } }]);
    await append(streamId, 3, [{ eventId: randomUUID(), type: 'Flagged', data: {}, metadata: { commandId: null } }]);
    await append(streamId, 4, [{ eventId: randomUUID(), type: 'Identified', data: {}, metadata: { commandId: 'identify-1' } }]);
    expect((await readStream(db, streamId)).map((e) => e.type)).toEqual(['Opened', 'Screened', 'Flagged', 'Flagged', 'Identified']);
  });

  it('concurrent writers at one version: exactly one wins', async () => {
    const streamId = `test-${randomUUID()}`;
    const results = await Promise.allSettled([1, 2, 3, 4].map(() => append(streamId, 0, newEvents('A'))));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await readStream(db, streamId)).toHaveLength(1);
  });

  it('stored events cannot be updated or deleted', async () => {
    const streamId = `test-${randomUUID()}`;
    await append(streamId, 0, newEvents('A'));
    await expect(sql`update events set type = 'Z' where stream_id = ${streamId}`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from events where stream_id = ${streamId}`.execute(db)).rejects.toThrow(/append-only/);
  });
});

describe('prepared appends', () => {
  it('an append is planned once per connection: it runs as the named statement, in and out of a transaction', async () => {
    const fresh = createDb(inject('databaseUrl'), { max: 1 }); // a connection no earlier test has used
    const prepared = await onOneConnection(fresh, async ({ db: connection, client }) => {
      const streamId = `test-${randomUUID()}`;
      const request = (expectedVersion: number) => ({
        streamId,
        streamType: 'test_stream',
        expectedVersion,
        events: newEvents('A'),
        actor,
      });
      await appendToStream(connection, request(0));
      await appendToStream(connection, request(1), async () => undefined); // with a projection: inside a transaction
      const { rows } = await client.query<{ name: string; runs: number }>(
        'select name, (generic_plans + custom_plans)::int as runs from pg_prepared_statements',
      );
      return rows;
    });
    await fresh.destroy();
    expect(prepared).toEqual([{ name: 'homeward_append_event_list', runs: 2 }]);
  });

  it('one name stands for one statement text', () => {
    preparedStatement('test_statement', 'select 1');
    expect(() => preparedStatement('test_statement', 'select 2')).toThrow(/already another statement/);
  });
});
