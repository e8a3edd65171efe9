/** One command per shape that matters, for `allowedActions` (domain/shared/allowed.ts): some name the batch's own people. */
import { PROBE_ID, PROBE_REF } from '../shared/allowed.js';
import type { BatchAction } from './commands.js';
import type { BatchState } from './state.js';

export function probes(state: BatchState): BatchAction[] {
  const inBatch = Object.entries(state.members)
    .filter(([, m]) => m.status === 'in_batch')
    .map(([caseId]) => caseId);
  return [
    { type: 'change_members', add: [PROBE_ID] },
    ...(inBatch.length > 0 ? [{ type: 'change_members' as const, remove: [inBatch[0]!] }] : []),
    { type: 'reschedule', crossingPoint: PROBE_REF },
    { type: 'lock' },
    ...(inBatch.length > 0
      ? [
          { type: 'confirm_handover' as const, side: 'sending' as const, caseIds: inBatch },
          { type: 'confirm_handover' as const, side: 'receiving' as const, caseIds: inBatch },
          { type: 'exclude' as const, exclusions: [{ caseId: inBatch[0]!, reason: 'other' as const }] },
        ]
      : []),
    { type: 'cancel', reason: 'other' },
  ];
}
