/**
 * The synthetic persons: true pairs (one person recorded twice, in other scripts or spellings, a
 * year apart, with an alias), hard non-pairs (different persons sharing the most common family
 * name, year, sex and nationality) and the rest, per country; no two different persons are namesakes.
 */
import { type Country, type Part, type Sex } from './name-parts.js';
import { KH, LA, MM } from './names-la-kh-mm.js';
import { CN, TH, VN } from './names-vn-cn-th.js';
import { pick, seededRandom } from './random.js';

export interface FixturePerson {
  id: string;
  names: string[];
  birthYear?: number;
  sex?: 'female' | 'male';
  nationality: string;
  documentNumbers?: string[];
}
export interface MatchFixtures {
  seed: number;
  persons: FixturePerson[];
  /** Ids of the two records of one person. */
  truePairs: [string, string][];
  /** Groups of different persons made to look alike (same surname, year, sex, nationality). */
  hardNonPairs: string[][];
}

const COUNTRIES = [VN, CN, TH, LA, KH, MM];

interface Identity {
  country: Country;
  family: Part | undefined;
  given: Part[];
  sex: Sex;
  birthYear: number;
}

export function generate(count = 3000, seed = 20261201): MatchFixtures {
  const random = seededRandom(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const persons: FixturePerson[] = [];
  const truePairs: [string, string][] = [];
  const hardNonPairs: string[][] = [];
  let next = 0;
  const id = () => `p${String(next++).padStart(5, '0')}`;

  // Two different persons never share family name, given names and a birth year within one: such
  // namesakes are indistinguishable by anyone (they are suggested, by design, for a person to decide),
  // so the truth could not say they differ.
  const taken = new Set<string>();
  const fingerprint = (who: Identity, year: number) =>
    `${who.country.code}|${who.family?.[0] ?? ''}|${who.given
      .map((g) => g[0])
      .sort()
      .join(' ')}|${year}`;
  const isTaken = (who: Identity) => [-1, 0, 1].some((d) => taken.has(fingerprint(who, who.birthYear + d)));
  const tryIdentity = (
    country: Country,
    overrides: Partial<Identity> = {},
    avoid: ReadonlySet<string> = new Set(),
  ): Identity | undefined => {
    let tries = 0;
    for (;;) {
      const sex: Sex = overrides.sex ?? (random() < 0.7 ? 'female' : 'male');
      const given: Part[] = [];
      const wanted = int(...country.givenCount);
      while (given.length < wanted) given.push(pick(random, country.given[sex]));
      const who: Identity = {
        country,
        family: country.family.length ? pick(random, country.family, country.familyWeights) : undefined,
        given,
        sex,
        birthYear: int(1970, 2010),
        ...overrides,
      };
      if (isTaken(who) || who.given.some((g) => avoid.has(g[0]))) {
        if (++tries > 2000) return undefined;
        continue;
      }
      taken.add(fingerprint(who, who.birthYear));
      return who;
    }
  };
  const identity = (country: Country, overrides: Partial<Identity> = {}): Identity => tryIdentity(country, overrides)!;
  const record = (who: Identity, form: number, extra: Partial<FixturePerson> = {}): FixturePerson => {
    const person: FixturePerson = {
      id: id(),
      names: [who.country.compose(who.family, who.given, who.sex, form)],
      birthYear: who.birthYear,
      sex: who.sex,
      nationality: who.country.code,
      ...extra,
    };
    persons.push(person);
    return person;
  };
  const document = () => `${pick(random, ['N', 'P', 'B', 'E'])}${int(1000000, 9999999)}`;

  const perCountry = Math.floor(count / COUNTRIES.length);
  for (const country of COUNTRIES) {
    const pairs = Math.floor(perCountry * 0.3);
    for (let k = 0; k < pairs; k++) {
      const who = identity(country);
      const doc = random() < 0.2 ? document() : undefined;
      // First record: usually in the person's own script (form 0), else a Latin spelling.
      const firstForm = random() < 0.7 ? 0 : 1;
      const secondForm = firstForm === 0 ? int(1, 3) : int(2, 3);
      const a = record(who, firstForm, doc ? { documentNumbers: [doc] } : {});
      const year = random() < 0.2 ? who.birthYear + pick(random, [-1, 1]) : random() < 0.05 ? undefined : who.birthYear;
      const b = record({ ...who, birthYear: year ?? who.birthYear }, secondForm, {
        ...(year === undefined ? { birthYear: undefined } : {}),
        // A suspect transfer records no sex; some records carry it.
        ...(random() < 0.2 ? { sex: undefined } : {}),
        ...(doc && random() < 0.7 ? { documentNumbers: [doc.replace(/^(.)(\d{3})/, '$1 $2 ').toLowerCase()] } : {}),
      });
      // A tenth of the second records give another name first, the known one as an alias.
      if (random() < 0.1) {
        const alias = identity(country, { sex: who.sex });
        b.names = [country.compose(alias.family, alias.given, who.sex, secondForm), ...b.names];
      }
      truePairs.push([a.id, b.id]);
    }
    // Hard non-pairs: different people with the most common family name, same year, sex, nationality.
    const groups = Math.floor(perCountry * 0.06);
    for (let made = 0; made < groups;) {
      const base = { family: country.family[0], sex: (random() < 0.7 ? 'female' : 'male') as Sex, birthYear: int(1970, 2010) };
      const members: Identity[] = [];
      const used = new Set<string>();
      // Different given names within a group: different people who share only the common ones.
      while (members.length < 4) {
        const member = tryIdentity(country, base, used);
        if (!member) break;
        for (const g of member.given) used.add(g[0]);
        members.push(member);
      }
      if (members.length < 4) continue; // that year is crowded: try another
      hardNonPairs.push(members.map((member) => record(member, int(0, 2)).id));
      made += 1;
    }
    while (persons.filter((p) => p.nationality === country.code).length < perCountry) record(identity(country), int(0, 3));
  }
  return { seed, persons, truePairs, hardNonPairs };
}
