import type { Country } from '../shared/countries.js';
import type { Stage } from './stages.js';
import type { Charge, HoldReason, LegalBasis, ProsecutionOutcome, WarrantKind } from './vocabulary.js';

/** Everything the rules need to know about a transfer, folded from its events by `evolve`. */
export interface SuspectTransferState {
  status: 'new' | 'open' | 'closed';
  /** Current stage; `null` only before the case is opened. */
  stage: Stage | null;
  version: number;
  caseId: string | null;
  personId: string | null;
  /** The country holding the person: the sending side of the handover. */
  holdingCountry: Country | null;
  /** The country taking the person for prosecution: the receiving side of the handover. */
  receivingCountry: Country | null;
  /** ISO 3166-1 alpha-2 code as recorded at opening; the receiving country confirms it. */
  nationality: string | null;
  owningAgencyId: string | null;
  /** Trafficking cases (victims, investigations) this transfer relates to, in linking order. */
  linkedCaseIds: string[];
  hold: { reason: HoldReason; reviewDate: string } | null;
  outcome: { code: string; completed: boolean } | null;
  facts: TransferFacts;
}

/** What has been recorded so far; the gates in `stages.ts` read these. */
export interface TransferFacts {
  arrest: { date: string; charges: Charge[] } | null;
  identityConfirmed: boolean;
  nationalityConfirmed: boolean;
  warrant: { kind: WarrantKind; ref: string } | null;
  legalBasis: LegalBasis | null;
  /** Belongs to the chosen basis: choosing another basis clears it. */
  dualCriminality: 'confirmed' | 'not_met' | null;
  approval: { basis: LegalBasis; approverRole: string; decisionRef: string | null } | null;
  handover: { date: string; crossingPoint: string | null; airportRef: string | null; evidenceListRef: string } | null;
  handoverConfirmedBy: { sending: boolean; receiving: boolean };
  detentionFacilityRef: string | null;
  custodyConfirmed: boolean;
  prosecutionOutcome: ProsecutionOutcome | null;
  victimCaseId: string | null;
}

export const initialState = (): SuspectTransferState => ({
  status: 'new',
  stage: null,
  version: 0,
  caseId: null,
  personId: null,
  holdingCountry: null,
  receivingCountry: null,
  nationality: null,
  owningAgencyId: null,
  linkedCaseIds: [],
  hold: null,
  outcome: null,
  facts: {
    arrest: null,
    identityConfirmed: false,
    nationalityConfirmed: false,
    warrant: null,
    legalBasis: null,
    dualCriminality: null,
    approval: null,
    handover: null,
    handoverConfirmedBy: { sending: false, receiving: false },
    detentionFacilityRef: null,
    custodyConfirmed: false,
    prosecutionOutcome: null,
    victimCaseId: null,
  },
});
