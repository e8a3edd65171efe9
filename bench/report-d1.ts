/** The D1 section of BENCHMARKS.md: the dashboards' API at the P4 scale (bench/d1-dashboards.ts). */
import { D1_BASELINE, type D1Result } from './d1-dashboards.js';
import type { Row } from './report.js';
import { formatRatio, formatSeries, median, ratios } from './stats.js';

export const D1_START = '<!-- D1: the dashboards (bench/d1-dashboards.ts) -->';
export const D1_END = '<!-- /D1 -->';

export interface D1Context {
  cases: number;
  events: number;
  at?: { at: string; load: number[] };
  notes?: string[];
}

/** A dashboard request answers within 10x the API's cheapest request at this scale; a screen needs two or three. */
const GOAL = 10;

export function explainD1(d1: D1Result | undefined, context: D1Context): { rows: Row[]; text: string } | undefined {
  if (!d1) return undefined;
  const base = d1.figures[D1_BASELINE]!;
  const rows: Row[] = [];
  const lines: string[] = [];
  for (const [label, f] of Object.entries(d1.figures)) {
    if (label === D1_BASELINE) continue;
    const ratio = ratios(f.p50, base.p50);
    const verdict = median(ratio) <= GOAL ? 'met' : 'missed';
    rows.push({
      id: 'D1',
      measure: label,
      result: `${formatSeries(f.p50, 'ms')} p50`,
      baseline: `${formatSeries(base.p50, 'ms')} p50`,
      ratio: formatRatio(ratio),
      goal: `<= ${GOAL}x`,
      verdict,
    });
    lines.push(`| ${label} | ${formatSeries(f.p50, 'ms')} | ${formatSeries(f.p99, 'ms')} | ${formatRatio(ratio)} | ${verdict} |`);
  }
  const s = d1.shape;
  const text = [
    D1_START,
    "## D1: the coordinators' dashboards through the API (issue 19)",
    '',
    `On the P4 data set: ${context.cases.toLocaleString('en-US')} cases / ${context.events.toLocaleString('en-US')} events. ` +
      'Each request goes through the whole API with `inject` (authentication of a development token, validation, the country ' +
      'scope of a Thai coordinator, the audit entry every request writes), one at a time, round-robin; ' +
      `${d1.iterations} of each per run, ${base.p50.length} runs. The baseline is \`GET /v1/me\` through the same API: ` +
      'what any request costs. Goal: each dashboard request within ' +
      `${GOAL}x of it (a screen asks two or three, at once). ` +
      "The app reads as the tables' owner here (no `appDb`), so the row-level-security policies that production's " +
      "`homeward_app` role adds under the API's own scope (api/scope.ts) do not run in these figures." +
      (context.at ? ` Ran at ${context.at.at.slice(0, 16).replace('T', ' ')} UTC, load average ${context.at.load.join(' / ')}.` : ''),
    '',
    `What the requests found: ${s.stalledOverdue.toLocaleString('en-US')} overdue cases for Thailand (the stall points count ` +
      `all of them, with the first page only); pages of ${s.stalledPageSize}; the deep page is page ${s.deepPage}, read through the keyset ` +
      `cursor; ${s.flowRows} rows of flow per stage; ${s.trendMonths} months of trend.`,
    '',
    '| request | p50 | p99 | p50 / baseline | goal <= 10x |',
    '|---|---|---|---|---|',
    `| ${D1_BASELINE} | ${formatSeries(base.p50, 'ms')} | ${formatSeries(base.p99, 'ms')} | 1x | - |`,
    ...lines,
    '',
    'Reading it: the stalled pages read the partial index `cases_open_by_due` from where the cursor left off, so page 20 ' +
      'costs what page 1 does. The first page also brings the stall points, counted per side of the border from the partial ' +
      'indexes `cases_open_host_due` and `cases_open_origin_due` (index-only: they hold the stage and step too); a page ' +
      'after it (a cursor) is its index read alone. The agency filter checks each overdue case for an open task of the agency.',
    '',
    'What limits it: the flow per stage reads the `stage_visits` read model (one row per case and stage entered, kept in ' +
      "the append's transaction; migration 0017), a grouped read of the country's visits (some 175,000 here) sorted for the " +
      'two percentiles: it costs in proportion to the visits of the filter, not to the events, and no longer windows every ' +
      'stage entry of the event store. The trend reads the same rows for its months. The summary still reads its event ' +
      'types by time through `events_type_recorded` and costs what its period holds. Percentiles over a time window cannot ' +
      'be kept as running counts; a yet cheaper flow would keep per-stage, per-corridor histograms of days.',
    ...(context.notes?.length ? ['', ...context.notes.map((n) => `- ${n}`)] : []),
    D1_END,
  ].join('\n');
  return { rows, text };
}
