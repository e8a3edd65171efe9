/**
 * Caseworker actions on a victim repatriation case, as JSON schemas (TypeBox) so that the HTTP API,
 * its OpenAPI document and the domain types come from one definition. Free text is deliberately
 * absent: anything personal lives in the person vault and is referenced by id.
 */
import { Type, type Static } from 'typebox';
import { COUNTRIES } from '../shared/countries.js';
import { action, codeOf, IsoDate, Ref } from '../shared/schema.js';
import type { DeadlinePolicy, StepId } from './deadlines.js';
import type { LinkCase } from './links.js';
import type { RecordMatchDecision } from '../shared/person-match.js';
import { CLOSING_OUTCOMES, EARLY_END_REASONS, HOLD_REASONS } from './vocabulary.js';

export const CountrySchema = codeOf(COUNTRIES, { description: 'ISO 3166-1 alpha-2 country code' });

export const ActionSchemas = {
  // identification
  record_screening: action('record_screening', 'Screening interview outcome (multidisciplinary team).', {
    outcome: Type.Union([Type.Literal('presumed_victim'), Type.Literal('not_a_victim')]),
  }),
  record_identification: action('record_identification', 'Formal identification as a victim of trafficking.', {}),
  record_consent: action(
    'record_consent',
    "The victim's consent to notify the origin country. Without it nothing is shared with the origin country's agencies.",
    { consent: Type.Union([Type.Literal('given'), Type.Literal('withheld')]) },
  ),
  record_best_interests_determination: action(
    'record_best_interests_determination',
    'Child only: whether return is in the best interests of the child.',
    { returnInBestInterests: Type.Boolean() },
  ),
  appoint_guardian: action('appoint_guardian', 'Child only: the guardian who accompanies the child.', {
    guardianRef: Ref,
  }),
  // verification
  send_verification_request: action(
    'send_verification_request',
    "Request for nationality verification and family tracing sent to the origin country's focal point.",
    { toAgencyId: Type.Optional(Ref) },
  ),
  record_nationality_verification: action(
    'record_nationality_verification',
    'Result of nationality verification. A refusal ends the case, or reroutes it to another origin country.',
    {
      result: Type.Union([Type.Literal('verified'), Type.Literal('refused')]),
      refusalReason: Type.Optional(
        Type.Union([
          Type.Literal('not_a_national'),
          Type.Literal('identity_not_established'),
          Type.Literal('records_not_found'),
          Type.Literal('other'),
        ]),
      ),
      rerouteTo: Type.Optional(CountrySchema),
    },
  ),
  record_family_assessment: action(
    'record_family_assessment',
    'Family tracing and assessment: is return to the family safe? A child assessed not safe is not returned.',
    { result: Type.Union([Type.Literal('safe'), Type.Literal('not_safe')]) },
  ),
  record_travel_document: action('record_travel_document', 'Travel document issued by the embassy or consulate.', {
    documentKind: Type.Union([Type.Literal('certificate_of_identity'), Type.Literal('temporary_passport'), Type.Literal('passport')]),
  }),
  // handover
  schedule_handover: action('schedule_handover', 'Date and crossing point of the handover.', {
    date: IsoDate,
    crossingPoint: Ref,
  }),
  confirm_handover: action(
    'confirm_handover',
    'One side confirms the handover; it completes only when both the sending and the receiving agency confirm.',
    { side: Type.Union([Type.Literal('sending'), Type.Literal('receiving')]) },
  ),
  record_custody_transfer: action('record_custody_transfer', 'Child only: formal transfer of custody.', {
    toAgencyId: Ref,
  }),
  // escort
  record_reception: action('record_reception', 'Reception on the origin side (intake interview, health check).', {
    facilityRef: Type.Optional(Ref),
  }),
  record_escort_home: action('record_escort_home', 'Escort from reception towards home has started.', {}),
  confirm_arrival: action('confirm_arrival', 'Arrival at home (or the agreed destination) confirmed.', {}),
  // reintegration
  record_reintegration_plan: action('record_reintegration_plan', 'A reintegration plan is in place.', {}),
  record_follow_up_visit: action('record_follow_up_visit', 'A follow-up visit took place.', { visitDate: IsoDate }),
  close_case: action('close_case', 'Close the case at the end of reintegration.', {
    outcome: codeOf(CLOSING_OUTCOMES),
  }),
  // any open stage
  end_case: action('end_case', 'End the case early, from any open stage, with a reason.', {
    reason: codeOf(EARLY_END_REASONS),
  }),
  place_on_hold: action('place_on_hold', 'Pause the case (e.g. kept as a court witness) until a review date.', {
    reason: codeOf(HOLD_REASONS),
    reviewDate: IsoDate,
  }),
  release_hold: action('release_hold', 'Release the hold; the case continues where it was.', {}),
} as const;

export type ActionType = keyof typeof ActionSchemas;
export type Action = { [K in ActionType]: Static<(typeof ActionSchemas)[K]> }[ActionType];
export type ActionOf<K extends ActionType> = Extract<Action, { type: K }>;

export const OpenCaseSchema = Type.Object(
  {
    type: Type.Literal('open_case'),
    caseId: Type.String({ format: 'uuid' }),
    personId: Type.String({ format: 'uuid' }),
    sex: Type.Union([Type.Literal('female'), Type.Literal('male'), Type.Literal('other')]),
    ageGroup: Type.Union([Type.Literal('child'), Type.Literal('adult')]),
    hostCountry: CountrySchema,
    originCountry: CountrySchema,
    owningAgencyId: Ref,
  },
  { additionalProperties: false },
);
export type OpenCase = Static<typeof OpenCaseSchema>;

/**
 * Commands the case workflow issues itself (never over HTTP): the deadlines in force at opening,
 * and the step timers firing. They go through `decide` like any other, so a stale timer is refused.
 */
export type SystemCommand =
  | { type: 'apply_deadline_policy'; policy: DeadlinePolicy }
  | { type: 'flag_overdue'; step: StepId; dueAt: string }
  | { type: 'escalate_overdue'; step: StepId };

/** Recorded on a case by the linking orchestration, never sent by hand (see links.ts). */
export const LinkCaseSchema = Type.Object(
  { type: Type.Literal('link_case'), caseId: Type.String({ format: 'uuid' }) },
  { additionalProperties: false, description: 'Record a link to another case (victim or suspect transfer).' },
);

export type RepatriationCommand = OpenCase | Action | SystemCommand | LinkCase | RecordMatchDecision;
