/** Which failures mean "a dependency is away for now" (503 with Retry-After) and which do not. */
import { describe, expect, it } from 'vitest';
import { isPostgresUnavailable, isTemporalUnavailable, unavailableDependency } from '../../platform/unavailable.js';

const grpc = (code: number, details: string) => Object.assign(new Error(`${code} ${details}`), { code, details, metadata: {} });
const wrapped = (cause: Error) => Object.assign(new Error('Workflow Update failed'), { cause });

describe('dependency unavailability', () => {
  it('recognises Temporal away by gRPC status, however deep the cause', () => {
    expect(isTemporalUnavailable(wrapped(grpc(14, 'No connection established')))).toBe(true);
    expect(isTemporalUnavailable(grpc(4, 'Deadline exceeded'))).toBe(true);
    expect(
      isTemporalUnavailable(wrapped(grpc(9, 'Unable to perform workflow execution update due to Workflow Task in failed state.'))),
    ).toBe(true);
    // Update-with-start: the SDK keeps the outer details and puts the operation's status in the message.
    const updateWithStart = Object.assign(grpc(9, 'Update-with-Start could not be executed.'), {
      message: 'Unable to perform workflow execution update due to Workflow Task in failed state.',
    });
    expect(isTemporalUnavailable(Object.assign(new Error('Update-With-Start failed'), { cause: updateWithStart }))).toBe(true);
    // Update-with-Start: the SDK puts the operation's status message in the message, its details' bytes in details.
    const withStart = Object.assign(new Error('Unable to perform workflow execution update due to Workflow Task in failed state.'), {
      code: 9,
      details: '\u0012\u0004bytes',
      metadata: {},
    });
    expect(isTemporalUnavailable(withStart)).toBe(true);
    expect(isTemporalUnavailable(grpc(9, 'some other precondition'))).toBe(false);
    expect(isTemporalUnavailable(grpc(3, 'invalid argument'))).toBe(false);
    // A code 14 without gRPC metadata is not a gRPC status.
    expect(isTemporalUnavailable(Object.assign(new Error('x'), { code: 14 }))).toBe(false);
  });

  it('recognises Postgres away: sockets, shutdown SQLSTATEs, pg connection messages; not a refused statement', () => {
    expect(isPostgresUnavailable(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isPostgresUnavailable(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }))).toBe(
      true,
    );
    expect(isPostgresUnavailable(Object.assign(new Error('the database system is starting up'), { code: '57P03' }))).toBe(true);
    expect(isPostgresUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isPostgresUnavailable(new Error('timeout exceeded when trying to connect'))).toBe(true);
    expect(isPostgresUnavailable(new AggregateError([Object.assign(new Error('x'), { code: 'ECONNRESET' })]))).toBe(true);
    expect(isPostgresUnavailable(Object.assign(new Error('duplicate key value'), { code: '23505' }))).toBe(false);
    expect(unavailableDependency(new Error('plain bug'))).toBeUndefined();
  });
});
