/**
 * Histories recorded from real cases (test/histories/) must replay on the current workflow code
 * without nondeterminism: otherwise a deploy would break cases that are running.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { PROJECT_ROOT } from '../../platform/config.js';
import { homewardDataConverter } from '../../platform/crypto/data-converter.js';
import { parseKeyRing } from '../../platform/crypto/key-ring.js';
import { TEST_PAYLOAD_KEYS } from '../support/harness.js';

const HISTORIES = join(PROJECT_ROOT, 'test', 'histories');
const files = readdirSync(HISTORIES).filter((f) => f.endsWith('.json'));

describe('replay of recorded case histories', () => {
  it('has recorded histories that exercise updates', () => {
    expect(files.length).toBeGreaterThanOrEqual(2);
    for (const file of files) {
      const events = JSON.parse(readFileSync(join(HISTORIES, file), 'utf8')).events as { eventType: string }[];
      expect(events.filter((e) => e.eventType === 'EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED').length).toBeGreaterThan(10);
      expect(events.at(-1)?.eventType).toBe('EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED');
    }
  });

  it.each(files)('%s replays on the current workflow code', async (file) => {
    const history = JSON.parse(readFileSync(join(HISTORIES, file), 'utf8'));
    // Histories recorded with the payload codec decode with the test keys; older plaintext ones pass through.
    const dataConverter = homewardDataConverter(parseKeyRing('TEST_PAYLOAD_KEYS', TEST_PAYLOAD_KEYS));
    await expect(
      Worker.runReplayHistory({ workflowBundle: { codePath: inject('workflowBundlePath') }, dataConverter }, history, file),
    ).resolves.toBeUndefined();
  });
});
