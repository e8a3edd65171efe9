import type { Actor } from '../shared/actor.js';
import { ALREADY_RECORDED, reject, type Refuse } from '../shared/rejection.js';
import type { IssuedCommand } from '../shared/decider.js';
import type { Action, ActionOf, ActionType, OpenTransfer, SuspectTransferCommand } from './commands.js';
import { event, type SuspectTransferEvent } from './events.js';
import { evolve } from './evolve.js';
import { ACTION_STAGE, ANY_STAGE_ACTIONS, gatesFor, nextStage, type AnyStageAction, type Stage } from './stages.js';
import type { SuspectTransferState } from './state.js';
import { decideMatchDecision } from '../shared/person-match.js';
import { EXTRADITION_APPROVER_ROLES, TRANSFER_APPROVER_ROLES } from './vocabulary.js';

/**
 * Decides what a command means for a transfer: the events to record, or a `CommandRejected` saying
 * why not. When the events satisfy every exit gate of the current stage, a `StageAdvanced` follows
 * them, so the history states each stage change explicitly.
 *
 * The actor arrives beside the command (`IssuedCommand`), not inside it: the role is a fact the
 * platform authenticated, not something a caller may assert in a body. Only the approval rules read
 * it. A refused role is a `rule` rejection, the only kind the shared vocabulary offers for it.
 */
export function decide({ command, actor }: IssuedCommand<SuspectTransferCommand>, state: SuspectTransferState): SuspectTransferEvent[] {
  if (command.type === 'open_transfer') return decideOpen(command, state);
  const stage = currentStage(state);
  if (state.status === 'closed') {
    reject('closed', stage, `The case is closed (${state.outcome?.code ?? 'closed'}); no further action is possible.`, 'case-closed', {
      outcome: state.outcome?.code ?? null,
    });
  }
  if (command.type === 'record_match_decision') return decideMatchDecision(command, state.caseId, stage);
  if (isAnyStageAction(command)) return decideAnyStage(command, state, stage);

  if (state.hold) {
    reject(
      'on_hold',
      stage,
      `The case is on hold (${state.hold.reason}) until ${state.hold.reviewDate}; release the hold first.`,
      'case-on-hold',
      {
        reason: state.hold.reason,
        reviewDate: state.hold.reviewDate,
      },
    );
  }
  const required = ACTION_STAGE[command.type];
  if (required !== stage) {
    reject(
      'wrong_stage',
      stage,
      `"${command.type}" belongs to the ${required} stage, but the case is in the ${stage} stage.`,
      'wrong-stage',
      {
        action: command.type,
        requiredStage: required,
        stage,
      },
    );
  }
  return withStageAdvance(state, decideStageAction(command, state, stage, actor));
}

function decideOpen(command: OpenTransfer, state: SuspectTransferState): SuspectTransferEvent[] {
  if (state.status === 'closed') reject('closed', state.stage ?? 'arrest', 'The case is closed; it cannot be opened again.', 'case-closed');
  if (state.status === 'open') reject('rule', state.stage ?? 'arrest', 'This case is already open.', 'already-open');
  const refuse: (message: string, code: string) => never = (message, code) => reject('rule', 'arrest', message, code);
  if (command.holdingCountry === command.receivingCountry) {
    refuse('The holding and receiving country must differ for a cross-border transfer.', 'same-country');
  }
  const { type: _type, linkedCaseIds = [], ...data } = command;
  if (linkedCaseIds.includes(command.caseId)) refuse('A case cannot be linked to itself.', 'self-link');
  if (new Set(linkedCaseIds).size !== linkedCaseIds.length) refuse('linkedCaseIds lists a case more than once.', 'duplicate-link');
  return [event('TransferOpened', data), ...linkedCaseIds.map((caseId) => event('CaseLinked', { caseId }))];
}

function currentStage(state: SuspectTransferState): Stage {
  if (state.status === 'new' || state.stage === null) reject('rule', 'arrest', 'The case has not been opened.', 'not-opened');
  return state.stage;
}

function isAnyStageAction(action: Action): action is ActionOf<AnyStageAction> {
  return (ANY_STAGE_ACTIONS as readonly ActionType[]).includes(action.type);
}

