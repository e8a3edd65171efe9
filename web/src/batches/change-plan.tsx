/** For the planning (sending) agency: move the handover to another date or crossing, or call it off. */
import { useState, type FormEvent } from 'react';
import { FormattedMessage } from 'react-intl';
import { CANCEL_REASONS, NOTICE_LEAD_DAYS } from '../../../domain/handover-batch/vocabulary.js';
import { useTerms } from '../i18n/terms.js';
import { Banner, Button, Choices, Field } from '../ui/kit.js';
import { useBatchCommand } from './command.js';
import { may, type Batch } from './model.js';
import { CROSSINGS, useNames } from './words.js';

export function ChangePlan({ batch }: { batch: Batch }) {
  const { t, problem } = useTerms();
  const names = useNames();
  const reschedule = useBatchCommand(batch.batchId, 'reschedule');
  const cancel = useBatchCommand(batch.batchId, 'cancel');
  const [date, setDate] = useState(batch.plannedDate);
  const [crossing, setCrossing] = useState(batch.crossingPoint);
  const [reason, setReason] = useState('');
  const crossings = CROSSINGS.filter(
    (c) => c.countries.includes(batch.fromCountry as never) && c.countries.includes(batch.toCountry as never),
  );

  const onReschedule = (event: FormEvent) => {
    event.preventDefault();
    const body: Record<string, string> = {};
    if (date !== batch.plannedDate) body.plannedDate = date;
    if (crossing !== batch.crossingPoint) body.crossingPoint = crossing;
    void reschedule.send(body);
  };
  const onCancel = (event: FormEvent) => {
    event.preventDefault();
    void cancel.send({ reason });
  };

  return (
    <section className="panel" aria-labelledby="change-title">
      <h2 id="change-title">
        <FormattedMessage id="batch.changeTitle" />
      </h2>
      {may(batch, 'reschedule') ? (
        <details className="action" data-action="reschedule">
          <summary>
            <span className="action-title">{t('batch.reschedule')}</span>
          </summary>
          <form className="stack" noValidate onSubmit={onReschedule} aria-label={t('batch.reschedule')}>
            <p className="field-help">
              <FormattedMessage id="batch.rescheduleHelp" values={{ days: NOTICE_LEAD_DAYS }} />
            </p>
            {reschedule.problem ? (
              <Banner kind="error" title={t('action.refused')}>
                {problem(reschedule.problem)}
              </Banner>
            ) : null}
            <Field name="plannedDate" label={t('field.plannedDate')}>
              {({ id, describedBy }) => (
                <input id={id} type="date" aria-describedby={describedBy} value={date} onChange={(e) => setDate(e.target.value)} />
              )}
            </Field>
            <Field name="crossingPoint" label={t('field.crossingPoint')}>
              {({ id, describedBy }) => (
                <select id={id} aria-describedby={describedBy} value={crossing} onChange={(e) => setCrossing(e.target.value)}>
                  {crossings.map((c) => (
                    <option key={c.crossingId} value={c.crossingId}>
                      {names.crossing(c.crossingId)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Button type="submit" className="btn btn-primary touch" disabled={reschedule.busy}>
              {t('batch.reschedule')}
            </Button>
          </form>
        </details>
      ) : null}
      {may(batch, 'cancel') ? (
        <details className="action" data-action="cancel">
          <summary>
            <span className="action-title">{t('batch.cancel')}</span>
          </summary>
          <form className="stack" noValidate onSubmit={onCancel} aria-label={t('batch.cancel')}>
            <p className="field-help">
              <FormattedMessage id="batch.cancelHelp" />
            </p>
            {cancel.problem ? (
              <Banner kind="error" title={t('action.refused')}>
                {problem(cancel.problem)}
              </Banner>
            ) : null}
            <Choices
              legend={t('field.reason')}
              name="reason"
              required
              value={reason}
              onChange={setReason}
              choices={CANCEL_REASONS.map((r) => ({ value: r, label: t(`cancelReason.${r}`) }))}
            />
            <Button type="submit" kind="danger" className="btn btn-danger touch" disabled={cancel.busy || !reason}>
              {t('batch.cancel')}
            </Button>
          </form>
        </details>
      ) : null}
    </section>
  );
}
