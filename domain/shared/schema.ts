import { Type } from 'typebox';

/**
 * A JSON schema for one of a fixed list of codes, typed as exactly those codes. (TypeBox infers
 * `never` for a union built from a mapped array, so the list is declared as an enum instead.)
 */
export const codeOf = <const T extends readonly string[]>(values: T, options: { description?: string } = {}) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });
