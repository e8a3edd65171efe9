/** What a transfer has recorded: the arrest, the receiving country's checks, the legal basis and its approval, the handover and its evidence, custody and the outcome. */
import type { ReactNode } from 'react';
import { FormattedMessage } from 'react-intl';
import { useTerms } from '../i18n/terms.js';
import type { TransferDetail } from './model.js';

export function TransferFacts({ transfer }: { transfer: TransferDetail }) {
  const { t, code, day, intl } = useTerms();
  const f = transfer.facts;
  const yesNo = (yes: boolean) => (yes ? t('choice.true') : t('transfer.notYet'));
  const row = (label: string, value: ReactNode, testId?: string) => (
    <div key={label}>
      <dt>{label}</dt>
      <dd data-testid={testId}>{value}</dd>
    </div>
  );
  return (
    <>
      <section className="panel" aria-labelledby="basis-title" data-testid="legal-basis">
        <h2 id="basis-title">
          <FormattedMessage id="transfer.legalBasis" />
        </h2>
        <dl className="details">
          {row(t('field.basis'), f.legalBasis ? t(`choice.${f.legalBasis}`) : t('transfer.notYet'), 'basis')}
          {f.legalBasis === 'extradition'
            ? row(t('gate.dual_criminality'), f.dualCriminality ? t(`choice.${f.dualCriminality}`) : t('transfer.notYet'))
            : null}
          {row(
            t('transfer.approval'),
            f.approval && f.approval.basis === f.legalBasis ? (
              <FormattedMessage
                id="transfer.approvedBy"
                values={{ role: t(`role.${f.approval.approverRole}`), ref: f.approval.decisionRef ?? '—' }}
              />
            ) : (
              t('transfer.notYet')
            ),
            'approval',
          )}
        </dl>
        {f.legalBasis === 'extradition' ? (
          <p className="field-help">
            <FormattedMessage id="transfer.extraditionHelp" />
          </p>
        ) : null}
      </section>
      <section className="panel" aria-labelledby="record-title">
        <h2 id="record-title">
          <FormattedMessage id="transfer.record" />
        </h2>
        <dl className="details">
          {row(
            t('transferStage.arrest'),
            f.arrest
              ? `${day(f.arrest.date)} · ${intl.formatList(
                  f.arrest.charges.map((c) => code(c)),
                  { type: 'conjunction' },
                )}`
              : t('transfer.notYet'),
          )}
          {row(t('gate.identity_confirmed'), yesNo(f.identityConfirmed))}
          {row(t('gate.nationality_confirmed'), yesNo(f.nationalityConfirmed))}
          {row(t('gate.warrant_confirmed'), f.warrant ? `${code(f.warrant.kind)} · ${f.warrant.ref}` : t('transfer.notYet'))}
        </dl>
      </section>
      <section className="panel" aria-labelledby="handover-title" data-testid="transfer-handover">
        <h2 id="handover-title">
          <FormattedMessage id="transferStage.handover" />
        </h2>
        <dl className="details">
          {row(t('field.date'), f.handover ? day(f.handover.date) : t('transfer.notYet'))}
          {row(t('transfer.place'), f.handover ? (f.handover.crossingPoint ?? f.handover.airportRef ?? '—') : t('transfer.notYet'))}
          {row(t('field.evidenceListRef'), f.handover ? f.handover.evidenceListRef : t('transfer.notYet'), 'evidence')}
          {row(t('gate.sending_confirmed'), yesNo(f.handoverConfirmedBy.sending))}
          {row(t('gate.receiving_confirmed'), yesNo(f.handoverConfirmedBy.receiving))}
          {row(t('field.detentionFacilityRef'), f.detentionFacilityRef ?? t('transfer.notYet'))}
          {row(t('gate.custody_confirmed'), yesNo(f.custodyConfirmed))}
          {row(t('gate.outcome_reported'), f.prosecutionOutcome ? code(f.prosecutionOutcome) : t('transfer.notYet'))}
        </dl>
      </section>
    </>
  );
}
