/**
 * Writes test/fixtures/match-persons.json: synthetic persons of the six countries, with names in
 * their own scripts and in the Latin spellings officers write, known true pairs (one person recorded
 * twice) and hard non-pairs (same common surname, same birth year, sex and nationality). Fixed seed:
 * running it again writes the same file. `npx tsx scripts/generate-match-fixtures.ts [count]`
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

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

/** mulberry32: small, fast, and the same sequence everywhere for one seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A name part: how it is written in its own script, and the Latin spellings officers use. */
type Part = [native: string, ...latin: string[]];
type Sex = 'female' | 'male';
interface Country {
  code: string;
  family: Part[];
  /** Weight of the first family names (Nguyen is ~40% of Vietnamese). */
  familyWeights?: number[];
  given: Record<Sex, Part[]>;
  /** How a whole name is put together from family and given parts. */
  compose(family: Part | undefined, given: Part[], sex: Sex, form: number): string;
  givenCount: [number, number];
}

const pick = <T>(random: () => number, items: readonly T[], weights?: number[]): T => {
  if (!weights) return items[Math.floor(random() * items.length)]!;
  const total = items.reduce((sum, _i, k) => sum + (weights[k] ?? 1), 0);
  let r = random() * total;
  for (const [k, item] of items.entries()) {
    r -= weights[k] ?? 1;
    if (r <= 0) return item;
  }
  return items.at(-1)!;
};

/** form 0: native script; 1..n: the n-th Latin spelling (wrapping round). */
const spell = (part: Part, form: number): string => (form === 0 ? part[0] : part[1 + ((form - 1) % (part.length - 1))]!);

const VN: Country = {
  code: 'VN',
  family: [
    ['Nguyễn', 'Nguyen'],
    ['Trần', 'Tran'],
    ['Lê', 'Le'],
    ['Phạm', 'Pham'],
    ['Hoàng', 'Hoang'],
    ['Huỳnh', 'Huynh'],
    ['Phan', 'Phan'],
    ['Vũ', 'Vu'],
    ['Võ', 'Vo'],
    ['Đặng', 'Dang'],
    ['Bùi', 'Bui'],
    ['Đỗ', 'Do'],
  ],
  familyWeights: [40, 11, 9, 7, 5, 5, 4, 4, 3, 2, 2, 2],
  given: {
    female: [
      ['Hương', 'Huong'],
      ['Lan', 'Lan'],
      ['Hoa', 'Hoa'],
      ['Mai', 'Mai'],
      ['Linh', 'Linh'],
      ['Thảo', 'Thao'],
      ['Trang', 'Trang'],
      ['Hằng', 'Hang'],
      ['Nga', 'Nga'],
      ['Phương', 'Phuong'],
      ['Thủy', 'Thuy'],
      ['Yến', 'Yen'],
      ['Ngọc', 'Ngoc'],
      ['Anh', 'Anh'],
    ],
    male: [
      ['Dũng', 'Dung'],
      ['Hùng', 'Hung'],
      ['Minh', 'Minh'],
      ['Tuấn', 'Tuan'],
      ['Hải', 'Hai'],
      ['Long', 'Long'],
      ['Nam', 'Nam'],
      ['Quang', 'Quang'],
      ['Sơn', 'Son'],
      ['Thắng', 'Thang'],
      ['Đức', 'Duc'],
      ['Huy', 'Huy'],
    ],
  },
  givenCount: [1, 2],
  compose(family, given, sex, form) {
    const middle = sex === 'female' ? (form === 0 ? 'Thị' : 'Thi') : form === 0 ? 'Văn' : 'Van';
    // Officers write it without diacritics, sometimes in Western order or without the middle name.
    const parts = [spell(family!, form), middle, ...given.map((g) => spell(g, form))];
    if (form === 2) return [...parts.slice(2), parts[0]].join(' ');
    if (form === 3) return [parts[0], ...parts.slice(2)].join(' ');
    return parts.join(' ');
  },
};

