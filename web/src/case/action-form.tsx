/**
 * One action as a form built from its JSON schema: a choice for each closed list, a date picker
 * for dates, text for references. Labels, help and choices are translated; a refusal is shown
 * translated, at the field it names when it names one.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { api, ApiProblem, newIdempotencyKey, type ProblemDocument } from '../api.js';
import { useTerms } from '../i18n/terms.js';
import type { Agency, CaseDetail, CaseSummary } from '../types.js';
import { Banner, Button, Choices, Field } from '../ui/kit.js';
import { caseNumber } from './process.js';
import { actionsPathOf, bodyOf, fieldsOf, type FieldSpec, type JsonSchema } from './schema.js';

/** Reference fields that name an agency: chosen from the registry instead of typed. */
const AGENCY_FIELDS = new Set(['toAgencyId']);
/** Reference fields that name another case: chosen from my agency's open cases. */
const CASE_FIELDS = new Set(['caseId']);

/** Where a form other than an action is posted (links, track change), and what to do with the answer. */
export interface RequestTarget {
  path: string;
  onAnswer?: (answer: unknown) => void;
}

export function ActionForm({
  detail,
  type,
  schema,
  open,
  onRecorded,
  target,
  actionsPath,
  fixed = {},
}: {
  /** The case or transfer the form acts on (its kind chooses the actions' route). */
  detail: Pick<CaseDetail, 'caseId' | 'hostCountry' | 'originCountry'> & { kind?: string };
  /** The action's type, or the form's name for another request (`link_case`, `rescreen_as_suspect`, ...). */
  type: string;
  schema: JsonSchema;
  open: boolean;
  onRecorded: (type: string) => void;
  /** Another request than an action: posted without `type`, to its own route. */
  target?: RequestTarget;
  /** Where the action is posted, when not the route of the detail's kind. */
  actionsPath?: string;
  /** Values the screen already knows (e.g. the reader's own side): sent, not asked. */
  fixed?: Record<string, string>;
}) {
  const { t, has, code, problem: problemText, fieldProblem } = useTerms();
  const queryClient = useQueryClient();
  const fields = fieldsOf(schema).filter((f) => !(f.name in fixed));
  const [values, setValues] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<ProblemDocument | null>(null);
  const [busy, setBusy] = useState(false);
  const idempotencyKey = useRef(newIdempotencyKey());
  const agencies = useQuery({
    queryKey: ['agencies'],
    queryFn: () => api<{ items: Agency[] }>('GET', '/v1/agencies'),
    staleTime: Infinity,
    enabled: fields.some((f) => AGENCY_FIELDS.has(f.name)),
  });
  const openCases = useQuery({
    queryKey: ['cases', 'open-to-link'],
    queryFn: () => api<{ items: CaseSummary[] }>('GET', '/v1/cases?status=open&limit=200'),
    enabled: fields.some((f) => CASE_FIELDS.has(f.name)),
  });

  const fieldErrors = new Map<string, string>();
  for (const error of problem?.errors ?? []) {
    const path = error.field.replace(/^body\./, '');
    const name = fields.find((f) => f.name === path)?.name ?? path.split('.')[0]!;
    if (fields.some((f) => f.name === name)) fieldErrors.set(name, fieldProblem(error));
  }
  // Fields the refusal itself names (e.g. params.field) are marked too.
  const namedField = typeof problem?.params?.field === 'string' ? String(problem.params.field).replace(/^body\./, '') : undefined;
  const formLevel = problem && (fieldErrors.size === 0 || problem.status !== 400);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    const body = target ? bodyOf(fields, values) : { type, ...fixed, ...bodyOf(fields, values) };
    const path = (target?.path ?? actionsPath ?? actionsPathOf(detail.kind ?? 'victim_repatriation')).replace('{caseId}', detail.caseId);
    try {
      const answer = await api('POST', path, body, { 'idempotency-key': idempotencyKey.current });
      idempotencyKey.current = newIdempotencyKey();
      setValues({});
      onRecorded(type);
      target?.onAnswer?.(answer);
      await queryClient.invalidateQueries({ queryKey: ['case', detail.caseId] });
      await queryClient.invalidateQueries({ queryKey: ['inbox'] });
    } catch (error) {
      // A refusal wrote nothing: the next attempt is a new request.
      idempotencyKey.current = newIdempotencyKey();
      setProblem(error instanceof ApiProblem ? error.problem : { status: 0, code: 'network' });
    } finally {
      setBusy(false);
    }
  }

  const set = (name: string) => (value: string) => setValues((v) => ({ ...v, [name]: value }));
  const helpOf = (name: string) => (has(`help.${type}.${name}`) ? t(`help.${type}.${name}`) : undefined);

  function input(field: FieldSpec) {
    const error = fieldErrors.get(field.name) ?? (namedField === field.name && problem ? problemText(problem) : undefined);
    const label = t(`field.${field.name.split('.').at(-1)}`);
    const value = values[field.name] ?? '';
    if (field.kind === 'multi') {
      const chosen = new Set(value ? value.split(',') : []);
      const toggle = (choice: string) => {
        if (!chosen.delete(choice)) chosen.add(choice);
        set(field.name)(field.choices.filter((c) => chosen.has(c)).join(','));
      };
      return (
        <fieldset key={field.name} data-field={field.name} className={`field choices${error ? ' field-invalid' : ''}`}>
          <legend className="field-label">
            {label}
            {field.required ? <span className="required"> {t('form.required')}</span> : null}
          </legend>
          <div className="choice-list">
            {field.choices.map((c) => (
              <label key={c} className="choice">
                <input type="checkbox" value={c} checked={chosen.has(c)} onChange={() => toggle(c)} />
                <span>{code(c)}</span>
              </label>
            ))}
          </div>
          {error ? (
            <p className="field-error" role="alert">
              {error}
            </p>
          ) : null}
        </fieldset>
      );
    }
    if (field.kind === 'choice' || field.kind === 'boolean') {
      const choices = field.kind === 'boolean' ? ['true', 'false'] : field.choices;
      if (choices.length <= 4)
        return (
          <Choices
            key={field.name}
            legend={label}
            name={field.name}
            help={helpOf(field.name)}
            required={field.required}
            error={error}
            value={value}
            onChange={set(field.name)}
            choices={choices.map((c) => ({ value: c, label: code(c) }))}
          />
        );
    }
    return (
      <Field key={field.name} name={field.name} label={label} help={helpOf(field.name)} error={error} required={field.required}>
        {({ id, describedBy, invalid }) =>
          CASE_FIELDS.has(field.name) && openCases.data ? (
            <select
              id={id}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              value={value}
              onChange={(e) => set(field.name)(e.target.value)}
            >
              <option value="">{t('form.choose')}</option>
              {openCases.data.items
                .filter((c) => c.caseId !== detail.caseId)
                .map((c) => (
                  <option key={c.caseId} value={c.caseId}>
                    {caseNumber(c.caseId)} · {t(`caseKind.${c.kind}`)} · {code(c.hostCountry)} → {code(c.originCountry)}
                  </option>
                ))}
            </select>
          ) : field.kind === 'choice' || (AGENCY_FIELDS.has(field.name) && agencies.data) ? (
            <select
              id={id}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              value={value}
              onChange={(e) => set(field.name)(e.target.value)}
            >
              <option value="">{t('form.choose')}</option>
              {field.kind === 'choice'
                ? field.choices.map((c) => (
                    <option key={c} value={c}>
                      {code(c)}
                    </option>
                  ))
                : agencyOptions(agencies.data!.items, detail).map((a) => (
                    <option key={a.agencyId} value={a.agencyId}>
                      {a.name} ({code(a.country)})
                    </option>
                  ))}
            </select>
          ) : (
            <input
              id={id}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              type={field.kind === 'date' ? 'date' : 'text'}
              value={value}
              onChange={(e) => set(field.name)(e.target.value)}
            />
          )
        }
      </Field>
    );
  }

  return (
    <details className="action" open={open} data-action={target ? undefined : type} data-request={target ? type : undefined}>
      <summary>
        <span className="action-title">{t(`action.${type}`)}</span>
      </summary>
      <form onSubmit={(e) => void submit(e)} noValidate className="stack" aria-label={t(`action.${type}`)}>
        <p className="field-help">{t(`action.${type}.help`)}</p>
        {formLevel ? (
          <Banner kind="error" title={t('action.refused')}>
            {problemText(problem)}
          </Banner>
        ) : null}
        {fields.map(input)}
        <Button type="submit" disabled={busy}>
          {/* Each action's name is already what the button does ("Record consent", "Close the case"). */}
          {t(`action.${type}`)}
        </Button>
      </form>
    </details>
  );
}

/** Agencies of the other country come first: requests and custody go across the border. */
function agencyOptions(agencies: Agency[], detail: Pick<CaseDetail, 'hostCountry' | 'originCountry'>): Agency[] {
  return agencies
    .filter((a) => a.country === detail.originCountry || a.country === detail.hostCountry)
    .sort((a, b) => Number(b.country === detail.originCountry) - Number(a.country === detail.originCountry));
}
