/**
 * A case: number, corridor, stage, status, deadline, hold, the five stages with their gates, the
 * actions this person may perform now, the person, and the history in words.
 */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { FormattedMessage } from 'react-intl';
import { useParams, useSearchParams } from 'react-router';
import { api } from '../api.js';
import { useTerms } from '../i18n/terms.js';
import { useSession } from '../session.js';
import type { CaseDetail, CaseEvent, InboxItem } from '../types-casework.js';
import { Banner, Loading } from '../ui/kit.js';
import { HoldBanner, PageHead, Unavailable } from '../ui/page-frame.js';
import { ActionForm } from './action-form.js';
import { actionsToOffer, caseNumber, STEP_ACTION } from './process.js';
import { useActionSchemas } from './schema.js';
import { PersonPanel } from './person-panel.js';
import { Timeline } from './timeline.js';
import { LinksPanel } from './links-panel.js';
import { Deadline } from './deadline.js';
import { OfflineCasePanel } from '../offline/case-panel.js';

export function CasePage() {
  const { caseId = '' } = useParams();
  const [params] = useSearchParams();
  const { me } = useSession();
  const { t, code, when, has } = useTerms();
  const detail = useQuery({ queryKey: ['case', caseId], queryFn: () => api<CaseDetail>('GET', `/v1/cases/${caseId}`), retry: false });
  const events = useQuery({
    queryKey: ['case', caseId, 'events'],
    queryFn: () => api<{ items: CaseEvent[] }>('GET', `/v1/cases/${caseId}/events`),
    enabled: detail.isSuccess,
  });
  const tasks = useQuery({
    queryKey: ['inbox', 'case', caseId],
    queryFn: () => api<{ items: InboxItem[] }>('GET', `/v1/inbox?caseId=${caseId}`),
    enabled: detail.isSuccess,
  });
  const schemas = useActionSchemas(detail.data?.kind);
  const [recorded, setRecorded] = useState<string | null>(null);

  if (detail.isPending) return <Loading />;
  if (detail.error) return <Unavailable error={detail.error} title="case.unavailable" notFound="case.notFound" />;
  const c = detail.data;
  const task = tasks.data?.items[0];
  const focusAction = params.get('step') ? STEP_ACTION[params.get('step')!] : undefined;
  const offered = actionsToOffer(c, me!.role);
  // People by the names the API resolved; an actor that is not a person is said as what it is.
  const whoOf = (e: CaseEvent) =>
    e.actorName ?? (e.actorKind === 'service' || e.actorKind === 'system' ? t(`history.actor.${e.actorKind}`) : e.actorId);

  return (
    <article aria-labelledby="case-title" className="case-page">
      <PageHead
        titleId="case-title"
        title={<FormattedMessage id="case.title" values={{ number: caseNumber(c.caseId) }} />}
        facts={[
          { label: 'case.corridor', value: `${code(c.hostCountry)} → ${code(c.originCountry)}` },
          { label: 'case.stage', value: code(c.stage) },
          {
            label: 'case.status',
            value: (
              <>
                <span className={`pill status-${c.status}`}>{t(`status.${c.status}`)}</span>
                {c.outcome ? ` · ${code(c.outcome)}` : null}
              </>
            ),
          },
          { label: 'case.person', value: `${t(`ageGroup.${c.ageGroup}`)} · ${t(`sex.${c.sex}`)}` },
          task
            ? {
                label: 'case.deadline',
                className: task.overdue ? 'overdue' : '',
                testId: 'deadline',
                value: (
                  <>
                    {t(`step.${task.step}`)}: <Deadline dueAt={task.dueAt} overdue={task.overdue} />
                  </>
                ),
              }
            : c.stepDueAt && c.status !== 'closed'
              ? {
                  label: 'case.caseDeadline',
                  className: c.overdue ? 'overdue' : '',
                  testId: 'deadline',
                  value: (
                    <>
                      {c.step && has(`step.${c.step}`) ? `${t(`step.${c.step}`)}: ` : ''}
                      <Deadline dueAt={c.stepDueAt} overdue={c.overdue} />
                    </>
                  ),
                }
              : null,
        ]}
      >
        <p className="case-id">
          <FormattedMessage id="case.id" values={{ id: c.caseId }} />
        </p>
      </PageHead>

      {c.hold ? <HoldBanner reason={t(`choice.${c.hold.reason}`)} reviewDate={c.hold.reviewDate} /> : null}

      <OfflineCasePanel caseId={c.caseId} />
      <Timeline detail={c} />

      <section aria-labelledby="actions-title" id="actions" className="panel">
        <h2 id="actions-title">
          <FormattedMessage id="case.actions" />
        </h2>
        {recorded ? (
          <Banner kind="success">
            <FormattedMessage id="action.recordedWhat" values={{ action: t(`action.${recorded}`) }} />
          </Banner>
        ) : null}
        {offered.length === 0 ? (
          <p>
            <FormattedMessage id="case.noActions" />
          </p>
        ) : schemas.isPending ? (
          <Loading />
        ) : (
          offered
            .filter((type) => schemas.data?.has(type))
            .map((type) => (
              <ActionForm
                key={type}
                detail={c}
                type={type}
                schema={schemas.data!.get(type)!}
                open={type === focusAction || offered.length === 1}
                onRecorded={setRecorded}
              />
            ))
        )}
      </section>

      <LinksPanel detail={c} onRecorded={setRecorded} />

      <PersonPanel person={c.person} />

      <section aria-labelledby="history-title" className="panel">
        <h2 id="history-title">
          <FormattedMessage id="case.history" />
        </h2>
        {events.isPending ? <Loading /> : null}
        <ol className="history">
          {[...(events.data?.items ?? [])].reverse().map((e) => (
            <li key={e.eventId}>
              <p className="history-what">
                <EventText event={e} />
              </p>
              <p className="history-who">
                <FormattedMessage
                  id="history.by"
                  values={{ who: whoOf(e), agency: e.agencyName ?? e.agencyId, when: when(e.recordedAt) }}
                />
              </p>
            </li>
          ))}
        </ol>
      </section>
    </article>
  );
}

function EventText({ event }: { event: CaseEvent }) {
  const { event: text } = useTerms();
  return <>{text(event)}</>;
}
