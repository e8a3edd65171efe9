/** A suspect transfer as the console reads it (GET /v1/transfers, /v1/transfers/{id}). */
import { STAGES } from '../../../domain/suspect-transfer/stages.js';
import type { Person } from '../types.js';

export { STAGES as TRANSFER_STAGES };

export interface NextStep {
  gate: string;
  action: string;
  side: 'holding' | 'receiving';
  country: string;
}

export interface TransferSummary {
  caseId: string;
  stage: string;
  status: string;
  holdingCountry: string;
  receivingCountry: string;
  nationality: string;
  legalBasis: string | null;
  outcome: string | null;
  openedAt: string;
  lastProgressAt: string;
  nextSteps: NextStep[];
}

export interface TransferFacts {
  arrest: { date: string; charges: string[] } | null;
  identityConfirmed: boolean;
  nationalityConfirmed: boolean;
  warrant: { kind: string; ref: string } | null;
  legalBasis: string | null;
  dualCriminality: 'confirmed' | 'not_met' | null;
  approval: { basis: string; approverRole: string; decisionRef: string | null } | null;
  handover: { date: string; crossingPoint: string | null; airportRef: string | null; evidenceListRef: string } | null;
  handoverConfirmedBy: { sending: boolean; receiving: boolean };
  detentionFacilityRef: string | null;
  custodyConfirmed: boolean;
  prosecutionOutcome: string | null;
}

export interface TransferDetail {
  caseId: string;
  version: number;
  status: string;
  stage: string | null;
  hold: { reason: string; reviewDate: string } | null;
  outcome: { code: string; completed: boolean } | null;
  legalBasis: string | null;
  linkedCaseIds: string[];
  waitingFor: { gate: string; requirement: string }[];
  nextSteps: NextStep[];
  allowedActions: string[];
  holdingCountry: string;
  receivingCountry: string;
  nationality: string;
  owningAgencyId: string;
  openedAt: string;
  lastProgressAt: string;
  facts: TransferFacts;
  person: Person;
}

export interface LinkedCase {
  caseId: string;
  kind: string;
  stage: string;
  status: string;
  outcome: string | null;
}
