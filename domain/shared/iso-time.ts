/**
 * ISO times (`2024-05-01T12:34:56.789Z`) from epoch milliseconds, exactly as
 * `new Date(ms).toISOString()` writes them, without its cost: V8 runs toISOString in its C++
 * runtime, and a projection rebuild formats several times per event (the
 * recorded time for the step clock, each step's due and escalation times, the rows' times for
 * COPY). Anything outside the common case (years before 1970 or after 9999, fractions of a
 * millisecond, NaN) goes to toISOString, so the result stays its own. (Date.parse of this format is
 * already fast in V8, so there is no reader here.)
 */

const DAY_MS = 86_400_000;
/** 10000-01-01T00:00:00.000Z: from here on toISOString writes six-digit years. */
const YEAR_10000_MS = 253_402_300_800_000;

// Padding by comparison, not lookup tables: a workflow's sandbox evaluates every module of the bundle
// afresh for each workflow it starts, so tables built at load cost every case opening.
const pad2 = (n: number): string => (n < 10 ? `0${n}` : `${n}`);
const pad3 = (n: number): string => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : `${n}`);

/** `new Date(ms).toISOString()`. */
export function isoTime(ms: number): string {
  if (!(ms >= 0 && ms < YEAR_10000_MS) || !Number.isInteger(ms)) return new Date(ms).toISOString();
  const days = Math.floor(ms / DAY_MS);
  let rest = ms - days * DAY_MS;
  const millis = rest % 1000;
  rest = (rest - millis) / 1000;
  const seconds = rest % 60;
  rest = (rest - seconds) / 60;
  const minutes = rest % 60;
  const hours = (rest - minutes) / 60;
  // The proleptic Gregorian date of a day number (H. Hinnant's civil_from_days; days >= 0 here).
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${year}-${pad2(month)}-${pad2(day)}T${pad2(hours)}:${pad2(minutes)}:${pad2(seconds)}.${pad3(millis)}Z`;
}
