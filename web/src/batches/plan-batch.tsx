/**
 * Planning a batch: which country the people go to, the crossing, the date and the receiving
 * agency. My agency is the sending one. The notice must reach the receiving agency at least
 * three days before the date: the API says so if the date is too close when the batch is locked.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { FormattedMessage } from 'react-intl';
import { useNavigate } from 'react-router';
import { NOTICE_LEAD_DAYS } from '../../../domain/handover-batch/vocabulary.js';
import { COUNTRIES } from '../../../domain/shared/countries.js';
import { api, ApiProblem, newIdempotencyKey, type ProblemDocument } from '../api.js';
import { useTerms } from '../i18n/terms.js';
import { useSession } from '../session.js';
import { Banner, Button, Field } from '../ui/kit.js';
import { CROSSINGS, useNames } from './words.js';
import './batches.css';

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

export function PlanBatch() {
  const { me } = useSession();
  const { t, code, problem: problemText, fieldProblem } = useTerms();
  const names = useNames();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const from = me!.agency.country;
  const [toCountry, setToCountry] = useState('');
  const [crossingPoint, setCrossing] = useState('');
  const [plannedDate, setDate] = useState(inDays(NOTICE_LEAD_DAYS + 7));
  const [receivingAgencyId, setReceiving] = useState('');
  const [problem, setProblem] = useState<ProblemDocument | null>(null);
  const [busy, setBusy] = useState(false);
  const key = useRef(newIdempotencyKey());

  const crossings = CROSSINGS.filter(
    (c) => c.countries.includes(from as never) && (!toCountry || c.countries.includes(toCountry as never)),
  );
  const receivers = names.agencies.filter((a) => a.country === toCountry);
  const errorOf = (field: string) => {
    const found = problem?.errors?.find((e) => e.field === `body.${field}`);
    return found ? fieldProblem(found) : undefined;
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      const planned = await api<{ batchId: string }>(
        'POST',
        '/v1/batches',
        { crossingPoint, plannedDate, sendingAgencyId: me!.agencyId, receivingAgencyId, fromCountry: from, toCountry },
        { 'idempotency-key': key.current },
      );
      await queryClient.invalidateQueries({ queryKey: ['batches'] });
      void navigate(`/batches/${planned.batchId}`);
    } catch (error) {
      key.current = newIdempotencyKey();
      setProblem(error instanceof ApiProblem ? error.problem : { status: 0, code: 'network' });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="plan-title" className="batches">
      <h1 id="plan-title">
        <FormattedMessage id="batches.planTitle" />
      </h1>
      <p className="field-help">
        <FormattedMessage id="batches.planIntro" values={{ agency: me!.agency.name, country: code(from), days: NOTICE_LEAD_DAYS }} />
      </p>
      <form className="stack panel" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="plan-title">
        {problem && !problem.errors?.length ? (
          <Banner kind="error" title={t('action.refused')}>
            {problemText(problem)}
          </Banner>
        ) : null}
        <Field name="toCountry" label={t('field.toCountry')} required error={errorOf('toCountry')}>
          {({ id, describedBy, invalid }) => (
            <select
              id={id}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              value={toCountry}
              onChange={(e) => {
                setToCountry(e.target.value);
                setCrossing('');
                setReceiving('');
              }}
            >
              <option value="">{t('form.choose')}</option>
              {COUNTRIES.filter((c) => c !== from).map((c) => (
                <option key={c} value={c}>
                  {code(c)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="crossingPoint" label={t('field.crossingPoint')} required error={errorOf('crossingPoint')}>
          {({ id, describedBy, invalid }) => (
            <select
              id={id}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              value={crossingPoint}
              onChange={(e) => setCrossing(e.target.value)}
            >
              <option value="">{t('form.choose')}</option>
              {crossings.map((c) => (
                <option key={c.crossingId} value={c.crossingId}>
                  {names.crossing(c.crossingId)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          name="plannedDate"
          label={t('field.plannedDate')}
          help={t('batches.dateHelp', { days: NOTICE_LEAD_DAYS })}
          required
          error={errorOf('plannedDate')}
        >
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              type="date"
              aria-describedby={describedBy}
              aria-invalid={invalid}
              value={plannedDate}
              onChange={(e) => setDate(e.target.value)}
            />
          )}
        </Field>
        <Field name="receivingAgencyId" label={t('field.receivingAgencyId')} required error={errorOf('receivingAgencyId')}>
          {({ id, describedBy, invalid }) => (
            <select
              id={id}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              value={receivingAgencyId}
              onChange={(e) => setReceiving(e.target.value)}
            >
              <option value="">{t('form.choose')}</option>
              {receivers.map((a) => (
                <option key={a.agencyId} value={a.agencyId}>
                  {a.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        {problem?.errors?.length ? (
          <Banner kind="error" title={t('action.refused')}>
            {problemText(problem)}
          </Banner>
        ) : null}
        <Button type="submit" className="btn btn-primary touch" disabled={busy}>
          <FormattedMessage id="batches.planSubmit" />
        </Button>
      </form>
    </section>
  );
}
