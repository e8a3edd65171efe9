import { describe, expect, it } from 'vitest';
import { openGates } from '../../domain/suspect-transfer/stages.js';
import type { SuspectTransferState } from '../../domain/suspect-transfer/state.js';
import {
  OTHER_ROLES,
  actorWith,
  apply,
  approver,
  atLegalBasis,
  coordinator,
  expectRejected,
  given,
  types,
} from './suspect-transfer-support.js';

const gateIds = (state: SuspectTransferState) => openGates(state).map((g) => g.id);
const extradition = () => given([{ type: 'choose_legal_basis', basis: 'extradition' }], atLegalBasis());
const withDualCriminality = () => given([{ type: 'record_dual_criminality', result: 'confirmed' }], extradition());

describe('suspect transfer: choosing the legal basis', () => {
  it('records the chosen basis; approval is still missing', () => {
    const { events, state } = apply(atLegalBasis(), { type: 'choose_legal_basis', basis: 'police_to_police_mou' });
    expect(events).toEqual([{ type: 'LegalBasisChosen', data: { basis: 'police_to_police_mou' } }]);
    expect(state.facts.legalBasis).toBe('police_to_police_mou');
    expect(gateIds(state)).toEqual(['basis_approved']);
  });

  it('rejects choosing the basis already chosen', () => {
    expectRejected(extradition(), { type: 'choose_legal_basis', basis: 'extradition' }, 'rule', /already extradition/);
  });

  it('lets the basis change before approval, clearing what belonged to the old basis', () => {
    const state = given([{ type: 'choose_legal_basis', basis: 'deportation' }], withDualCriminality());
    expect(state.facts).toMatchObject({ legalBasis: 'deportation', dualCriminality: null, approval: null });
    const back = given([{ type: 'choose_legal_basis', basis: 'extradition' }], state);
    expect(gateIds(back)).toEqual(['dual_criminality', 'basis_approved']);
  });

  it('refuses deportation of a national of the holding country', () => {
    const state = atLegalBasis({ holdingCountry: 'TH', receivingCountry: 'CN', nationality: 'TH' });
    expectRejected(state, { type: 'choose_legal_basis', basis: 'deportation' }, 'rule', /own nationals/);
  });

  it('refuses deportation to a country other than the country of nationality', () => {
    const state = atLegalBasis({ holdingCountry: 'TH', receivingCountry: 'CN', nationality: 'MM' });
    expectRejected(state, { type: 'choose_legal_basis', basis: 'deportation' }, 'rule', /country of nationality/);
    // the police-to-police channel and extradition remain open for that person
    expect(types(apply(state, { type: 'choose_legal_basis', basis: 'police_to_police_mou' }).events)).toEqual(['LegalBasisChosen']);
    expect(types(apply(state, { type: 'choose_legal_basis', basis: 'extradition' }).events)).toEqual(['LegalBasisChosen']);
  });

  it('refuses extradition of a national of the holding country', () => {
    const state = atLegalBasis({ holdingCountry: 'LA', receivingCountry: 'CN', nationality: 'LA' });
    expectRejected(state, { type: 'choose_legal_basis', basis: 'extradition' }, 'rule', /does not extradite its own nationals/);
  });
});

describe('suspect transfer: dual criminality', () => {
  it('applies as a gate to extradition only', () => {
    expect(gateIds(extradition())).toEqual(['dual_criminality', 'basis_approved']);
    expect(gateIds(given([{ type: 'choose_legal_basis', basis: 'deportation' }], atLegalBasis()))).toEqual(['basis_approved']);
  });

  it('is recorded for an extradition only', () => {
    expectRejected(atLegalBasis(), { type: 'record_dual_criminality', result: 'confirmed' }, 'rule', /extradition only/);
    const mou = given([{ type: 'choose_legal_basis', basis: 'police_to_police_mou' }], atLegalBasis());
    expectRejected(mou, { type: 'record_dual_criminality', result: 'confirmed' }, 'rule', /extradition only/);
  });

  it('closes its gate when confirmed, not when not met', () => {
    const notMet = given([{ type: 'record_dual_criminality', result: 'not_met' }], extradition());
    expect(notMet.facts.dualCriminality).toBe('not_met');
    expect(gateIds(notMet)).toEqual(['dual_criminality', 'basis_approved']);
    expect(gateIds(withDualCriminality())).toEqual(['basis_approved']);
  });

  it('may be recorded again after not met (a fresh legal review), but not after confirmed', () => {
    const notMet = given([{ type: 'record_dual_criminality', result: 'not_met' }], extradition());
    expect(apply(notMet, { type: 'record_dual_criminality', result: 'confirmed' }).state.facts.dualCriminality).toBe('confirmed');
    expectRejected(withDualCriminality(), { type: 'record_dual_criminality', result: 'not_met' }, 'rule', /already confirmed/);
  });
});