const CN: Country = {
  code: 'CN',
  family: [
    ['王', 'Wang'],
    ['李', 'Li', 'Lee'],
    ['张', 'Zhang', 'Chang'],
    ['刘', 'Liu'],
    ['陈', 'Chen'],
    ['杨', 'Yang'],
    ['黄', 'Huang'],
    ['赵', 'Zhao'],
    ['吴', 'Wu'],
    ['周', 'Zhou'],
  ],
  familyWeights: [14, 14, 12, 10, 9, 6, 5, 4, 4, 4],
  given: {
    female: [
      ['芳', 'Fang'],
      ['娜', 'Na'],
      ['秀英', 'Xiuying'],
      ['敏', 'Min'],
      ['静', 'Jing'],
      ['丽', 'Li'],
      ['艳', 'Yan'],
      ['娟', 'Juan'],
      ['霞', 'Xia'],
      ['秀兰', 'Xiulan'],
      ['玲', 'Ling'],
      ['桂英', 'Guiying'],
    ],
    male: [
      ['伟', 'Wei'],
      ['强', 'Qiang'],
      ['磊', 'Lei'],
      ['军', 'Jun'],
      ['洋', 'Yang'],
      ['勇', 'Yong'],
      ['杰', 'Jie'],
      ['涛', 'Tao'],
      ['明', 'Ming'],
      ['超', 'Chao'],
      ['建华', 'Jianhua'],
      ['志强', 'Zhiqiang'],
    ],
  },
  givenCount: [1, 1],
  compose(family, given, _sex, form) {
    if (form === 0) return spell(family!, 0) + given.map((g) => g[0]).join('');
    const latin = [spell(family!, form), given.map((g) => spell(g, 1)).join('')];
    return form === 2 ? latin.reverse().join(' ') : latin.join(' ');
  },
};

const TH: Country = {
  code: 'TH',
  family: [
    ['ใจดี', 'Jaidee', 'Chaidee'],
    ['สุขสวัสดิ์', 'Suksawat', 'Suksawad'],
    ['ศรีสุข', 'Srisuk', 'Sisuk'],
    ['แสงทอง', 'Saengthong', 'Sangthong'],
    ['บุญเรือง', 'Boonruang', 'Bunrueang'],
    ['วงศ์ไทย', 'Wongthai', 'Vongthai'],
    ['ทองดี', 'Thongdee', 'Tongdee'],
    ['มณีรัตน์', 'Maneerat', 'Manirat'],
    ['พรหมมา', 'Phromma', 'Promma'],
    ['จันทร์แก้ว', 'Chankaew', 'Chankeaw'],
    ['สุวรรณ', 'Suwan', 'Suwann'],
    ['รักไทย', 'Rakthai', 'Rakthay'],
  ],
  given: {
    female: [
      ['สมหญิง', 'Somying', 'Som Ying'],
      ['มาลี', 'Malee', 'Mali'],
      ['สุดา', 'Suda', 'Sudaa'],
      ['วิไล', 'Wilai', 'Vilai'],
      ['กาญจนา', 'Kanchana', 'Kanjana'],
      ['พรทิพย์', 'Pornthip', 'Phonthip'],
      ['นิภา', 'Nipa', 'Nipha'],
      ['รัตนา', 'Rattana', 'Ratana'],
      ['อนงค์', 'Anong', 'Anongk'],
      ['ศรีสุดา', 'Srisuda', 'Sisuda'],
    ],
    male: [
      ['สมชาย', 'Somchai', 'Somchay'],
      ['สมศักดิ์', 'Somsak', 'Somsuk'],
      ['ประเสริฐ', 'Prasert', 'Prasoet'],
      ['บุญมี', 'Boonmee', 'Bunmi'],
      ['สุนทร', 'Sunthorn', 'Soonthorn'],
      ['อรุณ', 'Arun', 'Aroon'],
      ['ณัฐพล', 'Nattapon', 'Natthaphon'],
      ['ชัยวัฒน์', 'Chaiwat', 'Chaiwath'],
    ],
  },
  givenCount: [1, 1],
  compose: (family, given, _sex, form) => [...given.map((g) => spell(g, form)), spell(family!, form)].join(' '),
};