function decideAnyStage(action: ActionOf<AnyStageAction>, state: SuspectTransferState, stage: Stage): SuspectTransferEvent[] {
  const refuse: Refuse = (message, code, params) => reject('rule', stage, message, code, params);
  switch (action.type) {
    case 'link_case':
      if (action.caseId === state.caseId) refuse('A case cannot be linked to itself.', 'self-link');
      if (state.linkedCaseIds.includes(action.caseId)) refuse('That case is already linked.', ALREADY_RECORDED);
      return [event('CaseLinked', { caseId: action.caseId })];
    case 'end_transfer': {
      const closed = event('CaseClosed', { outcome: action.reason, completed: false, stage });
      if (action.victimCaseId === undefined) return [closed];
      if (action.reason !== 'rescreened_as_victim')
        refuse('victimCaseId applies only to the reason rescreened_as_victim.', 'victim-case-only-on-rescreening');
      if (action.victimCaseId === state.caseId)
        refuse('victimCaseId must name the victim case, not this transfer.', 'victim-case-is-this-transfer');
      return [event('RescreenedAsVictim', { victimCaseId: action.victimCaseId }), closed];
    }
    case 'place_on_hold':
      if (state.hold) refuse(`The case is already on hold (${state.hold.reason}).`, 'already-on-hold', { reason: state.hold.reason });
      return [event('HoldPlaced', { reason: action.reason, reviewDate: action.reviewDate })];
    case 'release_hold':
      if (!state.hold) refuse('The case is not on hold.', 'not-on-hold');
      return [event('HoldReleased')];
  }
}

type StageAction = Exclude<Action, ActionOf<AnyStageAction>>;

