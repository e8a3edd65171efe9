/**
 * Charts drawn by hand in SVG (no chart library: the console's bundle stays small). A bar chart is
 * a table: each row's label, its bars and its numbers side by side, so a screen reader reads the
 * figures as a table and a sighted reader sees bars with the numbers beside them. The trend is a
 * line chart with a text alternative and its figures in a table under it.
 */
import type { ReactNode } from 'react';
import { useIntl } from 'react-intl';

export interface BarSeries {
  /** Column heading of this figure. */
  label: string;
  /** CSS class giving the bar its colour (and a pattern where colour alone would not tell). */
  tone: 'main' | 'alert' | 'light';
  /** Draw a bar for it (false: only its number is shown). */
  bar?: boolean;
}

export interface BarRow {
  key: string;
  label: ReactNode;
  values: number[];
  /** Shown instead of the number, e.g. "12.5 days". */
  display?: string[];
}

const WIDTH = 200;
const BAR = 14;

/** Rows of bars with their numbers; the bars of one row share a scale with every other row. */
export function BarTable({
  caption,
  rowHeading,
  series,
  rows,
  testId,
}: {
  caption: ReactNode;
  rowHeading: string;
  series: BarSeries[];
  rows: BarRow[];
  testId?: string;
}) {
  const intl = useIntl();
  const drawn = series.map((s, i) => ({ ...s, i })).filter((s) => s.bar !== false);
  const max = Math.max(1, ...rows.flatMap((r) => drawn.map((s) => r.values[s.i] ?? 0)));
  const height = drawn.length * (BAR + 4);
  return (
    <div className="chart-scroll" tabIndex={0} role="region" aria-label={typeof caption === 'string' ? caption : undefined}>
      <table className="bar-table" data-testid={testId}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{rowHeading}</th>
            <th scope="col" className="bar-cell">
              {/* One bar a row needs no key: its number's heading says what it is. */}
              {drawn.length > 1 ? (
                <span className="legend">
                  {drawn.map((s) => (
                    <span key={s.label} className="legend-item">
                      <span className={`swatch tone-${s.tone}`} aria-hidden="true" />
                      {s.label}
                    </span>
                  ))}
                </span>
              ) : null}
            </th>
            {series.map((s) => (
              <th key={s.label} scope="col" className="num">
                {s.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key} data-row={row.key}>
              <th scope="row">{row.label}</th>
              <td className="bar-cell">
                <svg viewBox={`0 0 ${WIDTH} ${height}`} width={WIDTH} height={height} aria-hidden="true" focusable="false">
                  {drawn.map((s, j) => {
                    const value = row.values[s.i] ?? 0;
                    const w = value > 0 ? Math.max(2, (value / max) * WIDTH) : 0;
                    return <rect key={s.label} className={`tone-${s.tone}`} x={0} y={j * (BAR + 4)} width={w} height={BAR} rx={2} />;
                  })}
                </svg>
              </td>
              {series.map((s, i) => (
                <td key={s.label} className="num">
                  {row.display?.[i] ?? intl.formatNumber(row.values[i] ?? 0)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export interface Line {
  label: string;
  tone: 'main' | 'alert' | 'light';
  values: number[];
}

/** A line per series over months, with its text alternative (`summary`); the figures go in a table beside it. */
export function TrendChart({ months, lines, summary }: { months: string[]; lines: Line[]; summary: string }) {
  const intl = useIntl();
  const w = 640;
  const h = 220;
  const pad = { left: 44, right: 12, top: 12, bottom: 36 };
  const max = Math.max(1, ...lines.flatMap((l) => l.values));
  const step = niceStep(max);
  const top = Math.ceil(max / step) * step;
  const x = (i: number) => pad.left + (months.length <= 1 ? 0 : (i / (months.length - 1)) * (w - pad.left - pad.right));
  const y = (v: number) => pad.top + (1 - v / top) * (h - pad.top - pad.bottom);
  const ticks = Array.from({ length: Math.round(top / step) + 1 }, (_, i) => i * step);
  const monthLabel = (month: string) => intl.formatDate(`${month}-15T12:00:00Z`, { month: 'short', timeZone: 'UTC' });
  return (
    <figure className="trend">
      <svg viewBox={`0 0 ${w} ${h}`} role="img" aria-label={summary} className="trend-svg">
        {ticks.map((t) => (
          <g key={t}>
            <line x1={pad.left} x2={w - pad.right} y1={y(t)} y2={y(t)} className="grid" />
            <text x={pad.left - 6} y={y(t) + 4} textAnchor="end" className="axis">
              {intl.formatNumber(t)}
            </text>
          </g>
        ))}
        {months.map((m, i) => (
          <text key={m} x={x(i)} y={h - 12} textAnchor="middle" className="axis">
            {monthLabel(m)}
          </text>
        ))}
        {lines.map((line) => (
          <g key={line.label} className={`line tone-${line.tone}`}>
            <polyline points={line.values.map((v, i) => `${x(i)},${y(v)}`).join(' ')} fill="none" />
            {line.values.map((v, i) => (
              <circle key={months[i]} cx={x(i)} cy={y(v)} r={3.5} />
            ))}
          </g>
        ))}
      </svg>
      <figcaption className="legend">
        {lines.map((line) => (
          <span key={line.label} className="legend-item">
            <span className={`swatch tone-${line.tone}`} aria-hidden="true" />
            {line.label}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}

/** 1, 2 or 5 times a power of ten, giving about four grid lines. */
function niceStep(max: number): number {
  const rough = max / 4;
  const power = 10 ** Math.floor(Math.log10(rough));
  const factor = [1, 2, 5, 10].find((f) => f * power >= rough) ?? 10;
  return Math.max(1, factor * power);
}
