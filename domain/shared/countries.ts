/** The six COMMIT countries (ISO 3166-1 alpha-2). */
export const COUNTRIES = ['KH', 'CN', 'LA', 'MM', 'TH', 'VN'] as const;
export type Country = (typeof COUNTRIES)[number];

export function isCountry(value: string): value is Country {
  return (COUNTRIES as readonly string[]).includes(value);
}
