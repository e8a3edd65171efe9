/**
 * The period summary in the shape agencies publish (victims repatriated by sex, age group,
 * nationality and corridor; suspects transferred; cases ended early by reason) for a chosen
 * period: totals, a bar table for each breakdown, and the API's own CSV to download.
 */
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { FormattedMessage } from 'react-intl';
import { api, ApiProblem } from '../api.js';
import { useTerms } from '../i18n/terms.js';
import { Banner, Button, Loading } from '../ui/kit.js';
import { BarTable } from './charts.js';
import { queryOf, type PeriodSummary } from './data.js';
import { useFilters } from '../ui/filters.js';
import { CorridorFilter, useCorridorName } from './filters.js';
import './monitoring.css';

const today = () => new Date().toISOString().slice(0, 10);
const startOfYear = () => `${new Date().getUTCFullYear()}-01-01`;

export function Summary() {
  const { t, code, problem, intl } = useTerms();
  const corridorName = useCorridorName();
  const { values, set, update } = useFilters(['from', 'to', 'corridor'] as const);
  const period = { from: values.from || startOfYear(), to: values.to || today() };
  const [draft, setDraft] = useState(period);
  const query = queryOf({ ...period, corridor: values.corridor });
  const summary = useQuery({
    queryKey: ['monitoring', 'summary', query],
    queryFn: () => api<PeriodSummary>('GET', `/v1/statistics/summary?${query}`),
  });

  function apply(event: FormEvent) {
    event.preventDefault();
    update({ from: draft.from, to: draft.to });
  }

  const rows = (counts: Record<string, number>, label: (key: string) => string) =>
    Object.entries(counts)
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([key, n]) => ({ key, label: label(key), values: [n] }));
  const countSeries = [{ label: t('monitoring.col.people'), tone: 'main' as const }];
  const s = summary.data;

  return (
    <section aria-labelledby="summary-title">
      <h1 id="summary-title">
        <FormattedMessage id="monitoring.summary.title" />
      </h1>
      <form className="period" onSubmit={apply} aria-label={t('monitoring.summary.period')}>
        <div className="filter">
          <label htmlFor="summary-from">
            <FormattedMessage id="monitoring.summary.from" />
          </label>
          <input
            id="summary-from"
            type="date"
            value={draft.from}
            max={draft.to}
            onChange={(e) => setDraft({ ...draft, from: e.target.value })}
          />
        </div>
        <div className="filter">
          <label htmlFor="summary-to">
            <FormattedMessage id="monitoring.summary.to" />
          </label>
          <input
            id="summary-to"
            type="date"
            value={draft.to}
            min={draft.from}
            onChange={(e) => setDraft({ ...draft, to: e.target.value })}
          />
        </div>
        <Button type="submit" kind="secondary">
          <FormattedMessage id="monitoring.summary.show" />
        </Button>
        <CorridorFilter value={values.corridor} onChange={(v) => set('corridor', v)} />
        <a
          className="btn btn-primary"
          href={`/v1/statistics/summary?${queryOf({ ...period, corridor: values.corridor, format: 'csv' })}`}
          download
        >
          <FormattedMessage id="monitoring.summary.csv" />
        </a>
      </form>
      {summary.error ? (
        <Banner kind="error">{problem(summary.error instanceof ApiProblem ? summary.error.problem : { status: 0 })}</Banner>
      ) : null}
      {summary.isPending ? <Loading /> : null}
      {s ? (
        <>
          <p className="dash-lead" data-testid="summary-lead">
            {t('monitoring.summary.lead', {
              from: intl.formatDate(`${s.from}T12:00:00Z`, { dateStyle: 'long', timeZone: 'UTC' }),
              to: intl.formatDate(`${s.to}T12:00:00Z`, { dateStyle: 'long', timeZone: 'UTC' }),
              victims: s.victimsRepatriated.total,
              suspects: s.suspectsTransferred.total,
              ended: s.endedEarly.total,
            })}
          </p>
          <ul className="totals" aria-label={t('monitoring.summary.totals')}>
            <Total testId="total-victims" label={t('monitoring.summary.victims')} value={s.victimsRepatriated.total} />
            <Total testId="total-suspects" label={t('monitoring.summary.suspects')} value={s.suspectsTransferred.total} />
            <Total testId="total-foreign" label={t('monitoring.summary.foreignSuspects')} value={s.suspectsTransferred.foreignNationals} />
            <Total testId="total-ended" label={t('monitoring.summary.endedEarly')} value={s.endedEarly.total} />
          </ul>
          <div className="charts-grid narrow">
            <Breakdown
              testId="by-sex"
              caption={t('monitoring.summary.bySex')}
              heading={t('field.sex')}
              rows={rows(s.victimsRepatriated.bySex, (k) => t(`sex.${k}`))}
              series={countSeries}
            />
            <Breakdown
              testId="by-age"
              caption={t('monitoring.summary.byAge')}
              heading={t('field.ageGroup')}
              rows={rows(s.victimsRepatriated.byAgeGroup, (k) => t(`ageGroup.${k}`))}
              series={countSeries}
            />
            <Breakdown
              testId="by-nationality"
              caption={t('monitoring.summary.byNationality')}
              heading={t('monitoring.col.nationality')}
              rows={rows(s.victimsRepatriated.byNationality, code)}
              series={countSeries}
            />
            <Breakdown
              testId="by-corridor"
              caption={t('monitoring.summary.byCorridor')}
              heading={t('monitoring.filter.corridor')}
              rows={rows(s.victimsRepatriated.byCorridor, corridorName)}
              series={countSeries}
            />
            <Breakdown
              testId="suspects-by-nationality"
              caption={t('monitoring.summary.suspectsByNationality')}
              heading={t('monitoring.col.nationality')}
              rows={rows(s.suspectsTransferred.byNationality, code)}
              series={countSeries}
            />
            <Breakdown
              testId="ended-by-reason"
              caption={t('monitoring.summary.endedByReason')}
              heading={t('field.reason')}
              rows={rows(s.endedEarly.byReason, (k) => code(k))}
              series={[{ label: t('monitoring.col.cases'), tone: 'alert' }]}
            />
          </div>
        </>
      ) : null}
    </section>
  );
}

function Total({ label, value, testId }: { label: string; value: number; testId: string }) {
  const { intl } = useTerms();
  return (
    <li className="total" data-testid={testId}>
      <span className="total-value">{intl.formatNumber(value)}</span>
      {label}
    </li>
  );
}

function Breakdown(props: {
  caption: string;
  heading: string;
  rows: { key: string; label: string; values: number[] }[];
  series: { label: string; tone: 'main' | 'alert' }[];
  testId: string;
}) {
  const { t } = useTerms();
  return (
    <div className="dash-section">
      {props.rows.length === 0 ? (
        <>
          <h2 className="chart-caption">{props.caption}</h2>
          <p className="empty" data-testid={props.testId}>
            {t('monitoring.summary.none')}
          </p>
        </>
      ) : (
        <BarTable testId={props.testId} caption={props.caption} rowHeading={props.heading} series={props.series} rows={props.rows} />
      )}
    </div>
  );
}
