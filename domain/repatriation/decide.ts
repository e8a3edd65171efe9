import type { IssuedCommand } from '../shared/decider.js';
import { ALREADY_RECORDED, reject, type Refuse } from '../shared/rejection.js';
import type { Action, ActionOf, ActionType, RepatriationCommand, SystemCommand } from './commands.js';
import { corridorOf, currentStep, holderOf } from './deadlines.js';
import { event, type RepatriationEvent } from './events.js';
import { evolve } from './evolve.js';
import { decideLink } from './links.js';
import { decideMatchDecision } from '../shared/person-match.js';
import { isRepeat } from './repeats.js';
import { ACTION_STAGE, ANY_STAGE_ACTIONS, gatesFor, nextStage, type AnyStageAction, type Stage } from './stages.js';
import { isChild, type RepatriationState } from './state.js';

/**
 * Decides what a command means for a case: the events to record, or a `CommandRejected` saying why
 * not. When the events satisfy every exit gate of the current stage, a `StageAdvanced` follows them,
 * so the history states each stage change explicitly.
 */
export function decide({ command }: IssuedCommand<RepatriationCommand>, state: RepatriationState): RepatriationEvent[] {
  if (command.type === 'open_case') {
    if (state.status === 'closed')
      reject('closed', state.stage ?? 'identification', 'The case is closed; it cannot be opened again.', 'case-closed', {
        outcome: state.outcome?.code ?? null,
      });
    if (state.status !== 'new') reject('rule', state.stage ?? 'identification', 'This case is already open.', 'already-open');
    if (command.hostCountry === command.originCountry) {
      reject('rule', 'identification', 'The host and origin country must differ for a cross-border return.', 'same-country');
    }
    const { type: _type, ...data } = command;
    return [event('CaseOpened', data)];
  }
  const stage = currentStage(state);
  if (state.status === 'closed') {
    reject('closed', stage, `The case is closed (${state.outcome?.code ?? 'closed'}); no further action is possible.`, 'case-closed', {
      outcome: state.outcome?.code ?? null,
    });
  }
  if (command.type === 'link_case') return decideLink(command, state, stage);
  if (command.type === 'record_match_decision') return decideMatchDecision(command, state.caseId, stage);
  if (isSystemCommand(command)) return decideSystem(command, state, stage);
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
  if (isRepeat(command, state.facts)) {
    reject('rule', stage, `"${command.type}" is already recorded with these values; a repeat records nothing.`, ALREADY_RECORDED, {
      action: command.type,
    });
  }
  return withStageAdvance(state, decideStageAction(command, state, stage));
}

function currentStage(state: RepatriationState): Stage {
  if (state.status === 'new' || state.stage === null) reject('rule', 'identification', 'The case has not been opened.', 'not-opened');
  return state.stage;
}

const SYSTEM_COMMANDS: ReadonlySet<string> = new Set(['apply_deadline_policy', 'flag_overdue', 'escalate_overdue']);

function isSystemCommand(command: Action | SystemCommand): command is SystemCommand {
  return SYSTEM_COMMANDS.has(command.type);
}

function decideSystem(command: SystemCommand, state: RepatriationState, stage: Stage): RepatriationEvent[] {
  switch (command.type) {
    case 'apply_deadline_policy':
      if (state.deadlinePolicy) reject('rule', stage, 'Deadlines are already set for this case.', ALREADY_RECORDED);
      if (state.hostCountry && state.originCountry && command.policy.corridor !== corridorOf(state.hostCountry, state.originCountry)) {
        reject(
          'rule',
          stage,
          `The deadlines are those of corridor ${command.policy.corridor}, not of this case's ${corridorOf(state.hostCountry, state.originCountry)}.`,
          'wrong-corridor',
        );
      }
      return [event('DeadlinePolicyApplied', { policy: command.policy })];
    case 'flag_overdue': {
      if (currentStep(state) !== command.step) reject('rule', stage, `The case no longer waits for ${command.step}.`, 'step-passed');
      if (state.overdue?.step === command.step) reject('rule', stage, `${command.step} is already flagged overdue.`, ALREADY_RECORDED);
      return [event('StepOverdue', { step: command.step, dueAt: command.dueAt, holder: holderOf(command.step, state) })];
    }
    case 'escalate_overdue':
      if (state.overdue?.step !== command.step || state.overdue.escalated)
        reject('rule', stage, `${command.step} is not awaiting escalation.`, 'not-awaiting-escalation');
      return [event('StepEscalated', { step: command.step, coordinatorsOf: [state.hostCountry!, state.originCountry!] })];
  }
}

