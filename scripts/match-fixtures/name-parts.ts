/** How the fixtures write a name: parts in their own script and in the Latin spellings officers use. */

/** A name part: how it is written in its own script, and the Latin spellings officers use. */
export type Part = [native: string, ...latin: string[]];
export type Sex = 'female' | 'male';
export interface Country {
  code: string;
  family: Part[];
  /** Weight of the first family names (Nguyen is ~40% of Vietnamese). */
  familyWeights?: number[];
  given: Record<Sex, Part[]>;
  /** How a whole name is put together from family and given parts. */
  compose(family: Part | undefined, given: Part[], sex: Sex, form: number): string;
  givenCount: [number, number];
}

/** form 0: native script; 1..n: the n-th Latin spelling (wrapping round). */
export const spell = (part: Part, form: number): string => (form === 0 ? part[0] : part[1 + ((form - 1) % (part.length - 1))]!);
