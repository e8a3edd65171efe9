/**
 * What opening a victim case and opening a suspect transfer share: the stream is opened from its
 * own side of the border (the host country, the holding country) and crosses it, and with an
 * Idempotency-Key the stream and the person get ids derived from the key, so a resend names the
 * same ones and cannot open a second stream, nor keep another person under the key.
 */
import type { FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { Actor } from '../domain/shared/actor.js';
import type { PersonDetails } from '../store/persons.js';
import { callerOf, type Caller } from './access.js';
import type { AppDeps } from './deps.js';
import { assertSamePersonUnderKey, idempotencyKeyOf } from './idempotency.js';
import { deterministicUuid } from './ids.js';
import { problems } from './problem.js';

export interface OpeningSides {
  /** The side that opens, e.g. `hostCountry` of a victim case, `holdingCountry` of a transfer. */
  opener: { field: string; country: string; performedBy: string };
  /** The other side, which must be another country. */
  other: { field: string; country: string };
  /** What is opened and what it crosses, for the messages: 'case', 'cross-border return'. */
  noun: string;
  crossing: string;
}

/** 400 when both sides are one country or the caller's agency is not on the opening side; answers the caller. */
export async function assertOpenedFromItsSide(deps: AppDeps, actor: Actor, sides: OpeningSides): Promise<Caller> {
  const { opener, other } = sides;
  if (opener.country === other.country) {
    throw problems.validation([
      { field: `body.${other.field}`, reason: `must differ from ${opener.field} for a ${sides.crossing}`, code: 'same-country' },
    ]);
  }
  const caller = await callerOf(deps.db, actor);
  if (caller.agency.country !== opener.country) {
    throw problems.validation([
      {
        field: `body.${opener.field}`,
        reason: `the ${opener.performedBy} country opens the ${sides.noun}; your agency is in ${caller.agency.country}`,
        code: 'wrong-side',
        params: { performedBy: opener.performedBy, country: opener.country, agencyCountry: caller.agency.country },
      },
    ]);
  }
  return caller;
}

/** The names under which ids are derived from a key: `{ stream: 'case', person: 'person' }`. */
export interface OpeningIdNames {
  stream: string;
  person: string;
}

/** The stream's and the person's ids: derived from the key when there is one, fresh otherwise. */
export function openingIds(actor: Actor, key: string | undefined, names: OpeningIdNames): { caseId: string; personId: string } {
  const derived = (name: string) => (key ? deterministicUuid(actor.agencyId, actor.userId, name, key) : randomUUID());
  return { caseId: derived(names.stream), personId: derived(names.person) };
}

/** One key keeps one person: a request with other details under a key already used is a 422 (idempotency.ts). */
export async function assertSamePersonUnderRequestKey(
  deps: AppDeps,
  request: FastifyRequest,
  names: OpeningIdNames,
  details: PersonDetails,
): Promise<void> {
  const key = idempotencyKeyOf(request);
  if (key) await assertSamePersonUnderKey(deps.vault, openingIds(request.actor, key, names).personId, details);
}
