/**
 * A list's filters, kept in the address (a view can be bookmarked or sent), each chosen from a
 * select whose first choice is "any". The case list, the transfer list and the dashboards use them.
 */
import { useSearchParams } from 'react-router';
import { useTerms } from '../i18n/terms.js';

export function useFilters<K extends string>(keys: readonly K[]) {
  const [params, setParams] = useSearchParams();
  const values = Object.fromEntries(keys.map((k) => [k, params.get(k) ?? ''])) as Record<K, string>;
  /** Sets several at once (one new address: setting them one by one would keep only the last). */
  const update = (changes: Partial<Record<K, string>>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes) as [K, string][]) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setParams(next, { replace: true });
  };
  const set = (key: K, value: string) => update({ [key]: value } as Partial<Record<K, string>>);
  return { values, set, update };
}

export function FilterSelect({
  name,
  label,
  value,
  onChange,
  options,
  groups,
}: {
  name: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  options?: { value: string; label: string }[];
  groups?: { label: string; options: { value: string; label: string }[] }[];
}) {
  const { t } = useTerms();
  const option = (o: { value: string; label: string }) => (
    <option key={o.value} value={o.value}>
      {o.label}
    </option>
  );
  return (
    <div className="filter">
      <label htmlFor={`filter-${name}`}>{label}</label>
      <select id={`filter-${name}`} name={name} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t('filter.any')}</option>
        {options?.map(option)}
        {groups?.map((g) => (
          <optgroup key={g.label} label={g.label}>
            {g.options.map(option)}
          </optgroup>
        ))}
      </select>
    </div>
  );
}
