/**
 * `Idempotency-Key` handling: a caseworker on a poor link resends; the repeat returns the first
 * answer and writes nothing. Keys are scoped to the user, so two users cannot collide.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isDeepStrictEqual } from 'node:util';
import { PersonErased, type PersonDetails, type PersonVault } from '../store/persons.js';
import type { Actor } from '../domain/shared/actor.js';
import type { Db } from '../store/db.js';
import {
  claimKey,
  hashRequest,
  PENDING_STATUS,
  releaseClaim,
  storeResponse,
  type Claim,
  type StoredResponse,
} from '../store/idempotency.js';
import { problems } from './problem.js';

export interface Outcome {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export const idempotencyKeyOf = (request: FastifyRequest): string | undefined => {
  const value = request.headers['idempotency-key'];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
};

/** A request's key, scope and hash, and its claim, already under way. */
export interface KeyedRequest {
  key: string | undefined;
  scope: string;
  requestHash: string;
  /** Undefined without a key. */
  claim: Promise<Claim | undefined>;
}

/**
 * Claims the request's key at once, so a route overlaps the claim with its own reads (the case and
 * the caller's access) instead of waiting for one after the other. A route that refuses before it
 * answers gives the claim up: run its checks in `whileClaiming`.
 */
export function claimAtOnce(db: Db, request: FastifyRequest, actor: Actor, operation: string): KeyedRequest {
  const key = idempotencyKeyOf(request);
  if (key === undefined) return { key, scope: '', requestHash: '', claim: Promise.resolve(undefined) };
  const scope = `${actor.agencyId}/${actor.userId}/${operation}`;
  const requestHash = hashRequest([request.method, request.url, withoutPersonalDetails(request.body)]);
  const claim = claimKey(db, scope, key, requestHash);
  claim.catch(() => undefined); // awaited by answerOnce or whileClaiming; a failure is reported there
  return { key, scope, requestHash, claim };
}

/** Runs a route's checks while its key is being claimed; a refusal gives the claim up, so a corrected request may use the key. */
export async function whileClaiming<T>(db: Db, keyed: KeyedRequest, checks: () => Promise<T>): Promise<T> {
  try {
    return await checks();
  } catch (error) {
    const claim = await keyed.claim.catch(() => undefined);
    if (claim?.claimed) await releaseClaim(db, keyed.scope, keyed.key!, keyed.requestHash);
    throw error;
  }
}

/**
 * Runs `perform` once per key: a repeat with the same request replays the stored response, a
 * repeat with a different request is refused (422) - also while the first is still under way,
 * because the key is claimed with the request's hash before anything is performed. Only successes
 * are kept: a refused or failed attempt releases its claim, so it can be corrected and resent under
 * the same key. Requests with the same hash sent at once all perform: each names the same ids and
 * update id (from the key), so the workflow records it once and answers each alike.
 */
export async function answerOnce(
  db: Db,
  keyed: KeyedRequest,
  reply: FastifyReply,
  perform: (key: string | undefined) => Promise<Outcome>,
): Promise<FastifyReply> {
  const { key, scope, requestHash } = keyed;
  const claim = await keyed.claim;
  if (key === undefined || claim === undefined) return send(reply, await perform(undefined));
  if (!claim.claimed) {
    const { existing } = claim;
    if (existing.requestHash !== requestHash) throw problems.idempotencyMismatch();
    if (existing.statusCode !== PENDING_STATUS) return replay(reply, existing);
  }
  let outcome: Outcome;
  try {
    outcome = await perform(key);
  } catch (error) {
    if (claim.claimed) await releaseClaim(db, scope, key, requestHash);
    throw error;
  }
  await storeResponse(db, scope, key, { requestHash, statusCode: outcome.status, body: outcome.body });
  return send(reply, outcome);
}

const replay = (reply: FastifyReply, stored: StoredResponse) =>
  reply.status(stored.statusCode).header('idempotent-replayed', 'true').send(stored.body);

/** `claimAtOnce` then `answerOnce`, for routes with nothing to overlap. */
export function oncePerKey(
  db: Db,
  request: FastifyRequest,
  reply: FastifyReply,
  actor: Actor,
  operation: string,
  perform: (key: string | undefined) => Promise<Outcome>,
): Promise<FastifyReply> {
  return answerOnce(db, claimAtOnce(db, request, actor, operation), reply, perform);
}

function send(reply: FastifyReply, outcome: Outcome): FastifyReply {
  return reply
    .status(outcome.status)
    .headers(outcome.headers ?? {})
    .send(outcome.body);
}

/**
 * The stored hash must not let anyone confirm a guess at a person's details, and must not outlive
 * their erasure: personal details are left out of it. (They do not identify the request anyway:
 * the key does, and a resend with other details replays the first answer without writing.)
 */
function withoutPersonalDetails(body: unknown): unknown {
  if (!body || typeof body !== 'object' || !('person' in body)) return body;
  const { person, ...rest } = body as { person: unknown };
  if (!person || typeof person !== 'object') return body;
  const { details: _details, ...personRest } = person as Record<string, unknown>;
  return { ...rest, person: personRest };
}

/**
 * One key opens one case (or transfer) for one person. The request hash leaves personal details out (it must not
 * confirm a guess at them, nor outlive an erasure), so the person is compared where it is kept: the
 * first request under the key saves the person (the vault keeps the first record for an id, the id
 * comes from the key), and a request with other details is a reuse of the key for another request.
 */
export async function assertSamePersonUnderKey(vault: PersonVault, personId: string, details: PersonDetails): Promise<void> {
  try {
    await vault.save(personId, details);
  } catch (error) {
    if (error instanceof PersonErased) return; // nothing left to compare: a stored answer is replayed as it was
    throw error;
  }
  const kept = await vault.find(personId);
  if (kept && !kept.erased && !isDeepStrictEqual(kept.details, details)) throw problems.idempotencyMismatch();
}
