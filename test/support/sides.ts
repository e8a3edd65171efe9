/**
 * Who performs a victim-case action in the tests, as domain/repatriation/sides.ts says: host-side
 * steps by the host caseworker, verification by the focal point the request went to (or the origin
 * agency of the step's kind), the other origin-side steps by the origin country's social welfare.
 */
import { PERFORMERS, STEP_RULES, type ActionType } from '../../domain/repatriation/index.js';
import type { Caller } from './harness.js';

/** An acting agency of each country's social welfare, the usual counterpart on either side. */
export const ORIGIN_WELFARE: Record<string, string> = {
  MM: 'mm-dsw',
  KH: 'kh-mosvy',
  LA: 'la-mlsw',
  VN: 'vn-molisa',
  CN: 'cn-civil-affairs-yunnan',
  TH: 'th-dsdhs-bangkok',
};

export function originSide(action: { type: string; side?: unknown }): boolean {
  const performer = PERFORMERS[action.type as ActionType];
  if (!performer) return false;
  if (performer.side === 'named_in_action') return action.side === 'receiving';
  return performer.side === 'origin';
}

/** The caller on the origin side for this action: the focal point when the request named one. */
export function originCaller(action: { type: string }, originCountry: string, focalPoint: string | null): Caller {
  const performer = PERFORMERS[action.type as ActionType];
  const cc = originCountry.toLowerCase();
  if (performer?.verificationStep && focalPoint === null) {
    const kind = STEP_RULES[performer.verificationStep].holder.agencyKind;
    const agencyId =
      kind === 'social_welfare' ? ORIGIN_WELFARE[originCountry]! : kind === 'embassy' ? `${cc}-embassy-bangkok` : `${cc}-${kind}`;
    return { userId: `u-${agencyId}-1`, agencyId, role: 'caseworker' };
  }
  const agencyId = focalPoint ?? ORIGIN_WELFARE[originCountry]!;
  return { userId: `u-${agencyId}-1`, agencyId, role: 'caseworker' };
}

/** A caseworker of the host country's social welfare: the Thai fixture caseworker for Thailand. */
export function hostCaller(hostCountry: string): Caller {
  const agencyId = ORIGIN_WELFARE[hostCountry];
  // Thailand, and a body with no valid country (a test of bad input): the Thai fixture caseworker.
  if (hostCountry === 'TH' || agencyId === undefined) return { userId: 'u-th-sw-1', agencyId: 'th-dsdhs-bangkok', role: 'caseworker' };
  return { userId: `u-${agencyId}-1`, agencyId, role: 'caseworker' };
}
