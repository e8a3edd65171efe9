/** The dashboards' filters: kept in the address (a view can be bookmarked or sent), chosen from selects. */
import { useSearchParams } from 'react-router';
import { COUNTRIES, STAGES } from '../case/process.js';
import { useTerms } from '../i18n/terms.js';
import { useSession } from '../session.js';
import type { Agency } from '../types.js';
import { corridorsOf } from './data.js';

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

/** "Thailand → Myanmar" */
export function useCorridorName() {
  const { code } = useTerms();
  return (corridor: string) =>
    corridor
      .split('-')
      .map((c) => code(c))
      .join(' → ');
}

export function CorridorFilter({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const { t } = useTerms();
  const { me } = useSession();
  const name = useCorridorName();
  return (
    <FilterSelect
      name="corridor"
      label={t('monitoring.filter.corridor')}
      value={value}
      onChange={onChange}
      options={corridorsOf(me!.agency.country, COUNTRIES).map((c) => ({ value: c, label: name(c) }))}
    />
  );
}

export function StageFilter({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const { t, code } = useTerms();
  return (
    <FilterSelect
      name="stage"
      label={t('filter.stage')}
      value={value}
      onChange={onChange}
      options={STAGES.map((s) => ({ value: s, label: code(s) }))}
    />
  );
}

/** Agencies grouped by country, my country first. */
export function AgencyFilter({
  label,
  value,
  onChange,
  agencies,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  agencies: Agency[];
}) {
  const { code } = useTerms();
  const { me } = useSession();
  const countries = [me!.agency.country, ...COUNTRIES.filter((c) => c !== me!.agency.country)];
  return (
    <FilterSelect
      name="agencyId"
      label={label}
      value={value}
      onChange={onChange}
      groups={countries
        .map((country) => ({
          label: code(country),
          options: agencies.filter((a) => a.country === country).map((a) => ({ value: a.agencyId, label: a.name })),
        }))
        .filter((g) => g.options.length > 0)}
    />
  );
}