const LA: Country = {
  code: 'LA',
  family: [
    ['ພົມມະຈັນ', 'Phommachanh', 'Phommachan'],
    ['ສີສຸພັນ', 'Sisouphanh', 'Sisouphan'],
    ['ວົງສາ', 'Vongsa', 'Wongsa'],
    ['ແສງສະຫວັນ', 'Sengsavanh', 'Saengsavan'],
    ['ຂັນທະວົງ', 'Khanthavong', 'Kanthavong'],
    ['ໄຊຍະວົງ', 'Xayavong', 'Saiyavong'],
    ['ພິມມະສອນ', 'Phimmasone', 'Phimmason'],
    ['ດວງມາລາ', 'Douangmala', 'Duangmala'],
  ],
  given: {
    female: [
      ['ບຸນມີ', 'Bounmy', 'Bounmee'],
      ['ນ້ອຍ', 'Noy', 'Noi'],
      ['ມະນີ', 'Many', 'Manee'],
      ['ສຸລິຍາ', 'Souliya', 'Suliya'],
      ['ບົວ', 'Boua', 'Bua'],
      ['ດາວ', 'Dao', 'Dav'],
      ['ແກ້ວ', 'Keo', 'Kaew'],
      ['ຈັນ', 'Chanh', 'Chan'],
    ],
    male: [
      ['ສົມພອນ', 'Somphone', 'Somphon'],
      ['ຄຳ', 'Kham', 'Khamm'],
      ['ສີສະຫວາດ', 'Sisavath', 'Sisavat'],
      ['ພອນ', 'Phone', 'Phon'],
      ['ວັນ', 'Vanh', 'Van'],
      ['ທອງ', 'Thong', 'Tong'],
      ['ບຸນທັນ', 'Bounthanh', 'Bountan'],
    ],
  },
  givenCount: [1, 1],
  compose: (family, given, _sex, form) => [...given.map((g) => spell(g, form)), spell(family!, form)].join(' '),
};

const KH: Country = {
  code: 'KH',
  family: [
    ['សុខ', 'Sok', 'Sokh'],
    ['ចាន់', 'Chan', 'Chann'],
    ['គឹម', 'Kim', 'Kem'],
    ['ហេង', 'Heng', 'Hengh'],
    ['លី', 'Ly', 'Lee'],
    ['ស៊ុន', 'Sun', 'Soun'],
    ['ម៉ៅ', 'Mao', 'Mau'],
    ['ឈឹម', 'Chhim', 'Chim'],
  ],
  familyWeights: [12, 10, 10, 6, 6, 5, 4, 4],
  given: {
    female: [
      ['ចាន់ធី', 'Chanthy', 'Chanthi'],
      ['ស្រីពៅ', 'Sreypov', 'Srey Pov'],
      ['សុភា', 'Sophea', 'Sopha'],
      ['ដារ៉ា', 'Dara', 'Darah'],
      ['ធីតា', 'Thida', 'Tida'],
      ['បុប្ផា', 'Bopha', 'Boppha'],
      ['រតនា', 'Rathana', 'Ratana'],
      ['សុខា', 'Sokha', 'Sockha'],
    ],
    male: [
      ['វណ្ណា', 'Vanna', 'Wanna'],
      ['សំណាង', 'Samnang', 'Sam Nang'],
      ['វិចិត្រ', 'Vichet', 'Vichith'],
      ['សុផល', 'Sophal', 'Sophol'],
      ['ពិសិដ្ឋ', 'Piseth', 'Pisith'],
      ['រិទ្ធិ', 'Rith', 'Rithy'],
      ['បូរ៉ា', 'Bora', 'Borah'],
    ],
  },
  givenCount: [1, 1],
  compose: (family, given, _sex, form) => [spell(family!, form), ...given.map((g) => spell(g, form))].join(' '),
};