function decideStageAction(action: StageAction, state: SuspectTransferState, stage: Stage, actor: Actor): SuspectTransferEvent[] {
  const f = state.facts;
  const refuse: Refuse = (message, code, params) => reject('rule', stage, message, code, params);
  const requireRole = (roles: readonly string[]) => {
    if (!roles.includes(actor.role)) {
      refuse(`"${action.type}" needs the role ${roles.join(' or ')}; the acting user's role is ${actor.role}.`, 'role-required', {
        action: action.type,
        roles: [...roles],
        role: actor.role,
      });
    }
  };

  switch (action.type) {
    case 'record_arrest':
      if (f.arrest?.date === action.arrestDate && sameCodes(f.arrest.charges, action.charges)) {
        refuse('This arrest is already recorded.', ALREADY_RECORDED);
      }
      return [event('ArrestRecorded', { arrestDate: action.arrestDate, charges: [...action.charges] })];

    case 'confirm_identity':
      if (f.identityConfirmed) refuse('The identity is already confirmed.', ALREADY_RECORDED);
      if (action.result === 'not_confirmed') return refused('identity', stage);
      return [event('IdentityConfirmed')];
    case 'confirm_nationality':
      if (f.nationalityConfirmed) refuse('The nationality is already confirmed.', ALREADY_RECORDED);
      if (action.result === 'not_confirmed') return refused('nationality', stage);
      return [event('NationalityConfirmed')];
    case 'confirm_warrant':
      if (f.warrant) refuse('A warrant is already confirmed.', ALREADY_RECORDED);
      if (action.result === 'not_confirmed') {
        if (action.warrantKind || action.warrantRef)
          refuse('warrantKind and warrantRef apply only to a confirmed warrant.', 'warrant-fields-only-when-confirmed');
        return refused('warrant', stage);
      }
      if (!action.warrantKind || !action.warrantRef)
        refuse('A confirmed warrant needs its warrantKind and warrantRef.', 'warrant-fields-required');
      return [event('WarrantConfirmed', { warrantKind: action.warrantKind, warrantRef: action.warrantRef })];

    case 'choose_legal_basis':
      if (f.legalBasis === action.basis) refuse(`The legal basis is already ${action.basis}.`, ALREADY_RECORDED, { basis: action.basis });
      if (action.basis === 'deportation') {
        if (state.nationality === state.holdingCountry) refuse('A country does not deport its own nationals.', 'own-national');
        if (state.nationality !== state.receivingCountry)
          refuse('Deportation returns a person to the country of nationality only.', 'deportation-to-nationality-only');
      }
      if (action.basis === 'extradition' && state.nationality === state.holdingCountry) {
        refuse('The holding country does not extradite its own nationals.', 'own-national');
      }
      return [event('LegalBasisChosen', { basis: action.basis })];
    case 'record_dual_criminality':
      if (f.legalBasis !== 'extradition') refuse('Dual criminality is recorded for an extradition only.', 'extradition-only');
      if (f.dualCriminality === 'confirmed') refuse('Dual criminality is already confirmed.', ALREADY_RECORDED);
      return [event('DualCriminalityRecorded', { result: action.result })];
    case 'approve_extradition':
      if (f.legalBasis !== 'extradition')
        refuse('Choose extradition as the legal basis before approving an extradition.', 'extradition-not-chosen');
      requireRole(EXTRADITION_APPROVER_ROLES);
      if (f.dualCriminality !== 'confirmed')
        refuse('An extradition needs dual criminality confirmed before approval.', 'dual-criminality-required');
      return [event('LegalBasisApproved', { basis: 'extradition', approverRole: actor.role, decisionRef: action.decisionRef ?? null })];
    case 'approve_transfer':
      if (f.legalBasis === null) refuse('Choose a legal basis before approving the transfer.', 'legal-basis-required');
      if (f.legalBasis === 'extradition') refuse('An extradition is approved with approve_extradition.', 'use-approve-extradition');
      requireRole(TRANSFER_APPROVER_ROLES);
      return [event('LegalBasisApproved', { basis: f.legalBasis, approverRole: actor.role, decisionRef: action.decisionRef ?? null })];

    case 'schedule_handover':
      if (f.handoverConfirmedBy.sending || f.handoverConfirmedBy.receiving) {
        refuse('The handover is already confirmed by one side; it cannot be rescheduled.', 'handover-already-confirmed');
      }
      if ((action.crossingPoint === undefined) === (action.airportRef === undefined)) {
        refuse('Give exactly one place for the handover: crossingPoint or airportRef.', 'one-place-required');
      }
      if (f.arrest && action.date < f.arrest.date) refuse('The handover cannot be dated before the arrest.', 'handover-before-arrest');
      if (
        f.handover?.date === action.date &&
        f.handover.crossingPoint === (action.crossingPoint ?? null) &&
        f.handover.airportRef === (action.airportRef ?? null) &&
        f.handover.evidenceListRef === action.evidenceListRef
      ) {
        refuse('This handover is already scheduled so.', ALREADY_RECORDED);
      }
      return [
        event('HandoverScheduled', {
          date: action.date,
          crossingPoint: action.crossingPoint ?? null,
          airportRef: action.airportRef ?? null,
          evidenceListRef: action.evidenceListRef,
        }),
      ];
    case 'confirm_handover':
      if (!f.handover) refuse('Schedule the handover (date, place and evidence list) before confirming it.', 'handover-not-scheduled');
      if (f.handoverConfirmedBy[action.side])
        refuse(`The ${action.side} side has already confirmed this handover.`, ALREADY_RECORDED, { side: action.side });
      return [event('HandoverConfirmed', { side: action.side })];

    case 'record_escort':
      if (f.detentionFacilityRef) refuse('The escort to detention is already recorded.', ALREADY_RECORDED);
      return [event('EscortedToDetention', { detentionFacilityRef: action.detentionFacilityRef })];
    case 'confirm_custody':
      if (!f.detentionFacilityRef) refuse('Record the escort to detention before confirming custody.', 'escort-required');
      if (f.custodyConfirmed) refuse('Custody is already confirmed.', ALREADY_RECORDED);
      return [event('CustodyConfirmed')];

    case 'report_prosecution_outcome':
      return [
        event('ProsecutionOutcomeReported', { outcome: action.outcome }),
        event('CaseClosed', { outcome: action.outcome, completed: true, stage }),
      ];
  }
}

const sameCodes = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((c) => b.includes(c));

/** The receiving country could not confirm a check: it will not take the person, so the case ends. */
function refused(check: 'identity' | 'nationality' | 'warrant', stage: Stage): SuspectTransferEvent[] {
  return [event('ConfirmationRefused', { check }), event('CaseClosed', { outcome: `${check}_not_confirmed`, completed: false, stage })];
}

/** Appends `StageAdvanced` when the new events satisfy every exit gate of a stage that advances by itself. */
function withStageAdvance(state: SuspectTransferState, events: SuspectTransferEvent[]): SuspectTransferEvent[] {
  const after = events.reduce(evolve, state);
  if (after.status !== 'open' || after.stage === null) return events;
  const to = nextStage(after.stage);
  if (to === null) return events; // prosecution closes explicitly
  const ready = gatesFor(after, after.stage).every((gate) => gate.holds(after));
  return ready ? [...events, event('StageAdvanced', { from: after.stage, to })] : events;
}
