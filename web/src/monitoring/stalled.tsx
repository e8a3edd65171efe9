/**
 * Stalled cases of my country: every open case past its step's deadline, most overdue first, with
 * the days overdue, the step it waits for and who holds it; filtered by corridor, stage and the
 * agency holding the step; a page at a time through the API's cursor. A row opens its case.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { FormattedMessage } from 'react-intl';
import { Link, useNavigate } from 'react-router';
import { api, ApiProblem } from '../api.js';
import { caseNumber } from '../case/process.js';
import { useTerms } from '../i18n/terms.js';
import type { Agency } from '../types.js';
import { Banner, Loading } from '../ui/kit.js';
import { queryOf, useAgencies, type StalledCase, type StalledPage } from './data.js';
import { CursorPager, useCursorPages } from '../ui/cursor-pager.js';
import { useFilters } from '../ui/filters.js';
import { AgencyFilter, CorridorFilter, StageFilter, useCorridorName } from './filters.js';
import { StallSummary } from './stall-summary.js';
import './monitoring.css';

const PAGE_SIZE = 25;

export function StalledCases() {
  const { t, code, problem, intl } = useTerms();
  const navigate = useNavigate();
  const corridorName = useCorridorName();
  const { values, set } = useFilters(['corridor', 'stage', 'agencyId'] as const);
  const filterKey = queryOf(values);
  const pages = useCursorPages(filterKey);
  const { cursor } = pages;
  const agencies = useAgencies();
  const pageQuery = (at: string | undefined) => ({
    queryKey: ['monitoring', 'stalled', filterKey, at ?? ''],
    queryFn: () => api<StalledPage>('GET', `/v1/monitoring/stalled?${queryOf({ ...values, limit: PAGE_SIZE, cursor: at })}`),
    placeholderData: keepPreviousData,
  });
  const page = useQuery(pageQuery(cursor));
  // The stall points come with the first page only: on a later page, the first one's (the same query, cached).
  const firstPage = useQuery(pageQuery(undefined));
  const stallPoints = firstPage.data?.stallPoints;
  const byId = new Map((agencies.data ?? []).map((a) => [a.agencyId, a]));
  const holderName = (item: StalledCase) => holderText(t, code, item, item.heldBy.agencyId ? byId.get(item.heldBy.agencyId) : undefined);

  return (
    <section aria-labelledby="stalled-title">
      <h1 id="stalled-title">
        <FormattedMessage id="monitoring.stalled.title" />
      </h1>
      <p className="field-help">
        <FormattedMessage id="monitoring.stalled.intro" />
      </p>
      <div className="filters" role="group" aria-label={t('filter.label')}>
        <CorridorFilter value={values.corridor} onChange={(v) => set('corridor', v)} />
        <StageFilter value={values.stage} onChange={(v) => set('stage', v)} />
        <AgencyFilter
          label={t('monitoring.filter.holder')}
          value={values.agencyId}
          onChange={(v) => set('agencyId', v)}
          agencies={agencies.data ?? []}
        />
      </div>
      {page.error ? <Banner kind="error">{problem(page.error instanceof ApiProblem ? page.error.problem : { status: 0 })}</Banner> : null}
      {page.isPending ? <Loading /> : null}
      {page.data ? (
        <>
          {stallPoints ? <StallSummary points={stallPoints} /> : null}
          {page.data.items.length === 0 ? (
            <p className="empty">
              <FormattedMessage id="monitoring.stalled.empty" />
            </p>
          ) : (
            <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="stalled-caption">
              <table className="data-table" data-testid="stalled-table" aria-busy={page.isPlaceholderData}>
                <caption id="stalled-caption">
                  <FormattedMessage id="monitoring.stalled.caption" />
                </caption>
                <thead>
                  <tr>
                    <th scope="col">
                      <FormattedMessage id="monitoring.col.case" />
                    </th>
                    <th scope="col" className="num">
                      <FormattedMessage id="monitoring.col.daysOverdue" />
                    </th>
                    <th scope="col">
                      <FormattedMessage id="monitoring.col.waitsFor" />
                    </th>
                    <th scope="col">
                      <FormattedMessage id="monitoring.col.heldBy" />
                    </th>
                    <th scope="col">
                      <FormattedMessage id="monitoring.filter.corridor" />
                    </th>
                    <th scope="col">
                      <FormattedMessage id="filter.stage" />
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {page.data.items.map((item) => (
                    <tr
                      key={item.caseId}
                      className="clickable"
                      data-case={item.caseId}
                      onClick={(e) => {
                        if (!(e.target as HTMLElement).closest('a')) void navigate(`/cases/${item.caseId}`);
                      }}
                    >
                      <th scope="row">
                        <Link to={`/cases/${item.caseId}`} className="case-number">
                          {caseNumber(item.caseId)}
                        </Link>
                      </th>
                      <td className="num overdue-days">
                        <FormattedMessage id="monitoring.daysOverdue" values={{ days: Math.floor(item.daysOverdue) }} />
                        {item.escalated ? (
                          <span className="pill escalated">
                            {' '}
                            <FormattedMessage id="monitoring.escalated" />
                          </span>
                        ) : null}
                      </td>
                      <td>
                        {t(`step.${item.step}`)}
                        <span className="meta">
                          {' '}
                          <FormattedMessage id="monitoring.dueOn" values={{ date: intl.formatDate(item.dueAt, { dateStyle: 'medium' }) }} />
                        </span>
                      </td>
                      <td>{holderName(item)}</td>
                      <td>{corridorName(item.corridor)}</td>
                      <td>{code(item.stage)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      ) : null}
      <CursorPager pages={pages} next={page.data?.nextCursor} />
    </section>
  );
}

/** The agency named on the step, or "the social welfare of Myanmar" when any of that kind may act. */
function holderText(
  t: (id: string, values?: Record<string, string | number>) => string,
  code: (value: string) => string,
  item: StalledCase,
  agency: Agency | undefined,
): string {
  if (agency) return agency.name;
  return t('monitoring.holder.kindOf', { kind: t(`monitoring.kind.${item.heldBy.agencyKind}`), country: code(item.heldBy.country) });
}
