/**
 * The benchmarks seed their data sets from case histories the real decider produces
 * (bench/event-template.ts). When a rule changes (a repeat refused, a gate added), the template must
 * still take a case from opening to closing, or `npm run bench` dies before measuring anything.
 */
import { describe, expect, it } from 'vitest';
import { caseHistory } from '../../bench/event-template.js';

describe('bench case templates', () => {
  for (const child of [false, true])
    it(`plays a whole ${child ? 'child' : 'adult'} case through the decider`, () => {
      const history = caseHistory({ child, minLength: 40 });
      expect(history.length).toBeGreaterThanOrEqual(40);
      expect(history[0]!.type).toBe('CaseOpened');
      expect(history.at(-1)!.type).toBe('CaseClosed');
    });
});
