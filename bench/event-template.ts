/**
 * Realistic case histories for seeding and for append payloads, produced by the real decider (so
 * they are histories `evolve` and the projections accept), not hand-written JSON that could drift
 * from the domain. A long path is built once; a seeded case takes a prefix of it.
 */
import {
  decide,
  evolve,
  initialState,
  resolveDeadlinePolicy,
  type Action,
  type RepatriationCommand,
  type RepatriationEvent,
} from '../domain/repatriation/index.js';
import { benchActor, openCommand } from './fixtures.js';

const hold: Action[] = [{ type: 'place_on_hold', reason: 'court_witness', reviewDate: '2027-03-01' }, { type: 'release_hold' }];

const identification = (child: boolean): Action[] => [
  { type: 'record_screening', outcome: 'presumed_victim' },
  { type: 'record_identification' },
  { type: 'record_consent', consent: 'given' },
  ...(child
    ? ([
        { type: 'record_best_interests_determination', returnInBestInterests: true },
        { type: 'appoint_guardian', guardianRef: 'guardian-ref-17' },
      ] as Action[])
    : []),
];

const verification: Action[] = [
  { type: 'send_verification_request', toAgencyId: 'mm-dsw-naypyitaw' },
  ...hold,
  { type: 'record_nationality_verification', result: 'verified' },
  { type: 'record_family_assessment', result: 'safe' },
  { type: 'record_travel_document', documentKind: 'certificate_of_identity' },
];

const handover = (child: boolean): Action[] => [
  { type: 'schedule_handover', date: '2026-12-15', crossingPoint: 'mae-sot-myawaddy' },
  ...(child ? ([{ type: 'record_custody_transfer', toAgencyId: 'mm-dsw-myawaddy' }] as Action[]) : []),
  { type: 'confirm_handover', side: 'sending' },
  { type: 'confirm_handover', side: 'receiving' },
];

const escortAndReintegration = (visits: number): Action[] => [
  { type: 'record_reception', facilityRef: 'mm-dsw-reception-1' },
  { type: 'record_escort_home' },
  { type: 'confirm_arrival' },
  { type: 'record_reintegration_plan' },
  ...Array.from({ length: visits }, (_, i): Action => ({
    type: 'record_follow_up_visit',
    // One visit a month: a repeat of the same visit is refused by the decider (already-recorded).
    visitDate: `${2027 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-15`,
  })),
  ...hold,
  { type: 'close_case', outcome: 'reintegrated' },
];

export interface TemplateEvent {
  type: string;
  data: Record<string, unknown>;
}

/**
 * A whole case history of at least `minLength` events: identification to closing, with a hold in
 * verification and follow-up visits padding reintegration. The CaseOpened and DeadlinePolicyApplied
 * data are placeholders that the seed replaces per case (ids, corridor and its deadlines).
 */
export function caseHistory(options: { child: boolean; minLength: number }): TemplateEvent[] {
  for (let visits = 1; ; visits++) {
    const actions = [...identification(options.child), ...verification, ...handover(options.child), ...escortAndReintegration(visits)];
    const events = play(actions, options.child);
    if (events.length >= options.minLength) return events.map((e) => ({ type: e.type, data: e.data as Record<string, unknown> }));
  }
}

function play(actions: Action[], child: boolean): RepatriationEvent[] {
  // Fixed ids, so the same domain code always yields the same template (the seed's fingerprint).
  const open = { ...openCommand(child ? 0 : 1, '00000000-0000-4000-8000-000000000000'), personId: '00000000-0000-4000-8000-000000000001' };
  let state = initialState();
  const history: RepatriationEvent[] = [];
  // As the case workflow does at opening: the corridor's deadlines, recorded right after CaseOpened.
  const policy: RepatriationCommand = {
    type: 'apply_deadline_policy',
    policy: resolveDeadlinePolicy(open.hostCountry, open.originCountry),
  };
  for (const command of [open, policy, ...actions]) {
    const events = decide({ command, actor: benchActor }, state);
    state = events.reduce(evolve, state);
    history.push(...events);
  }
  if (state.status !== 'closed') throw new Error(`bench template: the path does not close the case (stage ${state.stage})`);
  return history;
}
