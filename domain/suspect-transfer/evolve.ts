import type { SuspectTransferEvent } from './events.js';
import type { SuspectTransferState, TransferFacts } from './state.js';

/** Folds one event into the state. Pure and total: unknown facts never throw, so old histories replay. */
export function evolve(state: SuspectTransferState, event: SuspectTransferEvent): SuspectTransferState {
  const next: SuspectTransferState = { ...state, version: state.version + 1 };
  const facts = (patch: Partial<TransferFacts>): SuspectTransferState => ({ ...next, facts: { ...state.facts, ...patch } });

  switch (event.type) {
    case 'TransferOpened': {
      const d = event.data;
      return {
        ...next,
        status: 'open',
        stage: 'arrest',
        caseId: d.caseId,
        personId: d.personId,
        holdingCountry: d.holdingCountry,
        receivingCountry: d.receivingCountry,
        nationality: d.nationality,
        owningAgencyId: d.owningAgencyId,
      };
    }
    case 'CaseLinked':
      // A same-person link may follow a link of the operation: the case is listed once.
      if (state.linkedCaseIds.includes(event.data.caseId)) return next;
      return { ...next, linkedCaseIds: [...state.linkedCaseIds, event.data.caseId] };
    case 'PersonMatchDecided':
      return next; // read from the history, like links
    case 'ArrestRecorded':
      return facts({ arrest: { date: event.data.arrestDate, charges: [...event.data.charges] } });
    case 'IdentityConfirmed':
      return facts({ identityConfirmed: true });
    case 'NationalityConfirmed':
      return facts({ nationalityConfirmed: true });
    case 'WarrantConfirmed':
      return facts({ warrant: { kind: event.data.warrantKind, ref: event.data.warrantRef } });
    case 'ConfirmationRefused':
      return next; // the CaseClosed that follows carries the outcome
    case 'LegalBasisChosen':
      // Dual criminality and approval belong to one basis: a new basis starts them afresh.
      return facts({ legalBasis: event.data.basis, dualCriminality: null, approval: null });
    case 'DualCriminalityRecorded':
      return facts({ dualCriminality: event.data.result });
    case 'LegalBasisApproved':
      return facts({
        approval: { basis: event.data.basis, approverRole: event.data.approverRole, decisionRef: event.data.decisionRef },
      });
    case 'HandoverScheduled':
      return facts({ handover: { ...event.data } });
    case 'HandoverConfirmed':
      return facts({ handoverConfirmedBy: { ...state.facts.handoverConfirmedBy, [event.data.side]: true } });
    case 'EscortedToDetention':
      return facts({ detentionFacilityRef: event.data.detentionFacilityRef });
    case 'CustodyConfirmed':
      return facts({ custodyConfirmed: true });
    case 'ProsecutionOutcomeReported':
      return facts({ prosecutionOutcome: event.data.outcome });
    case 'RescreenedAsVictim':
      return facts({ victimCaseId: event.data.victimCaseId });
    case 'HoldPlaced':
      return { ...next, hold: { reason: event.data.reason, reviewDate: event.data.reviewDate } };
    case 'HoldReleased':
      return { ...next, hold: null };
    case 'StageAdvanced':
      return { ...next, stage: event.data.to };
    case 'CaseClosed':
      return { ...next, status: 'closed', hold: null, outcome: { code: event.data.outcome, completed: event.data.completed } };
  }
}
