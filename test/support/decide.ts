/** The repatriation decider as its tests mostly call it: a command by a caseworker of the host agency. */
import { decide, type RepatriationCommand, type RepatriationEvent, type RepatriationState } from '../../domain/repatriation/index.js';
import type { Actor } from '../../domain/shared/actor.js';

export const TEST_ACTOR: Actor = { userId: 'u-test', agencyId: 'th-dsdhs-bangkok', role: 'caseworker' };

export const decideCommand = (command: RepatriationCommand, state: RepatriationState): RepatriationEvent[] =>
  decide({ command, actor: TEST_ACTOR }, state);