function isAnyStageAction(action: Action): action is ActionOf<AnyStageAction> {
  return (ANY_STAGE_ACTIONS as readonly ActionType[]).includes(action.type);
}

function decideAnyStage(action: ActionOf<AnyStageAction>, state: RepatriationState, stage: Stage): RepatriationEvent[] {
  switch (action.type) {
    case 'end_case':
      return [event('CaseClosed', { outcome: action.reason, completed: false, stage })];
    case 'place_on_hold':
      if (state.hold)
        reject('rule', stage, `The case is already on hold (${state.hold.reason}).`, 'already-on-hold', { reason: state.hold.reason });
      return [event('HoldPlaced', { reason: action.reason, reviewDate: action.reviewDate })];
    case 'release_hold':
      if (!state.hold) reject('rule', stage, 'The case is not on hold.', 'not-on-hold');
      return [event('HoldReleased')];
  }
}

type StageAction = Exclude<Action, ActionOf<AnyStageAction>>;

function decideStageAction(action: StageAction, state: RepatriationState, stage: Stage): RepatriationEvent[] {
  const f = state.facts;
  const requireChild = () => {
    if (!isChild(state))
      reject('rule', stage, `"${action.type}" applies to children only; this case is an adult's.`, 'child-only', { action: action.type });
  };
  const refuse: Refuse = (message, code, params) => reject('rule', stage, message, code, params);

  switch (action.type) {
    case 'record_screening':
      if (action.outcome === 'not_a_victim') {
        return [
          event('ScreeningRecorded', { outcome: 'not_a_victim' }),
          event('CaseClosed', { outcome: 'screened_out', completed: false, stage }),
        ];
      }
      return [event('ScreeningRecorded', { outcome: action.outcome })];
    case 'record_identification':
      if (f.screening !== 'presumed_victim') refuse('Record the screening outcome before formal identification.', 'screening-required');
      return [event('VictimIdentified')];
    case 'record_consent':
      return [event('ConsentRecorded', { consent: action.consent })];
    case 'record_best_interests_determination':
      requireChild();
      if (!action.returnInBestInterests) {
        return [
          event('BestInterestsDetermined', { returnInBestInterests: false }),
          event('CaseClosed', { outcome: 'return_against_child_best_interests', completed: false, stage }),
        ];
      }
      return [event('BestInterestsDetermined', { returnInBestInterests: true })];
    case 'appoint_guardian':
      requireChild();
      return [event('GuardianAppointed', { guardianRef: action.guardianRef })];

    case 'send_verification_request':
      return [event('VerificationRequested', { toAgencyId: action.toAgencyId ?? null })];
    case 'record_nationality_verification':
      if (!f.verificationRequested) refuse('Send the verification request to the origin country first.', 'verification-request-required');
      if (f.nationality === 'verified')
        refuse('Nationality is already verified; it cannot be refused now.', 'nationality-already-verified');
      if (action.result === 'verified') {
        if (action.refusalReason || action.rerouteTo)
          refuse('refusalReason and rerouteTo apply only to a refusal.', 'refusal-fields-only-on-refusal');
        return [event('NationalityVerified')];
      }
      return decideRefusal(action, state, stage);
    case 'record_family_assessment':
      if (!f.verificationRequested) refuse('Send the verification and family tracing request first.', 'verification-request-required');
      if (action.result === 'not_safe' && isChild(state)) {
        return [
          event('FamilyAssessed', { result: 'not_safe' }),
          event('CaseClosed', { outcome: 'family_unsafe_for_child', completed: false, stage }),
        ];
      }
      return [event('FamilyAssessed', { result: action.result })];
    case 'record_travel_document':
      if (f.nationality !== 'verified') refuse('A travel document needs verified nationality.', 'nationality-not-verified');
      return [event('TravelDocumentIssued', { documentKind: action.documentKind })];

    case 'schedule_handover':
      if (f.handoverConfirmedBy.sending || f.handoverConfirmedBy.receiving) {
        refuse('The handover is already confirmed by one side; it cannot be rescheduled.', 'handover-already-confirmed');
      }
      return [event('HandoverScheduled', { date: action.date, crossingPoint: action.crossingPoint })];
    case 'confirm_handover':
      if (!f.handover) refuse('Schedule the handover (date and crossing point) before confirming it.', 'handover-not-scheduled');
      return [event('HandoverConfirmed', { side: action.side })];
    case 'record_custody_transfer':
      requireChild();
      if (!f.handover) refuse('Schedule the handover before recording the custody transfer.', 'handover-not-scheduled');
      return [event('CustodyTransferred', { toAgencyId: action.toAgencyId })];

    case 'record_reception':
      return [event('ReceptionRecorded', { facilityRef: action.facilityRef ?? null })];
    case 'record_escort_home':
      if (!f.received) refuse('Record the reception on the origin side before the escort home.', 'reception-required');
      return [event('EscortedHome')];
    case 'confirm_arrival':
      if (!f.escortedHome) refuse('Record the escort home before confirming arrival.', 'escort-home-required');
      return [event('ArrivalConfirmed')];

    case 'record_reintegration_plan':
      return [event('ReintegrationPlanRecorded')];
    case 'record_follow_up_visit':
      if (!f.reintegrationPlan) refuse('Record the reintegration plan before follow-up visits.', 'reintegration-plan-required');
      return [event('FollowUpVisitRecorded', { visitDate: action.visitDate })];
    case 'close_case': {
      const missing = gatesFor(state, stage).filter((gate) => !gate.holds(state));
      if (missing.length > 0)
        refuse(`The case cannot close yet: ${missing.map((g) => g.requirement.toLowerCase()).join('; ')}.`, 'gates-missing', {
          missing: missing.map((g) => g.id),
        });
      return [event('CaseClosed', { outcome: action.outcome, completed: true, stage })];
    }
  }
}

