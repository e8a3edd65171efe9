/** The handover batches of my agency (or my country, for coordinators), latest date first. */
import { useQuery } from '@tanstack/react-query';
import { FormattedMessage } from 'react-intl';
import { Link, useSearchParams } from 'react-router';
import { api, ApiProblem } from '../api.js';
import { useTerms } from '../i18n/terms.js';
import { useSession } from '../session.js';
import { Banner, Loading } from '../ui/kit.js';
import type { Batch } from './model.js';
import { useNames } from './words.js';
import { ProgressBars } from './progress.js';
import './batches.css';

const STATUSES = ['draft', 'locked', 'closed', 'cancelled'] as const;
const PLANNERS = new Set(['caseworker', 'coordinator']);

export function BatchList() {
  const { t, code, day, problem } = useTerms();
  const { me } = useSession();
  const names = useNames();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? '';
  const batches = useQuery({
    queryKey: ['batches', status],
    queryFn: () => api<{ items: Batch[] }>('GET', `/v1/batches?limit=100${status ? `&status=${status}` : ''}`),
    refetchInterval: 15_000,
  });

  return (
    <section aria-labelledby="batches-title" className="batches">
      <div className="page-head">
        <h1 id="batches-title">
          <FormattedMessage id="batches.title" />
        </h1>
        {PLANNERS.has(me!.role) ? (
          <Link className="btn btn-primary touch" to="/batches/new">
            <FormattedMessage id="batches.plan" />
          </Link>
        ) : null}
      </div>
      <div className="filters" role="group" aria-label={t('filter.label')}>
        <div className="filter">
          <label htmlFor="batch-status">
            <FormattedMessage id="filter.status" />
          </label>
          <select
            id="batch-status"
            value={status}
            onChange={(e) => setParams(e.target.value ? { status: e.target.value } : {}, { replace: true })}
          >
            <option value="">{t('filter.any')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`batchStatus.${s}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {batches.isPending ? <Loading /> : null}
      {batches.error ? (
        <Banner kind="error">{problem(batches.error instanceof ApiProblem ? batches.error.problem : { status: 0 })}</Banner>
      ) : null}
      {batches.data && batches.data.items.length === 0 ? (
        <p>
          <FormattedMessage id="batches.empty" />
        </p>
      ) : null}
      <ul className="card-list batch-cards">
        {batches.data?.items.map((b) => (
          <li key={b.batchId} className="card batch-card" data-batch={b.batchId}>
            <Link className="card-link" to={`/batches/${b.batchId}`}>
              <span className="batch-crossing">{names.crossing(b.crossingPoint)}</span>
              <span className="batch-date">{day(b.plannedDate)}</span>
            </Link>
            <p className="meta">
              {code(b.fromCountry)} → {code(b.toCountry)} · <span className={`pill batch-${b.status}`}>{t(`batchStatus.${b.status}`)}</span>{' '}
              · <FormattedMessage id="batches.people" values={{ count: b.progress.members }} />
            </p>
            {b.status === 'locked' || b.status === 'closed' ? <ProgressBars batch={b} compact /> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
