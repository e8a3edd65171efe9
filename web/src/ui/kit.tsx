/**
 * The console's small design system: large touch targets, visible focus, labels tied to inputs,
 * errors announced and tied to their field. Plain elements and CSS (styles.css), no library.
 */
import { useId, type ReactNode } from 'react';
import { FormattedMessage } from 'react-intl';

export function Button({
  children,
  kind = 'primary',
  ...props
}: React.ButtonHTMLAttributes<HTMLButtonElement> & { kind?: 'primary' | 'secondary' | 'danger' }) {
  return (
    <button className={`btn btn-${kind}`} type={props.type ?? 'button'} {...props}>
      {children}
    </button>
  );
}

interface FieldProps {
  /** The field's name in the request, for tests and styles. */
  name?: string;
  label: ReactNode;
  help?: ReactNode;
  error?: string | undefined;
  required?: boolean;
  children: (ids: { id: string; describedBy: string | undefined; invalid: boolean }) => ReactNode;
}

/** A labelled control with its help text and its error, both read out with the control. */
export function Field({ name, label, help, error, required, children }: FieldProps) {
  const id = useId();
  const describedBy = [help ? `${id}-help` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field-invalid' : ''}`} data-field={name}>
      <label htmlFor={id} className="field-label">
        {label}
        {required ? (
          <span className="required">
            {' '}
            <FormattedMessage id="form.required" />
          </span>
        ) : null}
      </label>
      {help ? (
        <p id={`${id}-help`} className="field-help">
          {help}
        </p>
      ) : null}
      {children({ id, describedBy, invalid: Boolean(error) })}
      {error ? (
        <p id={`${id}-error`} className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** A group of radio buttons in a fieldset: every choice is a large target. */
export function Choices({
  legend,
  name,
  choices,
  value,
  onChange,
  error,
  help,
  required,
}: {
  legend: ReactNode;
  name: string;
  choices: { value: string; label: string }[];
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  help?: ReactNode;
  required?: boolean;
}) {
  const id = useId();
  return (
    <fieldset
      data-field={name}
      className={`field choices${error ? ' field-invalid' : ''}`}
      aria-describedby={[help ? `${id}-help` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined}
    >
      <legend className="field-label">
        {legend}
        {required ? (
          <span className="required">
            {' '}
            <FormattedMessage id="form.required" />
          </span>
        ) : null}
      </legend>
      {help ? (
        <p id={`${id}-help`} className="field-help">
          {help}
        </p>
      ) : null}
      <div className="choice-list">
        {choices.map((choice) => (
          <label key={choice.value} className="choice">
            <input
              type="radio"
              name={`${name}-${id}`}
              value={choice.value}
              checked={value === choice.value}
              onChange={() => onChange(choice.value)}
            />
            <span>{choice.label}</span>
          </label>
        ))}
      </div>
      {error ? (
        <p id={`${id}-error`} className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

export function Banner({
  kind,
  title,
  children,
}: {
  kind: 'info' | 'warning' | 'error' | 'success';
  title?: ReactNode;
  children?: ReactNode;
}) {
  return (
    <div className={`banner banner-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {title ? <p className="banner-title">{title}</p> : null}
      {children}
    </div>
  );
}

export function Loading() {
  return (
    <p className="loading" role="status">
      <FormattedMessage id="common.loading" />
    </p>
  );
}
