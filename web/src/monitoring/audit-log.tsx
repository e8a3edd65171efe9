/**
 * The audit log of my country, for auditors: who did what, for which agency, on which case or
 * person, when, and how it ended; filtered by person, case, agency, action, outcome and time;
 * newest first, older pages on request; the filtered log as a CSV file (the API's own export).
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { FormattedMessage } from 'react-intl';
import { api, ApiProblem } from '../api.js';
import { caseNumber } from '../case/process.js';
import { useTerms } from '../i18n/terms.js';
import { Banner, Button, Loading } from '../ui/kit.js';
import { queryOf, useAgencies, type AuditItem } from './data.js';
import { CursorPager, useCursorPages } from '../ui/cursor-pager.js';
import { FilterSelect, useFilters } from '../ui/filters.js';
import { AgencyFilter } from './filters.js';
import './monitoring.css';

const PAGE_SIZE = 50;
const KEYS = ['userId', 'agencyId', 'caseId', 'personId', 'action', 'outcome', 'from', 'to'] as const;
type Key = (typeof KEYS)[number];
const TEXT_KEYS: Key[] = ['userId', 'caseId', 'personId', 'action'];
const OUTCOMES = ['ok', 'denied', 'refused', 'failed'];

/** A datetime-local value (the reader's clock) as the instant the API filters on. */
const instant = (local: string) => (local ? new Date(local).toISOString() : '');

export function AuditLog() {
  const { t, has, problem, intl } = useTerms();
  const { values, update } = useFilters(KEYS);
  const [draft, setDraft] = useState(values);
  const agencies = useAgencies();
  const filter = { ...values, from: instant(values.from), to: instant(values.to) };
  const filterKey = queryOf(filter);
  const pages = useCursorPages(filterKey);
  const before = pages.cursor;
  const log = useQuery({
    queryKey: ['audit', filterKey, before ?? ''],
    queryFn: () =>
      api<{ items: AuditItem[]; nextBefore: string | null }>('GET', `/v1/audit?${queryOf({ ...filter, before, limit: PAGE_SIZE })}`),
    placeholderData: keepPreviousData,
  });

  function apply(event: FormEvent) {
    event.preventDefault();
    update(Object.fromEntries(KEYS.map((key) => [key, draft[key].trim()])));
  }
  const text = (key: Key) => (
    <div className="filter" key={key}>
      <label htmlFor={`audit-${key}`}>{t(`monitoring.audit.filter.${key}`)}</label>
      <input id={`audit-${key}`} name={key} value={draft[key]} onChange={(e) => setDraft({ ...draft, [key]: e.target.value })} />
    </div>
  );

  return (
    <section aria-labelledby="audit-title">
      <h1 id="audit-title">
        <FormattedMessage id="monitoring.audit.title" />
      </h1>
      <form onSubmit={apply} aria-label={t('filter.label')}>
        <div className="filters">
          {TEXT_KEYS.map(text)}
          <AgencyFilter
            label={t('monitoring.audit.filter.agencyId')}
            value={draft.agencyId}
            onChange={(v) => setDraft({ ...draft, agencyId: v })}
            agencies={agencies.data ?? []}
          />
          <FilterSelect
            name="outcome"
            label={t('monitoring.audit.filter.outcome')}
            value={draft.outcome}
            onChange={(v) => setDraft({ ...draft, outcome: v })}
            options={OUTCOMES.map((o) => ({ value: o, label: t(`monitoring.audit.outcome.${o}`) }))}
          />
          {(['from', 'to'] as const).map((key) => (
            <div className="filter" key={key}>
              <label htmlFor={`audit-${key}`}>{t(`monitoring.audit.filter.${key}`)}</label>
              <input
                id={`audit-${key}`}
                type="datetime-local"
                value={draft[key]}
                onChange={(e) => setDraft({ ...draft, [key]: e.target.value })}
              />
            </div>
          ))}
        </div>
        <div className="row-actions">
          <Button type="submit">
            <FormattedMessage id="monitoring.audit.apply" />
          </Button>
          <a className="btn btn-secondary" href={`/v1/audit?${queryOf({ ...filter, format: 'csv' })}`} download>
            <FormattedMessage id="monitoring.audit.csv" />
          </a>
        </div>
      </form>
      {log.error ? <Banner kind="error">{problem(log.error instanceof ApiProblem ? log.error.problem : { status: 0 })}</Banner> : null}
      {log.isPending ? <Loading /> : null}
      {log.data && log.data.items.length === 0 ? (
        <p className="empty">
          <FormattedMessage id="monitoring.audit.empty" />
        </p>
      ) : null}
      {log.data && log.data.items.length > 0 ? (
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="audit-caption">
          {/* While another filter's entries load, the last ones stay, dimmed and marked busy: never read as the new ones. */}
          <table className="data-table" data-testid="audit-table" aria-busy={log.isPlaceholderData}>
            <caption id="audit-caption">
              <FormattedMessage id="monitoring.audit.caption" />
            </caption>
            <thead>
              <tr>
                {['when', 'who', 'agency', 'action', 'outcome', 'case', 'person'].map((col) => (
                  <th scope="col" key={col}>
                    {t(`monitoring.audit.col.${col}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {log.data.items.map((item) => (
                <tr key={item.auditId} data-audit={item.auditId}>
                  <td>{intl.formatDate(item.at, { dateStyle: 'medium', timeStyle: 'medium' })}</td>
                  <td>
                    {item.userName ? <span title={item.userId}>{item.userName}</span> : item.userId}
                    <span className="meta"> · {has(`role.${item.role}`) ? t(`role.${item.role}`) : item.role}</span>
                  </td>
                  <td>{item.agencyName ?? agencies.data?.find((a) => a.agencyId === item.agencyId)?.name ?? item.agencyId}</td>
                  <td>
                    <code>{item.action}</code>
                  </td>
                  <td>{has(`monitoring.audit.outcome.${item.outcome}`) ? t(`monitoring.audit.outcome.${item.outcome}`) : item.outcome}</td>
                  <td>{item.caseId ? <span title={item.caseId}>{caseNumber(item.caseId)}</span> : '–'}</td>
                  <td>{item.personId ? <span title={item.personId}>{item.personId.slice(0, 8)}</span> : '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <CursorPager pages={pages} next={log.data?.nextBefore} previousLabel="monitoring.audit.newer" nextLabel="monitoring.audit.older" />
    </section>
  );
}
