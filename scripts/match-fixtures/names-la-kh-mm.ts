/** Names of Laos, Cambodia and Myanmar, with their usual Latin spellings. */
import { spell, type Country, type Part } from './name-parts.js';

export const LA: Country = {
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

export const KH: Country = {
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
export const MM: Country = {
  code: 'MM',
  family: [],
  given: {
    female: syllables('Khin Su Than Mya Aye Nwe Htwe Hnin Phyu Yin San Thet Myint Moe'),
    male: syllables('Aung Kyaw Zaw Min Tun Soe Naing Thein Htet Lwin Myat Win Myint Kyi Phyo Zin'),
  },
  givenCount: [2, 3],
  compose: (_family, given, _sex, form) => given.map((g) => spell(g, form)).join(' '),
};
