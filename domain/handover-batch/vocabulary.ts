/**
 * The closed vocabularies and limits of a handover batch (domain.md, steps 8-10: batch planning,
 * pre-departure notice, handover at the border). Codes only, never free text.
 */

/** Why a person on the manifest was not handed over on the day. */
export const EXCLUSION_REASONS = ['sick', 'absconded', 'refused', 'documents_invalid', 'other'] as const;

/** Why a whole batch is called off before anyone is handed over. */
export const CANCEL_REASONS = ['postponed', 'receiving_not_ready', 'crossing_closed', 'security', 'other'] as const;

export const HANDOVER_SIDES = ['sending', 'receiving'] as const;

/** The pre-departure notice reaches the receiving agency at least this many days before the handover. */
export const NOTICE_LEAD_DAYS = 3;

/** Manifests run up to ~2,500 people (domain.md "Workload"); the cap leaves headroom, not a target. */
export const MAX_BATCH_SIZE = 3000;

export type ExclusionReason = (typeof EXCLUSION_REASONS)[number];
export type CancelReason = (typeof CANCEL_REASONS)[number];
export type HandoverSide = (typeof HANDOVER_SIDES)[number];
