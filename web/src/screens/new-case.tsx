/**
 * Intake of a new victim case: the corridor, sex and age group (recorded on the case), and the
 * person's details (kept only in the person vault).
 */
import { useState, type FormEvent } from 'react';
import { FormattedMessage } from 'react-intl';
import { useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { api, ApiProblem, newIdempotencyKey, type ProblemDocument } from '../api.js';
import { COUNTRIES } from '../case/process.js';
import { useTerms } from '../i18n/terms.js';
import { useSession } from '../session.js';
import { Banner, Button, Choices, Field } from '../ui/kit.js';

const LIST_FIELDS = new Set(['otherNames', 'languages', 'familyContacts']);

export function NewCase() {
  const { me } = useSession();
  const { t, code, problem: problemText, fieldProblem } = useTerms();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [key] = useState(newIdempotencyKey);
  const [values, setValues] = useState<Record<string, string>>({
    hostCountry: me!.agency.country,
    originCountry: '',
    sex: '',
    ageGroup: '',
  });
  const [problem, setProblem] = useState<ProblemDocument | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (name: string) => (value: string) => setValues((v) => ({ ...v, [name]: value }));

  const errors = new Map<string, string>();
  for (const e of problem?.errors ?? []) errors.set(e.field.replace(/^body\.(person\.(details\.)?)?/, '').split('.')[0]!, fieldProblem(e));
  // Checked here too so a caseworker learns at once, but the API decides (same codes).
  const required = (name: string) => (problem && !values[name] ? errors.get(name) : errors.get(name));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    const details: Record<string, unknown> = {};
    for (const name of ['fullName', 'otherNames', 'dateOfBirth', 'placeOfOrigin', 'languages', 'familyContacts', 'notes']) {
      const value = values[name]?.trim();
      if (!value) continue;
      details[name] = LIST_FIELDS.has(name)
        ? value
            .split(/\n/)
            .map((v) => v.trim())
            .filter(Boolean)
        : value;
    }
    const body = {
      hostCountry: values.hostCountry,
      originCountry: values.originCountry || undefined,
      person: { sex: values.sex || undefined, ageGroup: values.ageGroup || undefined, details },
    };
    try {
      const created = await api<{ caseId: string }>('POST', '/v1/cases', body, { 'idempotency-key': key });
      await queryClient.invalidateQueries({ queryKey: ['cases'] });
      void navigate(`/cases/${created.caseId}`);
    } catch (error) {
      setProblem(error instanceof ApiProblem ? error.problem : { status: 0, code: 'network' });
      setBusy(false);
    }
  }

  const countryOptions = COUNTRIES.map((c) => (
    <option key={c} value={c}>
      {code(c)}
    </option>
  ));
  const text = (name: string, options: { multiline?: boolean; type?: string; requiredField?: boolean } = {}) => (
    <Field
      label={t(`field.${name}`)}
      help={options.multiline ? t('form.onePerLine') : undefined}
      error={required(name)}
      required={options.requiredField}
    >
      {({ id, describedBy, invalid }) =>
        options.multiline || name === 'notes' ? (
          <textarea
            id={id}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            rows={3}
            value={values[name] ?? ''}
            onChange={(e) => set(name)(e.target.value)}
          />
        ) : (
          <input
            id={id}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            type={options.type ?? 'text'}
            value={values[name] ?? ''}
            onChange={(e) => set(name)(e.target.value)}
          />
        )
      }
    </Field>
  );

  return (
    <section aria-labelledby="new-case-title">
      <h1 id="new-case-title">
        <FormattedMessage id="newCase.title" />
      </h1>
      <p>
        <FormattedMessage id="newCase.intro" />
      </p>
      {problem && (problem.errors?.length ?? 0) === 0 ? <Banner kind="error">{problemText(problem)}</Banner> : null}
      {problem && (problem.errors?.length ?? 0) > 0 ? (
        <Banner kind="error">{t('form.fixErrors', { count: problem.errors!.length })}</Banner>
      ) : null}
      <form onSubmit={(e) => void submit(e)} noValidate className="stack form-grid">
        <fieldset className="group">
          <legend>
            <FormattedMessage id="newCase.corridor" />
          </legend>
          <Field label={t('field.hostCountry')} error={errors.get('hostCountry')} required>
            {({ id, describedBy }) => (
              <select
                id={id}
                aria-describedby={describedBy}
                value={values.hostCountry}
                onChange={(e) => set('hostCountry')(e.target.value)}
              >
                {countryOptions}
              </select>
            )}
          </Field>
          <Field label={t('field.originCountry')} error={errors.get('originCountry')} required>
            {({ id, describedBy }) => (
              <select
                id={id}
                aria-describedby={describedBy}
                value={values.originCountry}
                onChange={(e) => set('originCountry')(e.target.value)}
              >
                <option value="">{t('form.choose')}</option>
                {countryOptions}
              </select>
            )}
          </Field>
        </fieldset>
        <fieldset className="group">
          <legend>
            <FormattedMessage id="newCase.person" />
          </legend>
          <Choices
            legend={t('field.sex')}
            name="sex"
            required
            value={values.sex ?? ''}
            onChange={set('sex')}
            error={errors.get('sex')}
            choices={['female', 'male', 'other'].map((s) => ({ value: s, label: t(`sex.${s}`) }))}
          />
          <Choices
            legend={t('field.ageGroup')}
            name="ageGroup"
            required
            value={values.ageGroup ?? ''}
            onChange={set('ageGroup')}
            error={errors.get('ageGroup')}
            choices={['adult', 'child'].map((s) => ({ value: s, label: t(`ageGroup.${s}`) }))}
          />
        </fieldset>
        <fieldset className="group">
          <legend>
            <FormattedMessage id="newCase.details" />
          </legend>
          <p className="field-help">
            <FormattedMessage id="newCase.detailsHelp" />
          </p>
          {text('fullName', { requiredField: true })}
          {text('otherNames', { multiline: true })}
          {text('dateOfBirth', { type: 'date' })}
          {text('placeOfOrigin')}
          {text('languages', { multiline: true })}
          {text('familyContacts', { multiline: true })}
          {text('notes')}
        </fieldset>
        <Button type="submit" disabled={busy}>
          <FormattedMessage id="newCase.submit" />
        </Button>
      </form>
    </section>
  );
}
