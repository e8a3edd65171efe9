/**
 * A suspect transfer: its stages, which country performs each next step, the legal basis (with an
 * extradition's approval by an approver), the handover and its evidence list, the victims' cases
 * linked to it that the reader may see, the person, and the actions this reader may perform now -
 * each a form built from the action's schema by the case page's own ActionForm.
 */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { FormattedMessage } from 'react-intl';
import { Link, useParams } from 'react-router';
import { EXIT_GATES } from '../../../domain/suspect-transfer/stages.js';
import { api } from '../api.js';
import { ActionForm } from '../case/action-form.js';
import { PersonPanel } from '../case/person-panel.js';
import { caseNumber } from '../case/process.js';
import { useActionSchemas } from '../case/schema.js';
import { useTerms } from '../i18n/terms.js';
import { useSession } from '../session.js';
import { Banner, Loading } from '../ui/kit.js';
import { HoldBanner, PageHead, Unavailable } from '../ui/page-frame.js';
import { TRANSFER_STAGES, type LinkedCase, type TransferDetail } from './model.js';
import { NextSteps } from './next-steps.js';
import { TransferFacts } from './transfer-facts.js';
import './transfers.css';

export function TransferPage() {
  const { caseId = '' } = useParams();
  const { me } = useSession();
  const { t, code } = useTerms();
  // Under ['case', id]: the ActionForm reads the case again after an action by that prefix.
  const detail = useQuery({
    queryKey: ['case', caseId, 'transfer'],
    queryFn: () => api<TransferDetail>('GET', `/v1/transfers/${caseId}`),
    retry: false,
  });
  const links = useQuery({
    queryKey: ['case', caseId, 'links'],
    queryFn: () => api<{ links: LinkedCase[] }>('GET', `/v1/cases/${caseId}/links`),
    enabled: detail.isSuccess,
  });
  const schemas = useActionSchemas('suspect_transfer');
  const [recorded, setRecorded] = useState<string | null>(null);

  if (detail.isPending) return <Loading />;
  if (detail.error) return <Unavailable error={detail.error} title="transfer.unavailable" notFound="transfer.notFound" />;
  const x = detail.data;
  const myCountry = me!.agency.country;
  const mySide = myCountry === x.holdingCountry ? 'sending' : 'receiving';
  const current = x.stage ? TRANSFER_STAGES.indexOf(x.stage as never) : -1;
  const completed = x.outcome?.completed === true;
  const missing = new Set(x.waitingFor.map((w) => w.gate));
  const visibleLinks = links.data?.links ?? [];
  const hiddenLinks = Math.max(0, x.linkedCaseIds.length - visibleLinks.length);
  const detailForForms = { caseId: x.caseId, hostCountry: x.holdingCountry, originCountry: x.receivingCountry };

  return (
    <article aria-labelledby="transfer-title" className="transfers transfer-page">
      <PageHead
        titleId="transfer-title"
        title={<FormattedMessage id="transfer.title" values={{ number: caseNumber(x.caseId) }} />}
        facts={[
          { label: 'transfer.corridor', value: `${code(x.holdingCountry)} → ${code(x.receivingCountry)}` },
          { label: 'transfer.nationality', value: code(x.nationality) },
          { label: 'case.stage', value: x.stage ? t(`transferStage.${x.stage}`) : '—' },
          {
            label: 'case.status',
            value: (
              <>
                <span className={`pill status-${x.status}`}>{t(`status.${x.status}`)}</span>
                {x.outcome ? ` · ${code(x.outcome.code)}` : null}
              </>
            ),
          },
        ]}
      />

      {x.hold ? <HoldBanner reason={code(x.hold.reason)} reviewDate={x.hold.reviewDate} /> : null}

      {x.nextSteps.length > 0 ? (
        <section className="panel" aria-labelledby="next-title">
          <h2 id="next-title">
            <FormattedMessage id="transfer.next" />
          </h2>
          <NextSteps steps={x.nextSteps} myCountry={myCountry} />
        </section>
      ) : null}

      <section aria-labelledby="stages-title" className="panel">
        <h2 id="stages-title">
          <FormattedMessage id="case.timeline" />
        </h2>
        <ol className="timeline">
          {TRANSFER_STAGES.map((stage, index) => {
            const state = index < current || completed ? 'done' : index === current && x.status !== 'closed' ? 'current' : 'pending';
            const gates = EXIT_GATES[stage].filter((g) => g.id !== 'dual_criminality' || x.legalBasis === 'extradition');
            return (
              <li key={stage} className={`stage stage-${state}`} data-stage={stage} aria-current={state === 'current' ? 'step' : undefined}>
                <p className="stage-name">
                  {t(`transferStage.${stage}`)} <span className="stage-state">{t(`stageState.${state}`)}</span>
                </p>
                {state === 'current' ? (
                  <ul className="gates">
                    {gates.map((g) => {
                      const gateState = missing.has(g.id) ? 'missing' : 'done';
                      return (
                        <li key={g.id} className={`gate gate-${gateState}`} data-state={gateState}>
                          <span className="gate-mark" aria-hidden="true" />
                          {t(`gate.${g.id}`)} <span className="visually-hidden">({t(`gateState.${gateState}`)})</span>
                        </li>
                      );
                    })}
                  </ul>
                ) : null}
              </li>
            );
          })}
        </ol>
      </section>

      <TransferFacts transfer={x} />

      <section aria-labelledby="actions-title" id="actions" className="panel">
        <h2 id="actions-title">
          <FormattedMessage id="case.actions" />
        </h2>
        {recorded ? (
          <Banner kind="success">
            <FormattedMessage id="action.recordedWhat" values={{ action: t(`action.${recorded}`) }} />
          </Banner>
        ) : null}
        {x.allowedActions.length === 0 ? (
          <p>
            <FormattedMessage id="transfer.noActions" />
          </p>
        ) : schemas.isPending ? (
          <Loading />
        ) : (
          x.allowedActions
            .filter((type) => schemas.data?.has(type))
            .map((type) => (
              <ActionForm
                key={`${type}-${x.version}`}
                detail={detailForForms}
                type={type}
                schema={schemas.data!.get(type)!}
                open={x.allowedActions.length === 1}
                onRecorded={setRecorded}
                actionsPath={`/v1/transfers/${x.caseId}/actions`}
                fixed={type === 'confirm_handover' ? { side: mySide } : {}}
              />
            ))
        )}
      </section>

      <section aria-labelledby="links-title" className="panel">
        <h2 id="links-title">
          <FormattedMessage id="transfer.links" />
        </h2>
        {visibleLinks.length === 0 && hiddenLinks === 0 ? (
          <p>
            <FormattedMessage id="transfer.noLinks" />
          </p>
        ) : null}
        <ul className="linked">
          {visibleLinks.map((l) => (
            <li key={l.caseId} data-linked={l.caseId}>
              <Link to={l.kind === 'suspect_transfer' ? `/transfers/${l.caseId}` : `/cases/${l.caseId}`}>
                <FormattedMessage
                  id={l.kind === 'suspect_transfer' ? 'transfer.number' : 'case.title'}
                  values={{ number: caseNumber(l.caseId) }}
                />
              </Link>{' '}
              · {t(`caseKind.${l.kind}`)} · {t(`status.${l.status}`)}
            </li>
          ))}
        </ul>
        {hiddenLinks > 0 ? (
          <p className="field-help" data-testid="hidden-links">
            <FormattedMessage id="transfer.hiddenLinks" values={{ count: hiddenLinks }} />
          </p>
        ) : null}
      </section>

      <PersonPanel person={x.person} />
    </article>
  );
}
