/**
 * A batch's page, made for a tablet at the crossing: where and when, both sides' progress (read
 * again every few seconds while people are handed over), and what my agency may do now - plan
 * (add ready cases, lock), change the plan, or confirm and exclude people on the day.
 */
import { FormattedMessage } from 'react-intl';
import { Link, useParams } from 'react-router';
import { useTerms } from '../i18n/terms.js';
import { useSession } from '../session.js';
import { Banner, Loading } from '../ui/kit.js';
import { PageHead, Unavailable } from '../ui/page-frame.js';
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
  const { t, code, day, when } = useTerms();
  const names = useNames();
  const batch = useBatch(batchId);

  if (batch.isPending) return <Loading />;
  if (batch.error)
    return (
      <Unavailable error={batch.error} title="batch.unavailable" notFound="batch.notFound">
        <Link to="/batches">
          <FormattedMessage id="batch.back" />
        </Link>
      </Unavailable>
    );
  const b = batch.data;
  return (
    <article className="batches batch-page" aria-labelledby="batch-title" data-status={b.status}>
      <PageHead
        titleId="batch-title"
        title={<FormattedMessage id="batch.title" values={{ crossing: names.crossing(b.crossingPoint), date: day(b.plannedDate) }} />}
        facts={[
          { label: 'case.corridor', value: `${code(b.fromCountry)} → ${code(b.toCountry)}` },
          {
            label: 'case.status',
            value: (
              <>
                <span className={`pill batch-${b.status}`} data-testid="batch-status">
                  {t(`batchStatus.${b.status}`)}
                </span>
                {b.outcome && b.status === 'cancelled' ? ` · ${t(`cancelReason.${b.outcome}`)}` : null}
              </>
            ),
          },
          { label: 'batch.sending', value: names.agency(b.sendingAgencyId) },
          { label: 'batch.receiving', value: names.agency(b.receivingAgencyId) },
          {
            label: 'batch.notice',
            value: b.noticeIssuedAt ? (
              <FormattedMessage id="batch.noticeIssued" values={{ version: b.manifestVersion, when: when(b.noticeIssuedAt) }} />
            ) : (
              <FormattedMessage id="batch.noticeNotYet" />
            ),
          },
        ]}
      />

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