function decideRefusal(action: ActionOf<'record_nationality_verification'>, state: RepatriationState, stage: Stage): RepatriationEvent[] {
  if (!action.refusalReason) reject('rule', stage, 'A refusal needs a refusalReason.', 'refusal-reason-required');
  const refused = event('NationalityRefused', { reason: action.refusalReason });
  if (!action.rerouteTo) return [refused, event('CaseClosed', { outcome: 'nationality_refused', completed: false, stage })];
  if (action.rerouteTo === state.originCountry || action.rerouteTo === state.hostCountry) {
    reject('rule', stage, 'rerouteTo must name another origin country than the current origin and the host country.', 'invalid-reroute');
  }
  return [refused, event('CaseRerouted', { from: state.originCountry!, to: action.rerouteTo })];
}

/** Appends `StageAdvanced` when the new events satisfy every exit gate of a stage that advances by itself. */
function withStageAdvance(state: RepatriationState, events: RepatriationEvent[]): RepatriationEvent[] {
  const after = events.reduce(evolve, state);
  if (after.status !== 'open' || after.stage === null) return events;
  const to = nextStage(after.stage);
  if (to === null) return events; // reintegration closes explicitly
  const ready = gatesFor(after, after.stage).every((gate) => gate.holds(after));
  return ready ? [...events, event('StageAdvanced', { from: after.stage, to })] : events;
}
