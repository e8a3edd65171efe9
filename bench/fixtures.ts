/** What the benchmarks send: case openings spread over the corridors, and actions a case repeats. */
import { randomUUID } from 'node:crypto';
import type { Action, OpenCase } from '../domain/repatriation/index.js';
import type { Actor } from '../domain/shared/actor.js';
import type { Country } from '../domain/shared/countries.js';

/** Host -> origin corridors with their owning agency (from the seeded agency registry); the mix only spreads rows across countries. */
export const CORRIDORS: { host: Country; origin: Country; agency: string }[] = [
  { host: 'TH', origin: 'MM', agency: 'th-dsdhs-bangkok' },
  { host: 'TH', origin: 'KH', agency: 'th-dsdhs-bangkok' },
  { host: 'TH', origin: 'LA', agency: 'th-shelter-tak' },
  { host: 'CN', origin: 'VN', agency: 'cn-civil-affairs-yunnan' },
  { host: 'CN', origin: 'MM', agency: 'cn-civil-affairs-yunnan' },
  { host: 'CN', origin: 'LA', agency: 'cn-civil-affairs-yunnan' },
  { host: 'TH', origin: 'VN', agency: 'th-dsdhs-bangkok' },
  { host: 'KH', origin: 'VN', agency: 'kh-mosvy' },
];

export const benchActor: Actor = { userId: 'u-bench-1', agencyId: 'th-dsdhs-bangkok', role: 'caseworker' };

export function openCommand(i: number, caseId: string = randomUUID()): OpenCase {
  const corridor = CORRIDORS[i % CORRIDORS.length]!;
  return {
    type: 'open_case',
    caseId,
    personId: randomUUID(),
    sex: i % 3 === 0 ? 'male' : 'female',
    ageGroup: i % 7 === 0 ? 'child' : 'adult',
    hostCountry: corridor.host,
    originCountry: corridor.origin,
    owningAgencyId: corridor.agency,
  };
}

/**
 * An action any open case accepts again and again, whatever its stage: holding and releasing.
 * Each records one event, which is the common shape of a caseworker's action.
 */
export function repeatableAction(n: number): Action {
  return n % 2 === 0 ? { type: 'place_on_hold', reason: 'court_witness', reviewDate: '2027-03-01' } : { type: 'release_hold' };
}