describe('suspect transfer: approving an extradition', () => {
  it('is approved by an approver once dual criminality is confirmed, and the stage advances', () => {
    const { events, state } = apply(withDualCriminality(), { type: 'approve_extradition', decisionRef: 'th-ag-ext-2025-7' }, approver);
    expect(events).toEqual([
      { type: 'LegalBasisApproved', data: { basis: 'extradition', approverRole: 'approver', decisionRef: 'th-ag-ext-2025-7' } },
      { type: 'StageAdvanced', data: { from: 'legal_basis', to: 'handover' } },
    ]);
    expect(state.facts.approval).toEqual({ basis: 'extradition', approverRole: 'approver', decisionRef: 'th-ag-ext-2025-7' });
  });

  it('records a missing decision reference as null', () => {
    const { events } = apply(withDualCriminality(), { type: 'approve_extradition' }, approver);
    expect(events[0]).toEqual({ type: 'LegalBasisApproved', data: { basis: 'extradition', approverRole: 'approver', decisionRef: null } });
  });

  it('refuses every role other than approver, including coordinator', () => {
    for (const role of [...OTHER_ROLES, 'coordinator']) {
      expectRejected(
        withDualCriminality(),
        { type: 'approve_extradition' },
        'rule',
        new RegExp(`needs the role approver; .* is ${role}`),
        actorWith(role),
      );
    }
  });

  it('refuses an approver while dual criminality is unrecorded or not met', () => {
    expectRejected(extradition(), { type: 'approve_extradition' }, 'rule', /dual criminality confirmed/, approver);
    const notMet = given([{ type: 'record_dual_criminality', result: 'not_met' }], extradition());
    expectRejected(notMet, { type: 'approve_extradition' }, 'rule', /dual criminality confirmed/, approver);
  });

  it('refuses approve_extradition when the basis is not extradition', () => {
    expectRejected(atLegalBasis(), { type: 'approve_extradition' }, 'rule', /Choose extradition/, approver);
    const mou = given([{ type: 'choose_legal_basis', basis: 'police_to_police_mou' }], atLegalBasis());
    expectRejected(mou, { type: 'approve_extradition' }, 'rule', /Choose extradition/, approver);
  });
});

describe('suspect transfer: approving a police-to-police or deportation transfer', () => {
  for (const basis of ['police_to_police_mou', 'deportation'] as const) {
    for (const actor of [approver, coordinator]) {
      it(`approves ${basis} by a ${actor.role}, and the stage advances`, () => {
        const chosen = given([{ type: 'choose_legal_basis', basis }], atLegalBasis());
        const { events, state } = apply(chosen, { type: 'approve_transfer' }, actor);
        expect(events).toEqual([
          { type: 'LegalBasisApproved', data: { basis, approverRole: actor.role, decisionRef: null } },
          { type: 'StageAdvanced', data: { from: 'legal_basis', to: 'handover' } },
        ]);
        expect(state.stage).toBe('handover');
      });
    }

    it(`refuses ${basis} approval by roles without approval authority`, () => {
      const chosen = given([{ type: 'choose_legal_basis', basis }], atLegalBasis());
      for (const role of OTHER_ROLES) {
        expectRejected(chosen, { type: 'approve_transfer' }, 'rule', /needs the role approver or coordinator/, actorWith(role));
      }
    });
  }

  it('refuses approval before a basis is chosen', () => {
    expectRejected(atLegalBasis(), { type: 'approve_transfer' }, 'rule', /Choose a legal basis/, approver);
  });

  it('refuses approve_transfer for an extradition, even by an approver', () => {
    expectRejected(withDualCriminality(), { type: 'approve_transfer' }, 'rule', /approve_extradition/, approver);
  });
});
