/**
 * The `stage_visits` read model: one row per case and stage entered, with when the case entered
 * and left it, whether the victim's arrival home was confirmed during it, and whether the case
 * ended early there. The flow per stage and the trend over months (store/monitoring.ts,
 * store/flow-trend.ts) read it instead of windowing the event store. The same fold serves the live
 * (inline) update, which knows only the events of one append, and the rebuild, which folds whole
 * streams.
 */
import type { Transaction } from 'kysely';
import type { Database, StageVisitsTable } from '../schema.js';
import type { CaseRowFold } from './cases.js';
import type { FoldedEvent } from './rebuild-read.js';

/** A visit as the fold keeps it; `entered_position` null: the visit the case was in before this append (its row exists). */
export interface VisitDraft {
  entered_position: number | null;
  stage: string;
  entered_at: Date | null;
  left_at: Date | null;
  arrived_at: Date | null;
  ended_early: boolean;
}

/** The visit a case is in before an append, as far as the append's events can change it. */
export const currentVisit = (): VisitDraft => ({
  entered_position: null,
  stage: '',
  entered_at: null,
  left_at: null,
  arrived_at: null,
  ended_early: false,
});

const entered = (stored: FoldedEvent, stage: string): VisitDraft => ({
  entered_position: stored.streamPosition,
  stage,
  entered_at: stored.recordedAt,
  left_at: null,
  arrived_at: null,
  ended_early: false,
});

/** Applies one event of a case to its visits (the open one is the last, while its `left_at` is null). */
export function foldVisitsInPlace(visits: VisitDraft[], stored: FoldedEvent): void {
  const last = visits.at(-1);
  const open = last && last.left_at === null ? last : undefined;
  switch (stored.type) {
    case 'CaseOpened':
      visits.push(entered(stored, 'identification'));
      return;
    case 'StageAdvanced':
      if (open) open.left_at = stored.recordedAt;
      visits.push(entered(stored, String((stored.data as { to: string }).to)));
      return;
    case 'CaseClosed':
      if (!open) return;
      open.left_at = stored.recordedAt;
      open.ended_early = (stored.data as { completed: boolean }).completed === false;
      return;
    case 'ArrivalConfirmed':
      if (open) open.arrived_at = stored.recordedAt;
      return;
  }
}

/** The events that change a case's visits: an append of none of these writes no visit. */
const VISIT_EVENTS = new Set(['CaseOpened', 'StageAdvanced', 'CaseClosed', 'ArrivalConfirmed']);

/** The rows of visits folded from whole streams (the rebuild), on the case's corridor. */
export function visitRows(visits: VisitDraft[], fold: CaseRowFold): StageVisitsTable[] {
  return visits.map((visit) => ({
    case_id: fold.state.caseId!,
    entered_position: visit.entered_position!,
    stage: visit.stage,
    host_country: fold.state.hostCountry!,
    origin_country: fold.state.originCountry!,
    entered_at: visit.entered_at!,
    left_at: visit.left_at,
    arrived_at: visit.arrived_at,
    ended_early: visit.ended_early,
  }));
}

/**
 * Inline projection of one append of a case stream, in its transaction, after the `cases` row:
 * updates the visit the case was in, adds the visits entered, and moves every visit to the case's
 * corridor when the append changed it (a rerouted case counts on its new corridor, as its row does).
 */
export async function projectStageVisits(
  trx: Transaction<Database>,
  events: FoldedEvent[],
  before: CaseRowFold,
  after: CaseRowFold,
): Promise<void> {
  const caseId = after.state.caseId!;
  const corridor = { host_country: after.state.hostCountry!, origin_country: after.state.originCountry! };
  const rerouted =
    before.state.caseId !== null &&
    (before.state.hostCountry !== after.state.hostCountry || before.state.originCountry !== after.state.originCountry);
  if (rerouted) await trx.updateTable('stage_visits').set(corridor).where('case_id', '=', caseId).execute();
  if (!events.some((stored) => VISIT_EVENTS.has(stored.type))) return;

  const previous = currentVisit();
  const visits = before.state.caseId === null ? [] : [previous];
  for (const stored of events) foldVisitsInPlace(visits, stored);
  const patch = {
    ...(previous.left_at ? { left_at: previous.left_at } : {}),
    ...(previous.arrived_at ? { arrived_at: previous.arrived_at } : {}),
    ...(previous.ended_early ? { ended_early: true } : {}),
  };
  if (Object.keys(patch).length > 0)
    await trx.updateTable('stage_visits').set(patch).where('case_id', '=', caseId).where('left_at', 'is', null).execute();
  const added = visits.filter((visit) => visit.entered_position !== null);
  if (added.length > 0) await trx.insertInto('stage_visits').values(visitRows(added, after)).execute();
}
