/** The API's shapes as the console reads them (see /docs for the full documents). */
// One definition for both sides where the server has one free of imports (api/shapes.ts, store/shapes.ts).
import type { Me } from '../../api/shapes.js';
import type { InboxItem, PersonDetails } from '../../store/shapes.js';

export type { InboxItem, Me, PersonDetails };
export type SignInAnswer =
  | { status: 'signed_in'; me: Me }
  | { status: 'second_factor_required'; challenge: string }
  | { status: 'enrolment_required'; challenge: string };

export interface Hold {
  reason: string;
  reviewDate: string;
}

export interface CaseSummary {
  caseId: string;
  kind: string;
  stage: string;
  status: string;
  hostCountry: string;
  originCountry: string;
  owningAgencyId: string;
  ageGroup: string;
  sex: string;
  hold: Hold | null;
  outcome: string | null;
  openedAt: string;
  lastProgressAt: string;
  version: number;
}

export type Person =
  { personId: string; erased: false; details: PersonDetails } | { personId: string; erased: true } | { personId: string; redacted: true };

export interface CaseDetail extends CaseSummary {
  waitingFor: { gate: string; requirement: string }[];
  person: Person;
  /** The pipeline branch adds it: the action types this caller may perform now. */
  allowedActions?: string[];
}

export interface CaseEvent {
  streamPosition: number;
  eventId: string;
  type: string;
  data: Record<string, unknown>;
  actorId: string;
  agencyId: string;
  recordedAt: string;
}

export interface Agency {
  agencyId: string;
  name: string;
  country: string;
  kind: string;
}
