/**
 * My agency's cases, newest first, a page at a time (the API's keyset cursor), with filters:
 * stage, status, kind, country and overdue, all on the server. Each case shows its deadline (days
 * left or overdue). A case number typed whole opens the case; a beginning of one finds it on the page.
 */
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { FormattedMessage } from 'react-intl';
import { Link, useNavigate } from 'react-router';
import { api, ApiProblem } from '../api.js';
import { COUNTRIES, STAGES, caseNumber } from '../case/process.js';
import { useTerms } from '../i18n/terms.js';
import type { CaseSummary } from '../types-casework.js';
import { Deadline } from '../case/deadline.js';
import { CursorPager, useCursorPages } from '../ui/cursor-pager.js';
import { FilterSelect, useFilters } from '../ui/filters.js';
import { Banner, Button, Loading } from '../ui/kit.js';

const PAGE_SIZE = 25;
const FILTERS = ['stage', 'status', 'kind', 'overdue', 'country'] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function CaseList() {
  const { t, code, problem, intl } = useTerms();
  const navigate = useNavigate();
  const [search, setSearch] = useState('');
  const { values: filters, set: setFilter } = useFilters(FILTERS);
  const query = new URLSearchParams({ limit: String(PAGE_SIZE) });
  for (const key of FILTERS) if (filters[key]) query.set(key, filters[key]);
  const pages = useCursorPages(query.toString());
  if (pages.cursor) query.set('cursor', pages.cursor);
  const cases = useQuery({
    queryKey: ['cases', query.toString()],
    queryFn: () => api<{ items: CaseSummary[]; nextCursor: string | null }>('GET', `/v1/cases?${query}`),
  });

  const needle = search.trim().toLowerCase();
  const items = (cases.data?.items ?? []).filter((c) => !needle || c.caseId.toLowerCase().startsWith(needle));

  function onSearch(event: FormEvent) {
    event.preventDefault();
    if (UUID.test(search.trim())) void navigate(`/cases/${search.trim().toLowerCase()}`);
  }

  const select = (key: (typeof FILTERS)[number], label: string, options: { value: string; label: string }[]) => (
    <FilterSelect name={key} label={label} value={filters[key]} onChange={(v) => setFilter(key, v)} options={options} />
  );

  return (
    <section aria-labelledby="cases-title">
      <div className="page-head">
        <h1 id="cases-title">
          <FormattedMessage id="cases.title" />
        </h1>
        <Link className="btn btn-primary" to="/new-case">
          <FormattedMessage id="nav.newCase" />
        </Link>
      </div>
      <form className="search" role="search" onSubmit={onSearch}>
        <label htmlFor="case-search">
          <FormattedMessage id="cases.search" />
        </label>
        <input id="case-search" value={search} onChange={(e) => setSearch(e.target.value)} aria-describedby="case-search-help" />
        <Button type="submit" kind="secondary">
          <FormattedMessage id="cases.searchButton" />
        </Button>
        <p id="case-search-help" className="field-help">
          <FormattedMessage id="cases.searchHelp" />
        </p>
      </form>
      <div className="filters" role="group" aria-label={t('filter.label')}>
        {select(
          'stage',
          t('filter.stage'),
          STAGES.map((s) => ({ value: s, label: code(s) })),
        )}
        {select(
          'status',
          t('filter.status'),
          ['open', 'on_hold', 'closed'].map((s) => ({ value: s, label: t(`status.${s}`) })),
        )}
        {select(
          'kind',
          t('filter.kind'),
          ['victim_repatriation', 'suspect_transfer'].map((k) => ({ value: k, label: t(`caseKind.${k}`) })),
        )}
        {select(
          'overdue',
          t('filter.overdue'),
          ['true', 'false'].map((v) => ({ value: v, label: t(`filter.overdue.${v}`) })),
        )}
        {select(
          'country',
          t('filter.country'),
          COUNTRIES.map((c) => ({ value: c, label: code(c) })),
        )}
      </div>
      {cases.isPending ? <Loading /> : null}
      {cases.error ? (
        <Banner kind="error">{problem(cases.error instanceof ApiProblem ? cases.error.problem : { status: 0 })}</Banner>
      ) : null}
      {cases.data ? (
        items.length === 0 ? (
          <p className="empty">
            <FormattedMessage id="cases.empty" />
          </p>
        ) : (
          <ul className="card-list" aria-label={t('cases.title')}>
            {items.map((c) => (
              <li key={c.caseId} className="card case-card">
                <Link to={`/cases/${c.caseId}`} className="card-link">
                  <span className="case-number">{caseNumber(c.caseId)}</span>
                  <span className="corridor">
                    {code(c.hostCountry)} → {code(c.originCountry)}
                  </span>
                </Link>
                <span className={`pill status-${c.status}`}>{t(`status.${c.status}`)}</span>
                <span className="pill">{code(c.stage)}</span>
                <CaseDeadline summary={c} />
                <span className="meta">
                  {t(`ageGroup.${c.ageGroup}`)} · {t(`sex.${c.sex}`)} · {t(`caseKind.${c.kind}`)} ·{' '}
                  <FormattedMessage id="cases.opened" values={{ date: intl.formatDate(c.openedAt, { dateStyle: 'medium' }) }} />
                </span>
              </li>
            ))}
          </ul>
        )
      ) : null}
      <CursorPager pages={pages} next={cases.data?.nextCursor} />
    </section>
  );
}

/** The deadline of what the case waits for: days left, overdue, a hold's review date, or none. */
function CaseDeadline({ summary }: { summary: CaseSummary }) {
  const { t, day, has } = useTerms();
  if (summary.status === 'closed') return null;
  if (summary.hold)
    return (
      <span className="case-deadline">
        <FormattedMessage id="cases.reviewBy" values={{ date: day(summary.hold.reviewDate) }} />
      </span>
    );
  if (!summary.stepDueAt)
    return (
      <span className="case-deadline">
        <FormattedMessage id="cases.noDeadline" />
      </span>
    );
  return (
    <span className={`case-deadline${summary.overdue ? ' overdue' : ''}`} data-testid="case-deadline">
      {summary.step && has(`step.${summary.step}`) ? `${t(`step.${summary.step}`)}: ` : ''}
      <Deadline dueAt={summary.stepDueAt} overdue={summary.overdue} />
    </span>
  );
}