// Burmese names have no family name: two or three syllables, each with its own usual spellings.
const SYLLABLE: Record<string, Part> = Object.fromEntries(
  (
    [
      ['အောင်', 'Aung', 'Ong'],
      ['ကျော်', 'Kyaw', 'Kyo'],
      ['မြင့်', 'Myint', 'Myintt'],
      ['ထွေး', 'Htwe', 'Htway', 'Thwe'],
      ['သန်း', 'Than', 'Thann'],
      ['နွယ်', 'Nwe', 'Nway'],
      ['ဝင်း', 'Win', 'Winn'],
      ['မိုး', 'Moe', 'Mo'],
      ['စု', 'Su', 'Soo'],
      ['လှိုင်', 'Hlaing', 'Hlaingg'],
      ['ခင်', 'Khin', 'Khinn'],
      ['မြ', 'Mya', 'Myaa'],
      ['ဇော်', 'Zaw', 'Zau'],
      ['ထွန်း', 'Tun', 'Htun'],
      ['သိန်း', 'Thein', 'Thein'],
      ['စိုး', 'Soe', 'Soe'],
      ['နိုင်', 'Naing', 'Naingg'],
      ['အေး', 'Aye', 'Aye'],
      ['နှင်း', 'Hnin', 'Hninn'],
      ['ဖြူ', 'Phyu', 'Phyuu'],
      ['ယဉ်', 'Yin', 'Yinn'],
      ['စန်း', 'San', 'Sann'],
      ['ထက်', 'Htet', 'Htett'],
      ['လွင်', 'Lwin', 'Lwinn'],
      ['ကြည်', 'Kyi', 'Kyii'],
      ['မြတ်', 'Myat', 'Myatt'],
      ['ဇင်', 'Zin', 'Zinn'],
      ['မင်း', 'Min', 'Minn'],
      ['သက်', 'Thet', 'Thett'],
      ['ဖြိုး', 'Phyo', 'Pyo'],
    ] as Part[]
  ).map((p) => [p[1]!, p]),
);
const syllables = (names: string) => names.split(' ').map((n) => SYLLABLE[n]!);
const MM: Country = {
  code: 'MM',
  family: [],
  given: {
    female: syllables('Khin Su Than Mya Aye Nwe Htwe Hnin Phyu Yin San Thet Myint Moe'),
    male: syllables('Aung Kyaw Zaw Min Tun Soe Naing Thein Htet Lwin Myat Win Myint Kyi Phyo Zin'),
  },
  givenCount: [2, 3],
  compose: (_family, given, _sex, form) => given.map((g) => spell(g, form)).join(' '),
};

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

if (import.meta.url === `file://${process.argv[1]}`) {
  const fixtures = generate(Number(process.argv[2] ?? 3000));
  const file = join(import.meta.dirname, '..', 'test', 'fixtures', 'match-persons.json');
  // One person or pair per line: small, and a diff shows what changed.
  const lines = (items: unknown[]) => items.map((i) => `  ${JSON.stringify(i)}`).join(',\n');
  writeFileSync(
    file,
    `{\n "seed": ${fixtures.seed},\n "persons": [\n${lines(fixtures.persons)}\n ],\n "truePairs": [\n${lines(fixtures.truePairs)}\n ],\n "hardNonPairs": [\n${lines(fixtures.hardNonPairs)}\n ]\n}\n`,
  );
  process.stdout.write(
    `${fixtures.persons.length} persons, ${fixtures.truePairs.length} true pairs, ${fixtures.hardNonPairs.length} hard groups -> ${file}\n`,
  );
}
