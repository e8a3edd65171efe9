/**
 * The closed vocabularies of the suspect-transfer process: charges, bases, reasons and outcomes are
 * codes, never free text, so that events and read models hold no narrative about a person.
 */
export const CHARGES = [
  'trafficking_in_persons',
  'forced_labour',
  'sexual_exploitation',
  'online_scam_fraud',
  'money_laundering',
  'illegal_border_crossing',
  'other',
] as const;

/** The legal channels for a transfer (domain.md "Suspect transfer" step 3); the MOU channel dominates. */
export const LEGAL_BASES = ['police_to_police_mou', 'deportation', 'extradition'] as const;

export const WARRANT_KINDS = ['arrest_warrant', 'wanted_notice', 'interpol_red_notice'] as const;

/** What the receiving country checks in the confirmation stage; each is a separate action and gate. */
export const CONFIRMATION_CHECKS = ['identity', 'nationality', 'warrant'] as const;

/** Reasons a caseworker may give to end a transfer early, from any open stage. */
export const EARLY_END_REASONS = ['released', 'charges_dropped', 'deceased', 'rescreened_as_victim', 'other'] as const;

/** Outcomes the rules themselves reach: the receiving country could not confirm one of its checks. */
export const RULE_END_REASONS = ['identity_not_confirmed', 'nationality_not_confirmed', 'warrant_not_confirmed'] as const;

/** The prosecution outcome reported back to the sending country; reporting it completes the transfer. */
export const PROSECUTION_OUTCOMES = [
  'convicted',
  'acquitted',
  'charges_dropped',
  'pending_trial',
  'proceedings_discontinued',
  'other',
] as const;

export const HOLD_REASONS = [
  'local_prosecution',
  'court_proceedings',
  'appeal',
  'medical',
  'security',
  'receiving_not_ready',
  'other',
] as const;

/**
 * Roles (from the authenticated actor, see `IssuedCommand`) that may approve a legal basis.
 * Extradition is a formal decision of the central authority: only an `approver`. The police-to-police
 * and deportation channels still move a person across a border, so they need a supervisory sign-off
 * too, by an `approver` or a `coordinator`; a caseworker alone never approves a transfer.
 */
export const EXTRADITION_APPROVER_ROLES = ['approver'] as const;
export const TRANSFER_APPROVER_ROLES = ['approver', 'coordinator'] as const;

export type Charge = (typeof CHARGES)[number];
export type LegalBasis = (typeof LEGAL_BASES)[number];
export type WarrantKind = (typeof WARRANT_KINDS)[number];
export type ConfirmationCheck = (typeof CONFIRMATION_CHECKS)[number];
export type EarlyEndReason = (typeof EARLY_END_REASONS)[number];
export type RuleEndReason = (typeof RULE_END_REASONS)[number];
export type ProsecutionOutcome = (typeof PROSECUTION_OUTCOMES)[number];
export type HoldReason = (typeof HOLD_REASONS)[number];
