/**
 * Flow through the stages, for a minister's adviser in ten seconds: where the process stalls, in
 * words; cases in each stage with the overdue among them; median and 90th-percentile days in each
 * stage; and the months' trend of cases opened and returned home. Every chart has its numbers
 * beside it (the bar charts are tables; the trend has a text alternative and a table).
 */
import { useQuery } from '@tanstack/react-query';
import { FormattedMessage } from 'react-intl';
import { api, ApiProblem } from '../api.js';
import { STAGES } from '../case/process.js';
import { useTerms } from '../i18n/terms.js';
import { Banner, Loading } from '../ui/kit.js';
import { BarTable, TrendChart } from './charts.js';
import { queryOf, type StageFlow, type StalledPage, type FlowMonth } from './data.js';
import { useFilters } from '../ui/filters.js';
import { CorridorFilter } from './filters.js';
import { StallSummary } from './stall-summary.js';
import './monitoring.css';

const MONTHS = 12;

export function Flow() {
  const { t, code, problem } = useTerms();
  const { values, set } = useFilters(['corridor'] as const);
  const filter = queryOf(values);
  const flow = useQuery({
    queryKey: ['monitoring', 'flow', filter],
    queryFn: () => api<{ items: StageFlow[] }>('GET', `/v1/statistics/flow?${queryOf({ ...values, combined: true })}`),
  });
  const trend = useQuery({
    queryKey: ['monitoring', 'trend', filter],
    queryFn: () => api<{ items: FlowMonth[] }>('GET', `/v1/statistics/flow/trend?${queryOf({ ...values, months: MONTHS })}`),
  });
  // The stall points come with the first (smallest) page of stalled cases.
  const stalls = useQuery({
    queryKey: ['monitoring', 'stalled', filter, 'points'],
    queryFn: () => api<StalledPage>('GET', `/v1/monitoring/stalled?${queryOf({ ...values, limit: 1 })}`),
  });
  const error = flow.error ?? trend.error ?? stalls.error;
  const days = (value: number) => t('monitoring.days', { days: Math.round(value * 10) / 10 });
  const stages = STAGES.map((stage) => flow.data?.items.find((i) => i.stage === stage) ?? emptyStage(stage));

  return (
    <section aria-labelledby="flow-title">
      <h1 id="flow-title">
        <FormattedMessage id="monitoring.flow.title" />
      </h1>
      <div className="filters" role="group" aria-label={t('filter.label')}>
        <CorridorFilter value={values.corridor} onChange={(v) => set('corridor', v)} />
      </div>
      {error ? <Banner kind="error">{problem(error instanceof ApiProblem ? error.problem : { status: 0 })}</Banner> : null}
      {stalls.data?.stallPoints ? <StallSummary points={stalls.data.stallPoints} /> : null}
      {flow.isPending ? <Loading /> : null}
      {flow.data ? (
        <div className="charts-grid">
          <div className="dash-section">
            <h2>
              <FormattedMessage id="monitoring.flow.inStageTitle" />
            </h2>
            <BarTable
              testId="flow-in-stage"
              caption={t('monitoring.flow.inStageCaption')}
              rowHeading={t('filter.stage')}
              series={[
                { label: t('monitoring.col.inStage'), tone: 'main' },
                { label: t('monitoring.col.overdue'), tone: 'alert' },
              ]}
              rows={stages.map((s) => ({ key: s.stage, label: code(s.stage), values: [s.inStage, s.overdue] }))}
            />
          </div>
          <div className="dash-section">
            <h2>
              <FormattedMessage id="monitoring.flow.daysTitle" />
            </h2>
            <BarTable
              testId="flow-days"
              caption={t('monitoring.flow.daysCaption')}
              rowHeading={t('filter.stage')}
              series={[
                { label: t('monitoring.col.median'), tone: 'main' },
                { label: t('monitoring.col.p90'), tone: 'light' },
              ]}
              rows={stages.map((s) => ({
                key: s.stage,
                label: code(s.stage),
                values: [s.medianDays, s.p90Days],
                display: [days(s.medianDays), days(s.p90Days)],
              }))}
            />
          </div>
        </div>
      ) : null}
      {trend.data ? <Trend months={trend.data.items} /> : null}
    </section>
  );
}

function Trend({ months }: { months: FlowMonth[] }) {
  const { t, intl } = useTerms();
  const monthName = (month: string) => intl.formatDate(`${month}-15T12:00:00Z`, { month: 'long', year: 'numeric', timeZone: 'UTC' });
  const opened = months.reduce((sum, m) => sum + m.opened, 0);
  const returned = months.reduce((sum, m) => sum + m.returned, 0);
  const last = months.at(-1)!;
  const summary = t('monitoring.trend.summary', {
    months: months.length,
    from: monthName(months[0]!.month),
    to: monthName(last.month),
    opened,
    returned,
  });
  return (
    <div className="dash-section">
      <h2>
        <FormattedMessage id="monitoring.trend.title" />
      </h2>
      <p>{summary}</p>
      <TrendChart
        months={months.map((m) => m.month)}
        summary={summary}
        lines={[
          { label: t('monitoring.trend.opened'), tone: 'main', values: months.map((m) => m.opened) },
          { label: t('monitoring.trend.returned'), tone: 'light', values: months.map((m) => m.returned) },
          { label: t('monitoring.trend.endedEarly'), tone: 'alert', values: months.map((m) => m.endedEarly) },
        ]}
      />
      <details className="figures">
        <summary>
          <FormattedMessage id="monitoring.trend.figures" />
        </summary>
        <div className="table-scroll" tabIndex={0} role="region" aria-label={t('monitoring.trend.figures')}>
          <table className="data-table" data-testid="trend-table">
            <thead>
              <tr>
                <th scope="col">
                  <FormattedMessage id="monitoring.col.month" />
                </th>
                <th scope="col" className="num">
                  <FormattedMessage id="monitoring.trend.opened" />
                </th>
                <th scope="col" className="num">
                  <FormattedMessage id="monitoring.trend.returned" />
                </th>
                <th scope="col" className="num">
                  <FormattedMessage id="monitoring.trend.endedEarly" />
                </th>
                <th scope="col" className="num">
                  <FormattedMessage id="monitoring.trend.medianToReturn" />
                </th>
              </tr>
            </thead>
            <tbody>
              {months.map((m) => (
                <tr key={m.month} data-month={m.month}>
                  <th scope="row">{monthName(m.month)}</th>
                  <td className="num">{intl.formatNumber(m.opened)}</td>
                  <td className="num">{intl.formatNumber(m.returned)}</td>
                  <td className="num">{intl.formatNumber(m.endedEarly)}</td>
                  <td className="num">
                    {m.medianDaysToReturn === null ? '–' : t('monitoring.days', { days: Math.round(m.medianDaysToReturn * 10) / 10 })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </div>
  );
}

const emptyStage = (stage: string): StageFlow => ({ corridor: 'all', stage, inStage: 0, overdue: 0, visits: 0, medianDays: 0, p90Days: 0 });
