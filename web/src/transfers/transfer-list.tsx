/** The suspect transfers my agency takes part in, newest first, a page at a time, with who moves next. */
import { useQuery } from '@tanstack/react-query';
import { FormattedMessage } from 'react-intl';
import { Link } from 'react-router';
import { COUNTRIES } from '../../../domain/shared/countries.js';
import { api, ApiProblem } from '../api.js';
import { caseNumber } from '../case/process.js';
import { useTerms } from '../i18n/terms.js';
import { useSession } from '../session.js';
import { CursorPager, useCursorPages } from '../ui/cursor-pager.js';
import { FilterSelect, useFilters } from '../ui/filters.js';
import { Banner, Loading } from '../ui/kit.js';
import { TRANSFER_STAGES, type TransferSummary } from './model.js';
import { NextSteps } from './next-steps.js';
import './transfers.css';

const PAGE_SIZE = 25;
const FILTERS = ['stage', 'status', 'country'] as const;

export function TransferList() {
  const { t, code, day, problem } = useTerms();
  const { me } = useSession();
  const { values: filters, set: setFilter } = useFilters(FILTERS);
  const query = new URLSearchParams({ limit: String(PAGE_SIZE) });
  for (const key of FILTERS) if (filters[key]) query.set(key, filters[key]);
  const pages = useCursorPages(query.toString());
  if (pages.cursor) query.set('cursor', pages.cursor);
  const transfers = useQuery({
    queryKey: ['transfers', query.toString()],
    queryFn: () => api<{ items: TransferSummary[]; nextCursor: string | null }>('GET', `/v1/transfers?${query}`),
  });
  const select = (key: (typeof FILTERS)[number], label: string, options: { value: string; label: string }[]) => (
    <FilterSelect name={key} label={label} value={filters[key]} onChange={(v) => setFilter(key, v)} options={options} />
  );

  return (
    <section aria-labelledby="transfers-title" className="transfers">
      <h1 id="transfers-title">
        <FormattedMessage id="transfers.title" />
      </h1>
      <div className="filters" role="group" aria-label={t('filter.label')}>
        {select(
          'stage',
          t('filter.stage'),
          TRANSFER_STAGES.map((s) => ({ value: s, label: t(`transferStage.${s}`) })),
        )}
        {select(
          'status',
          t('filter.status'),
          ['open', 'on_hold', 'closed'].map((s) => ({ value: s, label: t(`status.${s}`) })),
        )}
        {select(
          'country',
          t('filter.country'),
          COUNTRIES.map((c) => ({ value: c, label: code(c) })),
        )}
      </div>
      {transfers.isPending ? <Loading /> : null}
      {transfers.error ? (
        <Banner kind="error">{problem(transfers.error instanceof ApiProblem ? transfers.error.problem : { status: 0 })}</Banner>
      ) : null}
      {transfers.data?.items.length === 0 ? (
        <p>
          <FormattedMessage id="transfers.empty" />
        </p>
      ) : null}
      <ul className="card-list">
        {transfers.data?.items.map((x) => (
          <li key={x.caseId} className="card transfer-card" data-transfer={x.caseId}>
            <Link className="card-link" to={`/transfers/${x.caseId}`}>
              <span className="case-number">
                <FormattedMessage id="transfer.number" values={{ number: caseNumber(x.caseId) }} />
              </span>
              <span>
                {code(x.holdingCountry)} → {code(x.receivingCountry)}
              </span>
            </Link>
            <p className="meta">
              {t(`transferStage.${x.stage}`)} · <span className={`pill status-${x.status}`}>{t(`status.${x.status}`)}</span>
              {x.legalBasis ? ` · ${t(`choice.${x.legalBasis}`)}` : ''} ·{' '}
              <FormattedMessage id="cases.opened" values={{ date: day(x.openedAt.slice(0, 10)) }} />
            </p>
            <NextSteps steps={x.nextSteps} myCountry={me!.agency.country} />
          </li>
        ))}
      </ul>
      <CursorPager pages={pages} next={transfers.data?.nextCursor} />
    </section>
  );
}
