/** Metric label values come from a fixed vocabulary: whatever a client sends becomes "other". */
import { describe, expect, it } from 'vitest';
import { actionOutcome } from '../../api/metrics.js';
import { codeLabel } from '../../platform/metrics.js';

describe('metric labels', () => {
  it('keeps snake_case codes and turns anything else into "other"', () => {
    expect(codeLabel('record_screening')).toBe('record_screening');
    for (const sent of ['Test Person', '5244ef5c-8bfb-4446-ac89-306cbea91113', 'x'.repeat(80), 'Record', '', 42, undefined, null]) {
      expect(codeLabel(sent)).toBe('other');
    }
  });

  it('names an action outcome from the status the API answered', () => {
    expect([200, 201, 400, 401, 403, 404, 409, 422, 503, 500, 413].map(actionOutcome)).toEqual([
      'accepted',
      'accepted',
      'invalid',
      'unauthorized',
      'forbidden',
      'not_found',
      'conflict',
      'refused',
      'timeout',
      'error',
      'rejected',
    ]);
  });
});
