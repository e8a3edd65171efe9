/**
 * Possible matches for a case, for one caller (issue 21). The search and the access checks are the
 * same work whoever asks; only what is returned differs, so a caller without the right learns
 * nothing, not even that a match exists. Only the few persons returned are decrypted, each read
 * audited, and only for a caller allowed to see the personal details of both cases.
 */
import { PersonUnreadable } from '../store/persons.js';
import { sql } from 'kysely';
import { Type } from 'typebox';
import { explain, type MatchReason } from '../platform/matching/reasons.js';
import { MAX_SUGGESTIONS } from '../platform/matching/keys.js';
import { audit } from '../store/audit.js';
import type { CaseRow } from '../store/case-queries.js';
import { matchSubject, profileOf } from '../store/match-index.js';
import { matchDecisionsOf, rememberPossibleMatches } from '../store/person-matches.js';
import type { PersonDetails } from '../store/persons.js';
import { mayReadPersonalData, type Caller } from './access.js';
import type { AppDeps } from './deps.js';
import { problems } from './problem.js';
import { PersonDetailsSchema } from './schemas.js';

export const PossibleMatch = Type.Object({
  personId: Type.String(),
  score: Type.Number({ description: 'Higher is more alike; suggestions start at 5.5 (see README, "Matching").' }),
  reasons: Type.Array(Type.String(), {
    description:
      'same_document_number, same_name, name_in_other_script, similar_name, other_names, same_birth_year, birth_year_within_one, same_sex, same_nationality',
  }),
  cases: Type.Array(
    Type.Object({
      caseId: Type.String(),
      kind: Type.String(),
      status: Type.String(),
      stage: Type.String(),
      hostCountry: Type.String(),
      originCountry: Type.String(),
    }),
  ),
  person: PersonDetailsSchema,
});
export const PossibleMatches = Type.Array(PossibleMatch, {
  description: 'Persons already known who may be this one, best first; only for a reader allowed to see both.',
});

/** Ranked persons looked at before access filtering: enough that hidden ones do not crowd out the rest. */
const SEARCH_DEPTH = 20;

export interface Suggestion {
  personId: string;
  score: number;
  reasons: MatchReason[];
  cases: { caseId: string; kind: string; status: string; stage: string; hostCountry: string; originCountry: string }[];
  person: PersonDetails;
}

const personOf = (row: CaseRow): string => (row.state as { personId?: string }).personId!;

async function caseRowsOfPersons(deps: AppDeps, personIds: readonly string[]): Promise<CaseRow[]> {
  if (personIds.length === 0) return [];
  return deps.db
    .selectFrom('cases')
    .selectAll()
    .where(sql<string>`state->>'personId'`, 'in', personIds)
    .orderBy('opened_at')
    .orderBy('case_id')
    .execute();
}

/** The suggestions shown as a case or transfer opens (empty when matching is not configured). */
export async function possibleMatchesAtOpening(deps: AppDeps, caller: Caller, caseId: string): Promise<Suggestion[]> {
  if (!deps.matching) return [];
  const row = await deps.db.selectFrom('cases').selectAll().where('case_id', '=', caseId).executeTakeFirst();
  return row ? possibleMatches(deps, caller, row) : [];
}

/**
 * A candidate this process cannot decrypt (sealed under a master key it is not given, or failing its
 * integrity check) is no suggestion: matching only advises, and must never stop a case from opening.
 * The candidate's own case page reports the unreadable record where it belongs.
 */
async function readableOrNone(deps: AppDeps, personId: string, trx: Parameters<AppDeps['vault']['find']>[1]) {
  try {
    return await deps.vault.find(personId, trx);
  } catch (error) {
    if (error instanceof PersonUnreadable) return undefined;
    throw error;
  }
}

export async function possibleMatches(deps: AppDeps, caller: Caller, row: CaseRow): Promise<Suggestion[]> {
  if (!deps.matching) throw problems.unavailable('Matching is not configured (HOMEWARD_MATCH_KEYS).');
  const personId = personOf(row);
  // Pairs already decided (same person, not the same, a link undone) are not suggested again.
  const decided = [...(await matchDecisionsOf(deps.db, row.case_id)).keys()];
  const decidedPersons = decided.length
    ? (
        await deps.db
          .selectFrom('cases')
          .select(sql<string>`state->>'personId'`.as('p'))
          .where('case_id', 'in', decided)
          .execute()
      ).map((r) => r.p)
    : [];
  const ranked = await deps.matching.search(personId, decidedPersons, SEARCH_DEPTH);
  const cases = await caseRowsOfPersons(
    deps,
    ranked.map((r) => r.personId),
  );
  const scoreOf = new Map(ranked.map((r) => [r.personId, r.score]));
  await rememberPossibleMatches(
    deps.db,
    row.case_id,
    cases.map((c) => ({ caseId: c.case_id, score: scoreOf.get(personOf(c))! })),
  );
  const mayReadQuery = await mayReadPersonalData(deps.db, caller, row);
  const readable = new Set<string>();
  for (const c of cases) if (await mayReadPersonalData(deps.db, caller, c)) readable.add(c.case_id);
  if (!mayReadQuery) return [];

  const shown = ranked.filter((r) => cases.some((c) => personOf(c) === r.personId && readable.has(c.case_id))).slice(0, MAX_SUGGESTIONS);
  if (shown.length === 0) return [];
  return deps.db.transaction().execute(async (trx) => {
    await audit(trx, { actor: caller.actor, action: 'person.read', outcome: 'ok', caseId: row.case_id, personId });
    const own = await deps.vault.find(personId, trx);
    if (!own || own.erased) return [];
    const ownSubject = matchSubject(own.details, profileOf(row));
    const suggestions: Suggestion[] = [];
    for (const { personId: other, score } of shown) {
      const theirCases = cases.filter((c) => personOf(c) === other && readable.has(c.case_id));
      await audit(trx, { actor: caller.actor, action: 'person.read', outcome: 'ok', caseId: theirCases[0]!.case_id, personId: other });
      const record = await readableOrNone(deps, other, trx);
      if (!record || record.erased) continue;
      suggestions.push({
        personId: other,
        score,
        reasons: explain(ownSubject, matchSubject(record.details, profileOf(theirCases[0]!))),
        cases: theirCases.map((c) => ({
          caseId: c.case_id,
          kind: c.kind,
          status: c.status,
          stage: c.stage,
          hostCountry: c.host_country.trim(),
          originCountry: c.origin_country.trim(),
        })),
        person: record.details,
      });
    }
    return suggestions;
  });
}
