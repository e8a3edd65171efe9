/** Names of Viet Nam, China and Thailand, with their usual Latin spellings. */
import { spell, type Country } from './name-parts.js';

export const VN: Country = {
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

export const CN: Country = {
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

export const TH: Country = {
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
