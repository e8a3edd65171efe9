/**
 * The opaque cursor of a list read by keyset: the instant and case id of the last row of a page
 * (opened at for the case and transfer lists, due at for the stalled cases). A cursor that this API
 * did not return is a 400 naming the field: its case id must be a UUID and its instant one that
 * Postgres can hold.
 */
import { isUuid } from './lookups.js';
import { problems } from './problem.js';

export interface KeysetPosition {
  /** ISO 8601. */
  at: string;
  caseId: string;
}

export const encodeKeysetCursor = (at: Date | string, caseId: string): string =>
  Buffer.from(JSON.stringify([typeof at === 'string' ? at : at.toISOString(), caseId])).toString('base64url');

export function decodeKeysetCursor(cursor: string): KeysetPosition {
  const refuse = () => problems.validation([{ field: 'querystring.cursor', reason: 'is not a cursor this API returned', code: 'invalid' }]);
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString());
  } catch {
    throw refuse();
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) throw refuse();
  const [at, caseId] = parsed as unknown[];
  if (typeof at !== 'string' || typeof caseId !== 'string' || !isUuid(caseId)) throw refuse();
  const time = new Date(at);
  if (Number.isNaN(time.getTime()) || time.getUTCFullYear() < 1 || time.getUTCFullYear() > 9999) throw refuse();
  return { at: time.toISOString(), caseId };
}
