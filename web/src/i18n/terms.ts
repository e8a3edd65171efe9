/**
 * Translations of the process's codes: stages, gates, actions, events, outcomes, refusals. Every
 * code a screen shows goes through here; a message's parameters that are themselves codes are
 * translated before they go into the sentence.
 */
import { useIntl, type IntlShape } from 'react-intl';
import { problemCode, type FieldProblem, type ProblemDocument } from '../api.js';
import type { CaseEvent } from '../types.js';

/** Prefixes under which a parameter value that is a code may have a translation, in this order. */
const CODE_PREFIXES = ['stage', 'gate', 'choice', 'sex', 'ageGroup', 'side', 'country', 'status', 'action', 'step'] as const;

export function translateCode(intl: IntlShape, value: string): string {
  for (const prefix of CODE_PREFIXES) {
    const id = `${prefix}.${value}`;
    if (intl.messages[id] !== undefined) return intl.formatMessage({ id });
  }
  return value;
}

function translateParams(intl: IntlShape, params: Record<string, unknown> = {}): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(params)) {
    if (Array.isArray(value)) {
      out[key] = intl.formatList(
        value.map((v) => translateCode(intl, String(v))),
        { type: 'conjunction' },
      );
      out[`${key}Count`] = value.length;
    } else if (typeof value === 'number') out[key] = value;
    else if (typeof value === 'boolean') out[key] = intl.formatMessage({ id: value ? 'choice.true' : 'choice.false' });
    else if (typeof value === 'string') out[key] = /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatDay(intl, value) : translateCode(intl, value);
    else out[key] = String(value ?? '');
  }
  return out;
}

/** A calendar date (YYYY-MM-DD) as the reader writes dates; it is a day, not an instant. */
export function formatDay(intl: IntlShape, day: string): string {
  return intl.formatDate(`${day}T12:00:00Z`, { dateStyle: 'medium', timeZone: 'UTC' });
}

/** The problem's reason in the reader's language, from its code and parameters. */
export function problemText(intl: IntlShape, problem: ProblemDocument): string {
  const code = problemCode(problem);
  const params = translateParams(intl, { ...(problem.stage ? { stage: problem.stage } : {}), ...problem.params });
  const id = `problem.${code}`;
  if (intl.messages[id] !== undefined) return intl.formatMessage({ id }, params);
  return intl.formatMessage({ id: `problem.status.${statusClass(problem.status)}` }, params);
}

function statusClass(status: number): string {
  if ([0, 400, 401, 403, 404, 409, 422, 429, 503].includes(status)) return String(status);
  return status >= 500 ? '500' : '400';
}

/** A field's problem in the reader's language; without a code, a plain "not valid". */
export function fieldProblemText(intl: IntlShape, problem: FieldProblem): string {
  const id = `fieldError.${problem.code ?? 'invalid'}`;
  const params = translateParams(intl, problem.params);
  if (intl.messages[id] !== undefined) return intl.formatMessage({ id }, params);
  return intl.formatMessage({ id: 'fieldError.invalid' }, params);
}

/** What happened, in words: "Screening recorded: presumed victim". */
export function eventText(intl: IntlShape, event: CaseEvent): string {
  const id = `event.${event.type}`;
  const params = translateParams(intl, event.data);
  if (intl.messages[id] !== undefined) return intl.formatMessage({ id }, params);
  return intl.formatMessage({ id: 'event.other' });
}

/** Days until a deadline (negative when overdue), counted in whole days. */
export function daysUntil(iso: string, now = Date.now()): number {
  return Math.round((Date.parse(iso) - now) / 86_400_000);
}

export function useTerms() {
  const intl = useIntl();
  const t = (id: string, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
  return {
    intl,
    t,
    code: (value: string) => translateCode(intl, value),
    problem: (p: ProblemDocument) => problemText(intl, p),
    fieldProblem: (p: FieldProblem) => fieldProblemText(intl, p),
    event: (e: CaseEvent) => eventText(intl, e),
    day: (d: string) => formatDay(intl, d),
    when: (iso: string) => intl.formatDate(iso, { dateStyle: 'medium', timeStyle: 'short' }),
    has: (id: string) => intl.messages[id] !== undefined,
  };
}
