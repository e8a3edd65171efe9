/**
 * Actions on a suspect-transfer case, as JSON schemas (TypeBox) so that an HTTP API, its OpenAPI
 * document and the domain types come from one definition. Free text is deliberately absent: anything
 * personal lives in the person vault and is referenced by id.
 *
 * No schema carries the actor's role: bodies are closed (`additionalProperties: false`), so a caller
 * cannot claim authority in a request. Who acts travels beside the command in `IssuedCommand`.
 */
import { Type, type Static } from 'typebox';
import { COUNTRIES } from '../shared/countries.js';
import type { RecordMatchDecision } from '../shared/person-match.js';
import { action, CaseId, IsoDate, Ref } from '../shared/schema.js';
import { CHARGES, EARLY_END_REASONS, HOLD_REASONS, LEGAL_BASES, PROSECUTION_OUTCOMES, WARRANT_KINDS } from './vocabulary.js';

/**
 * Closed vocabularies as `enum` schemas: `Type.Enum` keeps the literal union in the static type,
 * where `Type.Union` over a mapped (non-tuple) array infers `never`.
 */
const literals = Type.Enum;
export const CountrySchema = literals(COUNTRIES);
/** Any ISO 3166-1 alpha-2 code: suspects held in the region are not only nationals of the six countries. */
export const NationalitySchema = Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2 code' });
const Confirmation = literals(['confirmed', 'not_confirmed'] as const);

export const ActionSchemas = {
  // arrest
  record_arrest: action('record_arrest', 'Arrest and identification by the holding country, with the charges as codes.', {
    arrestDate: IsoDate,
    charges: Type.Array(literals(CHARGES), { minItems: 1, uniqueItems: true }),
  }),
  // confirmation (by the receiving country)
  confirm_identity: action('confirm_identity', 'The receiving country matches the identity of the person held.', {
    result: Confirmation,
  }),
  confirm_nationality: action('confirm_nationality', 'The receiving country confirms the nationality recorded at opening.', {
    result: Confirmation,
  }),
  confirm_warrant: action(
    'confirm_warrant',
    'The receiving country confirms a warrant or wanted notice for the person (kind and reference required when confirmed).',
    { result: Confirmation, warrantKind: Type.Optional(literals(WARRANT_KINDS)), warrantRef: Type.Optional(Ref) },
  ),
  // legal basis
  choose_legal_basis: action('choose_legal_basis', 'The legal channel for the transfer; it can change until it is approved.', {
    basis: literals(LEGAL_BASES),
  }),
  record_dual_criminality: action('record_dual_criminality', 'Extradition only: whether the conduct is a crime in both countries.', {
    result: literals(['confirmed', 'not_met'] as const),
  }),
  approve_extradition: action(
    'approve_extradition',
    'Extradition only: approval by the central authority. Only an actor with the approver role may perform it.',
    { decisionRef: Type.Optional(Ref) },
  ),
  approve_transfer: action('approve_transfer', 'Police-to-police MOU or deportation: supervisory approval by an approver or coordinator.', {
    decisionRef: Type.Optional(Ref),
  }),
  // handover
  schedule_handover: action(
    'schedule_handover',
    'Date, place (exactly one of crossingPoint or airportRef) and the evidence list handed over with the person.',
    { date: IsoDate, crossingPoint: Type.Optional(Ref), airportRef: Type.Optional(Ref), evidenceListRef: Ref },
  ),
  confirm_handover: action(
    'confirm_handover',
    'One side signs the handover memo; it completes only when both the sending and the receiving side confirm.',
    { side: literals(['sending', 'receiving'] as const) },
  ),
  // escort
  record_escort: action('record_escort', 'The receiving police escort the person to a detention facility.', {
    detentionFacilityRef: Ref,
  }),
  confirm_custody: action('confirm_custody', 'The receiving police confirm the person is in their custody.', {}),
  // prosecution
  report_prosecution_outcome: action(
    'report_prosecution_outcome',
    'The prosecution outcome reported back to the sending country; this completes the transfer case.',
    { outcome: literals(PROSECUTION_OUTCOMES) },
  ),
  // any open stage
  link_case: action('link_case', 'Link a trafficking case (victim or investigation) to this transfer.', { caseId: CaseId }),
  end_transfer: action(
    'end_transfer',
    'End the transfer early, from any open stage, with a reason. victimCaseId only with rescreened_as_victim.',
    { reason: literals(EARLY_END_REASONS), victimCaseId: Type.Optional(CaseId) },
  ),
  place_on_hold: action('place_on_hold', 'Pause the case (e.g. local prosecution first) until a review date.', {
    reason: literals(HOLD_REASONS),
    reviewDate: IsoDate,
  }),
  release_hold: action('release_hold', 'Release the hold; the case continues where it was.', {}),
} as const;

export type ActionType = keyof typeof ActionSchemas;
export type Action = { [K in ActionType]: Static<(typeof ActionSchemas)[K]> }[ActionType];
export type ActionOf<K extends ActionType> = Extract<Action, { type: K }>;

export const OpenTransferSchema = Type.Object(
  {
    type: Type.Literal('open_transfer'),
    caseId: CaseId,
    personId: Type.String({ format: 'uuid' }),
    holdingCountry: CountrySchema,
    receivingCountry: CountrySchema,
    owningAgencyId: Ref,
    nationality: NationalitySchema,
    linkedCaseIds: Type.Optional(Type.Array(CaseId, { uniqueItems: true, maxItems: 100 })),
  },
  { additionalProperties: false },
);
export type OpenTransfer = Static<typeof OpenTransferSchema>;

/** `record_match_decision` is recorded by the linking orchestration, never sent as an action. */
export type SuspectTransferCommand = OpenTransfer | Action | RecordMatchDecision;
