import { Type, type TProperties } from 'typebox';

/**
 * A JSON schema for one of a fixed list of codes, typed as exactly those codes. (TypeBox infers
 * `never` for a union built from a mapped array, so the list is declared as an enum instead.)
 */
export const codeOf = <const T extends readonly string[]>(values: T, options: { description?: string } = {}) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });

/** A calendar date, YYYY-MM-DD. */
export const IsoDate = Type.String({ format: 'date', description: 'Calendar date, YYYY-MM-DD' });
/** A reference to something outside Homeward (a crossing, a facility, a decision): no free text. */
export const Ref = Type.String({ minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9._:-]+$' });
export const CaseId = Type.String({ format: 'uuid' });

/** One action of a process: a closed object whose `type` names it (the API's discriminator). */
export const action = <T extends string, P extends TProperties>(type: T, description: string, props: P) =>
  Type.Object({ type: Type.Literal(type), ...props }, { additionalProperties: false, description, title: type });
