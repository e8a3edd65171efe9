/** The API's shapes as the console reads them (see /docs for the full documents). */
export interface Me {
  userId: string;
  username: string;
  displayName: string;
  agencyId: string;
  agency: { id: string; name: string; country: string; kind: string };
  role: string;
  language: string | null;
  secondFactor?: { enrolled: boolean; required: boolean };
  /** What this role may use (api/capabilities.ts): cases.act, monitoring, audit, accounts. */
  capabilities?: string[];
}

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

export interface PersonDetails {
  fullName: string;
  otherNames?: string[];
  dateOfBirth?: string;
  placeOfOrigin?: string;
  languages?: string[];
  familyContacts?: string[];
  notes?: string;
}

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

export interface InboxItem {
  taskId: string;
  caseId: string;
  step: string;
  title: string;
  dueAt: string;
  overdue: boolean;
  corridor: string;
  stage: string;
  kind: string;
  sex: string;
  ageGroup: string;
  assignee: string | null;
}

export interface Agency {
  agencyId: string;
  name: string;
  country: string;
  kind: string;
}
