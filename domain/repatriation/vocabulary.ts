/** The closed vocabularies of the repatriation process: reasons and outcomes are codes, never free text. */
export const EARLY_END_REASONS = [
  'declined_return',
  'resettled_elsewhere',
  'local_integration',
  'deceased',
  'absconded',
  'not_a_victim',
  'transferred_to_suspect_track',
  'other',
] as const;
/** Outcomes the rules themselves can reach, besides the reasons a caseworker gives. */
export const RULE_END_REASONS = [
  'screened_out',
  'nationality_refused',
  'return_against_child_best_interests',
  'family_unsafe_for_child',
] as const;
export const CLOSING_OUTCOMES = ['reintegrated', 'lost_contact', 'referred_to_long_term_services'] as const;
export const HOLD_REASONS = ['court_witness', 'legal_proceedings', 'medical', 'security', 'origin_not_ready', 'other'] as const;

export type EarlyEndReason = (typeof EARLY_END_REASONS)[number];
export type RuleEndReason = (typeof RULE_END_REASONS)[number];
export type ClosingOutcome = (typeof CLOSING_OUTCOMES)[number];
export type HoldReason = (typeof HOLD_REASONS)[number];
