import type { BatchEvent } from './events.js';
import type { BatchState, Member } from './state.js';

/** Folds one event into the state. Pure and total, so old histories replay. */
export function evolve(state: BatchState, event: BatchEvent): BatchState {
  const next: BatchState = { ...state, version: state.version + 1 };
  const withMembers = (change: (members: Record<string, Member>) => void): BatchState => {
    const members = { ...state.members };
    change(members);
    return { ...next, members };
  };

  switch (event.type) {
    case 'BatchPlanned':
      return { ...next, status: 'draft', ...event.data };
    case 'BatchCasesAdded':
      return withMembers((members) => {
        for (const caseId of event.data.caseIds)
          members[caseId] = { status: 'in_batch', sending: false, receiving: false, exclusion: null };
      });
    case 'BatchCasesRemoved':
      return withMembers((members) => {
        for (const caseId of event.data.caseIds) delete members[caseId];
      });
    case 'BatchRescheduled':
      return { ...next, plannedDate: event.data.plannedDate, crossingPoint: event.data.crossingPoint };
    case 'BatchLocked':
      return { ...next, status: 'locked' };
    case 'ManifestIssued':
      return { ...next, manifestVersion: event.data.version };
    case 'HandoverConfirmedInBatch': {
      const { side, by } = event.data;
      const known = state.confirmers ?? [];
      const found = by ? known.findIndex((a) => a.userId === by.userId && a.agencyId === by.agencyId && a.role === by.role) : -1;
      const confirmers = by && found < 0 ? [...known, { ...by }] : known;
      const signer = by ? (found < 0 ? confirmers.length - 1 : found) : null;
      const updated = withMembers((members) => {
        for (const caseId of event.data.caseIds) {
          const member = members[caseId];
          if (!member) continue;
          const confirmed = { ...member, [side]: true, [`${side}By`]: signer };
          members[caseId] = { ...confirmed, status: confirmed.sending && confirmed.receiving ? 'handed_over' : member.status };
        }
      });
      return { ...updated, handoverStarted: true, confirmers };
    }
    case 'PersonsExcluded':
      return withMembers((members) => {
        for (const { caseId, reason } of event.data.exclusions) {
          const member = members[caseId];
          if (member) members[caseId] = { ...member, status: 'excluded', exclusion: reason };
        }
      });
    case 'CasesAdvanced':
      return next; // the people's own cases moved; the batch's rules do not depend on it
    case 'BatchClosed':
      return { ...next, status: 'closed' };
    case 'BatchCancelled':
      return { ...next, status: 'cancelled' };
  }
}
