/**
 * Realistic agencies and crossings of the six countries, for development, demos and tests. Ids
 * are stable: tokens and events refer to them.
 */
import type { Agency, Crossing } from './registry.js';

export const SEED_AGENCIES: Agency[] = [
  // Thailand
  {
    agencyId: 'th-dsdhs-bangkok',
    name: 'Department of Social Development and Human Security (MSDHS), Bangkok',
    country: 'TH',
    kind: 'social_welfare',
  },
  { agencyId: 'th-shelter-tak', name: 'Tak Protection and Occupational Development Centre', country: 'TH', kind: 'social_welfare' },
  { agencyId: 'th-atpd', name: 'Anti-Trafficking in Persons Division, Royal Thai Police', country: 'TH', kind: 'police' },
  { agencyId: 'th-immigration', name: 'Immigration Bureau, Royal Thai Police', country: 'TH', kind: 'immigration' },
  { agencyId: 'th-blo-mae-sot', name: 'Border Liaison Office Mae Sot', country: 'TH', kind: 'border_liaison_office' },
  {
    agencyId: 'th-oag-central-authority',
    name: 'Office of the Attorney General (central authority)',
    country: 'TH',
    kind: 'central_authority',
  },
  { agencyId: 'th-ngo-shelter', name: 'Partner NGO shelter, Chiang Rai', country: 'TH', kind: 'ngo' },
  // Myanmar
  { agencyId: 'mm-dsw', name: 'Department of Social Welfare, Nay Pyi Taw', country: 'MM', kind: 'social_welfare' },
  { agencyId: 'mm-dsw-myawaddy', name: 'Department of Social Welfare, Myawaddy reception', country: 'MM', kind: 'social_welfare' },
  { agencyId: 'mm-atipd', name: 'Anti-Trafficking in Persons Division, Myanmar Police Force', country: 'MM', kind: 'police' },
  { agencyId: 'mm-immigration', name: 'Department of Immigration and Population', country: 'MM', kind: 'immigration' },
  { agencyId: 'mm-embassy-bangkok', name: 'Embassy of Myanmar, Bangkok', country: 'MM', kind: 'embassy' },
  { agencyId: 'mm-ngo-reintegration', name: 'Reintegration partner NGO, Yangon', country: 'MM', kind: 'ngo' },
  // Cambodia
  {
    agencyId: 'kh-mosvy',
    name: 'Ministry of Social Affairs, Veterans and Youth Rehabilitation (MoSVY)',
    country: 'KH',
    kind: 'social_welfare',
  },
  { agencyId: 'kh-poipet-transit', name: 'Poipet Transit Centre', country: 'KH', kind: 'social_welfare' },
  { agencyId: 'kh-ahtjp', name: 'Anti-Human Trafficking and Juvenile Protection Department', country: 'KH', kind: 'police' },
  { agencyId: 'kh-embassy-bangkok', name: 'Royal Embassy of Cambodia, Bangkok', country: 'KH', kind: 'embassy' },
  { agencyId: 'kh-ngo-reintegration', name: 'Reintegration partner NGO, Phnom Penh', country: 'KH', kind: 'ngo' },
  // Laos
  { agencyId: 'la-mlsw', name: 'Ministry of Labour and Social Welfare', country: 'LA', kind: 'social_welfare' },
  { agencyId: 'la-vientiane-transit', name: 'Vientiane Transit Center', country: 'LA', kind: 'social_welfare' },
  { agencyId: 'la-lwu', name: "Lao Women's Union", country: 'LA', kind: 'ngo' },
  { agencyId: 'la-police-atd', name: 'Anti-Human Trafficking Department, Ministry of Public Security', country: 'LA', kind: 'police' },
  { agencyId: 'la-embassy-bangkok', name: 'Embassy of the Lao PDR, Bangkok', country: 'LA', kind: 'embassy' },
  // Viet Nam
  { agencyId: 'vn-molisa', name: 'Ministry of Labour, Invalids and Social Affairs (MOLISA)', country: 'VN', kind: 'social_welfare' },
  { agencyId: 'vn-mps', name: 'Ministry of Public Security, anti-trafficking police', country: 'VN', kind: 'police' },
  { agencyId: 'vn-border-guard', name: 'Border Guard Command, Lao Cai', country: 'VN', kind: 'border_liaison_office' },
  { agencyId: 'vn-embassy-beijing', name: 'Embassy of Viet Nam, Beijing', country: 'VN', kind: 'embassy' },
  { agencyId: 'vn-ngo-reintegration', name: 'Peace House shelter (NGO), Ha Noi', country: 'VN', kind: 'ngo' },
  // China
  { agencyId: 'cn-mps-atd', name: 'Ministry of Public Security, anti-trafficking office', country: 'CN', kind: 'police' },
  { agencyId: 'cn-civil-affairs-yunnan', name: 'Yunnan Department of Civil Affairs', country: 'CN', kind: 'social_welfare' },
  { agencyId: 'cn-nia', name: 'National Immigration Administration', country: 'CN', kind: 'immigration' },
  { agencyId: 'cn-blo-ruili', name: 'Border Liaison Office Ruili', country: 'CN', kind: 'border_liaison_office' },
  {
    agencyId: 'cn-mps-central-authority',
    name: 'Ministry of Justice (central authority for extradition)',
    country: 'CN',
    kind: 'central_authority',
  },
  // Regional
  { agencyId: 'iom-bangkok', name: 'IOM Regional Office, Bangkok', country: 'TH', kind: 'international_organisation' },
];

export const SEED_CROSSINGS: Crossing[] = [
  { crossingId: 'mae-sot-myawaddy', name: 'Mae Sot - Myawaddy', countries: ['TH', 'MM'], kind: 'land' },
  { crossingId: 'mae-sai-tachileik', name: 'Mae Sai - Tachileik', countries: ['TH', 'MM'], kind: 'land' },
  { crossingId: 'nong-khai-vientiane', name: 'Nong Khai - Vientiane', countries: ['TH', 'LA'], kind: 'land' },
  { crossingId: 'aranyaprathet-poipet', name: 'Aranyaprathet - Poipet', countries: ['TH', 'KH'], kind: 'land' },
  { crossingId: 'dongxing-mong-cai', name: 'Dongxing - Mong Cai', countries: ['CN', 'VN'], kind: 'land' },
  { crossingId: 'pingxiang-lang-son', name: 'Pingxiang - Lang Son', countries: ['CN', 'VN'], kind: 'land' },
  { crossingId: 'hekou-lao-cai', name: 'Hekou - Lao Cai', countries: ['CN', 'VN'], kind: 'land' },
  { crossingId: 'ruili-muse', name: 'Ruili - Muse', countries: ['CN', 'MM'], kind: 'land' },
  { crossingId: 'mohan-boten', name: 'Mohan - Boten', countries: ['CN', 'LA'], kind: 'land' },
  { crossingId: 'wattay-airport', name: 'Wattay International Airport, Vientiane', countries: ['LA', 'CN'], kind: 'airport' },
];
