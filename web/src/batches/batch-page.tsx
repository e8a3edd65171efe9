/**
 * A batch's page, made for a tablet at the crossing: where and when, both sides' progress (read
 * again every few seconds while people are handed over), and what my agency may do now - plan
 * (add ready cases, lock), change the plan, or confirm and exclude people on the day.
 */
import { FormattedMessage } from 'react-intl';
import { Link, useParams } from 'react-router';
import { ApiProblem } from '../api.js';
import { useTerms } from '../i18n/terms.js';
import { useSession } from '../session.js';
import { Banner, Loading } from '../ui/kit.js';
import { ChangePlan } from './change-plan.js';
import { HandoverDay } from './handover-day.js';
import { may, useBatch } from './model.js';
import { Planning } from './planning.js';
import { ProgressBars } from './progress.js';
import { useNames } from './words.js';
import './batches.css';

export function BatchPage() {
  const { batchId = '' } = useParams();
  const { me } = useSession();
  const { t, code, day, when, problem } = useTerms();
  const names = useNames();
  const batch = useBatch(batchId);

  if (batch.isPending) return <Loading />;
  if (batch.error) {
    const p = batch.error instanceof ApiProblem ? batch.error.problem : { status: 0 };
    return (
      <section className="batches">
        <h1>
          <FormattedMessage id="batch.unavailable" />
        </h1>
        <Banner kind="error">{p.status === 404 ? t('batch.notFound') : problem(p)}</Banner>
        <Link to="/batches">
          <FormattedMessage id="batch.back" />
        </Link>
      </section>
    );
  }
  const b = batch.data;
  return (
    <article className="batches batch-page" aria-labelledby="batch-title" data-status={b.status}>
      <header className="case-head">
        <h1 id="batch-title">
          <FormattedMessage id="batch.title" values={{ crossing: names.crossing(b.crossingPoint), date: day(b.plannedDate) }} />
        </h1>
        <dl className="facts">
          <div>
            <dt>
              <FormattedMessage id="case.corridor" />
            </dt>
            <dd>
              {code(b.fromCountry)} → {code(b.toCountry)}
            </dd>
          </div>
          <div>
            <dt>
              <FormattedMessage id="case.status" />
            </dt>
            <dd>
              <span className={`pill batch-${b.status}`} data-testid="batch-status">
                {t(`batchStatus.${b.status}`)}
              </span>
              {b.outcome && b.status === 'cancelled' ? ` · ${t(`cancelReason.${b.outcome}`)}` : null}
            </dd>
          </div>
          <div>
            <dt>
              <FormattedMessage id="batch.sending" />
            </dt>
            <dd>{names.agency(b.sendingAgencyId)}</dd>
          </div>
          <div>
            <dt>
              <FormattedMessage id="batch.receiving" />
            </dt>
            <dd>{names.agency(b.receivingAgencyId)}</dd>
          </div>
          <div>
            <dt>
              <FormattedMessage id="batch.notice" />
            </dt>
            <dd>
              {b.noticeIssuedAt ? (
                <FormattedMessage id="batch.noticeIssued" values={{ version: b.manifestVersion, when: when(b.noticeIssuedAt) }} />
              ) : (
                <FormattedMessage id="batch.noticeNotYet" />
              )}
            </dd>
          </div>
        </dl>
      </header>

      {b.status === 'locked' || b.status === 'closed' ? (
        <section className="panel" aria-labelledby="progress-title">
          <h2 id="progress-title">
            <FormattedMessage id="batch.progress" />
          </h2>
          <ProgressBars batch={b} />
          {b.status === 'locked' ? (
            <p className="field-help">
              <FormattedMessage id="batch.live" />
            </p>
          ) : null}
        </section>
      ) : null}

      {b.status === 'closed' ? (
        <Banner kind="success">{t('batch.closedDetail', { handedOver: b.progress.handedOver, excluded: b.progress.excluded })}</Banner>
      ) : null}

      {b.status === 'draft' ? <Planning batch={b} /> : null}
      {b.status === 'locked' || b.status === 'closed' ? (
        <HandoverDay
          batch={b}
          side={me!.agencyId === b.sendingAgencyId ? 'sending' : me!.agencyId === b.receivingAgencyId ? 'receiving' : null}
        />
      ) : null}
      {may(b, 'reschedule') || may(b, 'cancel') ? <ChangePlan batch={b} /> : null}
    </article>
  );
}
