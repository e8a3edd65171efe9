/** The dashboards' own filters (corridor, stage, agency), made of the lists' FilterSelect (ui/filters.tsx). */
import { COUNTRIES, STAGES } from '../case/process.js';
import { useTerms } from '../i18n/terms.js';
import { useSession } from '../session.js';
import type { Agency } from '../types.js';
import { corridorsOf } from './data.js';
import { FilterSelect } from '../ui/filters.js';

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
