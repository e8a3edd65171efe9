/**
 * The kinds of agency that take part in cross-border cases, and the roles of their staff. The
 * registry itself lives in the database (seeded from `seed.ts`); access rules read it.
 */
import type { Country } from '../shared/countries.js';

export const AGENCY_KINDS = [
  'police',
  'border_liaison_office',
  'social_welfare',
  'immigration',
  'embassy',
  'ngo',
  'international_organisation',
  'prosecutor_court',
  'central_authority',
] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];

export interface Agency {
  agencyId: string;
  name: string;
  country: Country;
  kind: AgencyKind;
}

export interface Crossing {
  crossingId: string;
  name: string;
  countries: [Country, Country];
  kind: 'land' | 'airport';
}
